defmodule Mixscope.Agent.Sync do
  @moduledoc """
  Keeps the VM in line with the files on disk when they change outside a Mixscope save.

    * `compile_paths/2` compiles a batch of changed, new and deleted source files as one
      compile (a `git checkout` of 300 files is one `compile_started`), loads the results and
      purges the modules of deleted files.
    * `sync_loaded/1` loads what another OS process compiled into `_build` (a terminal
      `mix compile`) and purges modules whose `.beam` disappeared.
    * `skew/1` tells whether a module's loaded code, `.beam` and source agree.
    * `start_listener/0` subscribes to Mix's compile notifications where Mix has them
      (Elixir 1.18+), so terminal compiles are noticed without watching ebin folders.

  Every compile in the VM runs under `serialized/1` (the reload pipeline takes it too), so a
  watcher compile never overlaps a save.
  """

  alias Mixscope.Agent.{Events, Pipeline}
  alias Mixscope.Agent.Pipeline.Paths
  alias Mixscope.Agent.Sync.{Batch, Loaded, Project}

  @typedoc "Who caused the work, as events report it."
  @type origin :: Events.origin()

  @typedoc "What `compile_paths/2` answers."
  @type compile_result :: %{recompiled: [String.t()], removed: [String.t()], diagnostics: [map()]}

  @typedoc "What `sync_loaded/1` answers."
  @type sync_result :: %{reloaded: [String.t()], purged: [String.t()]}

  @typedoc "How a module's loaded code, `.beam` and source relate."
  @type skew :: %{stale: boolean(), loaded_differs: boolean(), source_differs: boolean()}

  @doc """
  Compiles the project once for a batch of changed/new/deleted `paths` (relative to the
  project root or absolute inside it or one of its path dependencies).

  Emits `compile_started`, one bare `recompiled` per module whose code changed, a
  `source_removed` per module whose source went away, `compile_failed` when the compile fails,
  and `compile_finished`, all with `origin`.
  """
  @spec compile_paths([String.t()], origin()) ::
          {:ok, compile_result()} | {:error, String.t(), String.t(), [map()]}
  def compile_paths(paths, origin \\ :watcher) when is_list(paths) do
    root = Project.root()
    units = Project.units()

    case resolve_all(paths, root, units) do
      {:ok, resolved} ->
        compile = fn -> Batch.run(resolved, origin, root, units) end
        {:ok, serialized(fn -> Pipeline.compiling_elsewhere(origin, compile) end)}

      {:error, path} ->
        {:error, "path_outside_project", "#{path} is outside the project", []}
    end
  end

  @doc """
  Loads every project module whose `.beam` on disk differs from the loaded code, and purges
  loaded modules whose `.beam` is gone; emits `recompiled` / `source_removed` with `origin`.

  Modules never loaded stay unloaded (the VM loads them on first use), except ones whose
  `.beam` was written after this VM started: those are new to the VM and are announced.
  `beams` (absolute `.beam` paths seen changing) limits the reload check to those files.
  """
  @spec sync_loaded(origin(), [String.t()] | nil) :: {:ok, sync_result()}
  def sync_loaded(origin \\ :external, beams \\ nil) do
    root = Project.root()
    {:ok, serialized(fn -> Loaded.run(Project.units(), beams, origin, root) end)}
  end

  @doc """
  How `mod`'s loaded code, `.beam` and source relate: `loaded_differs` when the loaded code is
  not the `.beam` on disk (or the `.beam` is gone), `source_differs` when the source's bytes are
  not the ones the `.beam` was compiled from (or the source is gone). `stale` is either.
  """
  @spec skew(module()) :: skew()
  defdelegate skew(mod), to: Mixscope.Agent.Sync.Skew, as: :of

  @doc """
  A staleness check for a listing of many modules, called as
  `check.(mod, beam_path, absolute_source, source_hash_hex)`; reads each manifest once.
  """
  @spec stale_checker() ::
          (module(), String.t(), String.t() | nil, String.t() | nil -> boolean())
  defdelegate stale_checker(), to: Mixscope.Agent.Sync.Skew, as: :checker

  @doc "True when `skew/1` reports the module stale."
  @spec stale?(module()) :: boolean()
  def stale?(mod), do: skew(mod).stale

  @doc """
  Subscribes to Mix's compile notifications on Elixir 1.18+ (see `Mixscope.Agent.Sync.Listener`);
  `{:error, :unsupported}` on older Elixir, where Node watches the ebin folders instead.
  """
  @spec start_listener() :: {:ok, pid()} | {:error, term()}
  defdelegate start_listener(), to: Mixscope.Agent.Sync.Listener, as: :attach

  @doc """
  Runs `fun` while holding the compile lock shared with the reload pipeline, so at most one
  compile runs in this VM at a time.
  """
  @spec serialized((() -> result)) :: result when result: term()
  def serialized(fun) do
    # Re-entrant: a caller already holding the lock runs directly instead of deadlocking.
    if Process.get(:mixscope_compile_lock), do: fun.(), else: global_lock(fun)
  end

  defp global_lock(fun) do
    :global.trans(
      {:mixscope_compile, self()},
      fn ->
        Process.put(:mixscope_compile_lock, true)

        try do
          fun.()
        after
          Process.delete(:mixscope_compile_lock)
        end
      end,
      [node()],
      :infinity
    )
  end

  # -- compile_paths -----------------------------------------------------------------------

  defp resolve_all(paths, root, units) do
    Enum.reduce_while(paths, {:ok, []}, fn path, {:ok, acc} ->
      case resolve(path, root, units) do
        {:ok, abs} -> {:cont, {:ok, [abs | acc]}}
        :error -> {:halt, {:error, path}}
      end
    end)
    |> case do
      {:ok, list} -> {:ok, list |> Enum.reverse() |> Enum.uniq()}
      error -> error
    end
  end

  # Inside the project root, or inside a path dependency's folder (which may lie elsewhere).
  defp resolve(path, root, units) when is_binary(path) do
    [root | Enum.map(units, & &1.root)]
    |> Enum.uniq()
    |> Enum.find_value(:error, fn base ->
      # Checked with symlinks resolved, but kept as spelled: the compiler records sources
      # under the project root as given, and deleted files are matched against those.
      case Paths.resolve(path, base) do
        {:ok, _real} -> {:ok, Path.expand(path, base)}
        {:error, _} -> nil
      end
    end)
  end

  defp resolve(_path, _root, _units), do: :error
end
