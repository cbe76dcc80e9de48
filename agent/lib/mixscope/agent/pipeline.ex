defmodule Mixscope.Agent.Pipeline do
  @moduledoc """
  The reload pipeline: write a saved source, compile the tree that owns it, load the result and
  announce it as module events.

  One process serialises every compile (like Phoenix's code reloader): two compilers writing the
  same manifest and ebin would corrupt both. Reloads of the same path still waiting in the
  mailbox are answered by one compile of the newest content.

  A reload of a main-project file runs Mix's Elixir compiler directly (`compile.elixir`, not the
  whole `compile` alias): loadpaths, the deps check, protocol consolidation and the app file
  were done when the VM started and do not change when a source does. Mix then recompiles what
  it would recompile: the file, and the files that depend on it at compile time or on its
  exports. Usually the pipeline works out that set itself, by Mix's rules from the manifest it
  keeps in memory, and hands it straight to the parallel compiler, skipping Mix's per-compile
  cost of listing, stat-ing and re-encoding every source (see `Mixscope.Agent.Pipeline.FastPath`).
  A save whose content is what Mix last compiled still compiles the file it names.

  A file inside a path dependency or umbrella app is compiled inside that app (its manifest,
  beams to its ebin, as `mix compile` does), then the main project, or the umbrella's other
  apps, follow.
  """

  use GenServer

  alias Mixscope.Agent.{Events, Graph, Project, Trace}
  alias Mixscope.Agent.Graph.Live
  alias Mixscope.Agent.Pipeline.{Compiler, GraphFollow, Index, Owner, Paths, Run, SourceWriter}

  @typedoc "Who caused a reload, as events report it."
  @type origin :: Events.origin()

  @typedoc "Per compiled module: the saved file's modules carry hash and functions inline."
  @type payload :: %{mod: String.t(), source_hash: String.t() | nil, functions: [map()] | nil}

  @typedoc "A flattened compiler diagnostic."
  @type diagnostic :: Mixscope.Agent.Pipeline.Diagnostics.t()

  @doc "Starts the pipeline process (registered under this module's name)."
  @spec start_link(keyword()) :: GenServer.on_start()
  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @doc false
  @spec child_spec(keyword()) :: Supervisor.child_spec()
  def child_spec(opts), do: %{id: __MODULE__, start: {__MODULE__, :start_link, [opts]}}

  @doc """
  Writes `content` to `path` (relative to the project root or absolute inside it), formats it,
  compiles what depends on it and loads the result.

  Returns the compiled modules' payloads, the saved file's first, or an error: code
  `path_outside_project` (nothing written), `write_failed`, or `compile_failed` with the
  diagnostics (the file keeps the sent text, the previously loaded code keeps running).
  """
  @spec reload(String.t(), String.t(), origin()) ::
          {:ok, %{recompiled: [payload()]}} | {:error, String.t(), String.t(), [diagnostic()]}
  def reload(path, content, origin \\ :user) do
    GenServer.call(server(), {:reload, path, content, origin}, :infinity)
  end

  @doc "Like `reload/3` but returns at once; the outcome arrives only as events."
  @spec reload_async(String.t(), String.t(), origin()) :: :ok
  def reload_async(path, content, origin \\ :user) do
    GenServer.cast(server(), {:reload, path, content, origin})
  end

  @doc """
  Compiles the whole project as `mix compile` would (path deps first, then the main app),
  emitting the same events as a reload. Used at VM start and by live sync.
  """
  @spec compile_project(origin()) :: {:ok, [diagnostic()]} | {:error, [diagnostic()]}
  def compile_project(origin \\ :startup) do
    GenServer.call(server(), {:compile_project, origin}, :infinity)
  end

  @doc """
  Makes Mix's compile manifest describe every file the pipeline compiled: saves compiled on
  the fast path (see `Mixscope.Agent.Pipeline.FastPath`) are compiled once more by Mix. Useful
  before handing the project to another Mix process; the VM itself does not need it. No-op when
  the pipeline is not running or nothing is pending.
  """
  @spec settle() :: :ok | :error
  def settle do
    case GenServer.whereis(__MODULE__) do
      nil -> :ok
      pid -> GenServer.call(pid, :settle, :infinity)
    end
  end

  @doc """
  The dependency graph (see `Mixscope.Agent.Graph`), kept in memory by the pipeline: built from
  the manifest with the saves not in it yet, patched after each compile (each change is also
  emitted as a `graph_changed` event).
  """
  @spec graph() :: Graph.t() | {:error, String.t(), String.t()}
  def graph, do: GenServer.call(server(), :graph, :infinity)

  @doc """
  Runs `fun`, a compile made outside the pipeline (live sync's `compile_paths`) that may rewrite
  Mix's manifests, so that the graph change it causes goes out with `origin` and right after
  the compile, instead of as `external` at the next manifest poll. When the pipeline is not
  running, just runs `fun`.
  """
  @spec compiling_elsewhere(Events.origin(), (() -> result)) :: result when result: term()
  def compiling_elsewhere(origin, fun) do
    # Casts: they never fail, running pipeline or not, and keep their order.
    GenServer.cast(__MODULE__, {:elsewhere_started, origin})

    try do
      fun.()
    after
      GenServer.cast(__MODULE__, :elsewhere_finished)
    end
  end

  @doc "Traces a file's references (see `Mixscope.Agent.Trace`) between two compiles."
  @spec trace(String.t()) :: {:ok, [Trace.entry()]} | {:error, String.t(), String.t()} | tuple()
  def trace(path), do: GenServer.call(server(), {:trace, path}, :infinity)

  @doc """
  Files compiled outside Mix's manifest (the fast path) that it does not describe yet, with the
  references and modules their compile produced: `%{absolute_file => %{compile:, export:,
  runtime:, modules:}}`. Empty when the pipeline is not running.
  """
  @spec pending() :: %{String.t() => map()}
  def pending do
    case GenServer.whereis(__MODULE__) do
      nil -> %{}
      pid -> GenServer.call(pid, :pending, :infinity)
    end
  end

  # The pipeline is started by the agent's supervisor; a caller that comes first (a test, the
  # boot compile) starts it unlinked so it outlives the caller.
  defp server do
    case GenServer.whereis(__MODULE__) do
      nil ->
        case GenServer.start(__MODULE__, [], name: __MODULE__) do
          {:ok, pid} -> pid
          {:error, {:already_started, pid}} -> pid
        end

      pid ->
        pid
    end
  end

  # Saves compiled outside Mix's manifest are harmless to the next save (the in-memory index
  # describes them, see `FastPath`), but a terminal `mix compile` would compile them again. The
  # pipeline hands them to Mix itself (`settle/0`), lazily: `compile.elixir` holds the compile
  # lock for seconds on a large project (it lists and stats every source), and a save arriving
  # meanwhile would wait for it. So it runs only after a long idle (a pause in editing, before
  # anyone is likely to turn to a terminal), is skipped when a save is already queued (the save
  # goes first and re-arms the timer), and a save arriving once it runs pays for it: a rare
  # event. It does not run at VM shutdown: the VM halts as soon as its link closes, and the
  # next `mix compile`, or the next session's boot compile, does the same work.
  # (`settle_after: nil` turns it off.)
  @settle_after 30_000

  @impl true
  def init(opts) do
    schedule_refresh()
    settle_after = Keyword.get(opts, :settle_after, @settle_after)

    state = %{
      index: nil,
      dirty: MapSet.new(),
      overlay: %{},
      live: nil,
      live_origin: :external,
      settle_after: settle_after,
      settle_timer: nil
    }

    {:ok, state, {:continue, :warm}}
  end

  # The index follows compiles made elsewhere (a terminal `mix compile`) by polling the manifests'
  # mtimes, so a save after one does not pay for re-reading the manifest.
  @refresh_every 1_000

  defp schedule_refresh, do: Process.send_after(self(), :poll_index, @refresh_every)

  @impl true
  def handle_call({:reload, path, content, origin}, from, state) do
    {content, froms} = coalesce(path, content, [from])
    overlay = state.overlay
    {reply, state} = do_reload(path, content, origin, state)
    Enum.each(froms, &GenServer.reply(&1, reply))
    {:noreply, state |> GraphFollow.follow(overlay, origin) |> schedule_settle()}
  end

  def handle_call(:settle, _from, state) do
    overlay = state.overlay
    {reply, state} = serialized(fn -> Run.settle(state) end)
    {:reply, reply, GraphFollow.follow(state, overlay, :user)}
  end

  def handle_call(:pending, _from, state), do: {:reply, state.overlay, state}

  def handle_call(:graph, _from, state) do
    {graph, state} = current_graph(state)
    {:reply, graph, state}
  end

  # In this process, so the trace sees the graph of the last compile and waits for none.
  def handle_call({:trace, path}, _from, state) do
    {graph, state} = current_graph(state)
    {:reply, Trace.run(path, graph), state}
  end

  def handle_call({:compile_project, origin}, _from, state) do
    overlay = state.overlay
    {reply, state} = serialized(fn -> Run.project(origin, state) end)
    {:reply, reply, GraphFollow.follow(state, overlay, origin)}
  end

  defp current_graph(state) do
    root = Project.root()
    {entry, index} = Index.ensure(state.index || %{}, Compiler.manifest(), root)
    state = state |> Map.put(:index, index) |> GraphFollow.sync(entry)

    case state.live do
      %{stamp: stamp, graph: live} when stamp == entry.stamp ->
        {Live.to_graph(live), state}

      _ ->
        # No manifest, or one no reader understands.
        {Graph.from_index(entry, state.overlay, root), state}
    end
  end

  # The first save should not pay for reading the manifest.
  @impl true
  def handle_continue(:warm, state) do
    if Mix.Project.get() do
      {entry, index} = Index.ensure(state.index || %{}, Compiler.manifest(), Project.root())
      {:noreply, GraphFollow.sync(%{state | index: index}, entry)}
    else
      {:noreply, state}
    end
  end

  @impl true
  def handle_info(:refresh_index, state) do
    # Several compiles may have queued a refresh; one read covers them all.
    flush(:refresh_index)
    {:noreply, refresh_graph(state)}
  end

  def handle_info(:poll_index, state) do
    schedule_refresh()
    {:noreply, refresh_graph(state)}
  end

  def handle_info({:settle_idle, timer}, %{settle_timer: timer} = state) do
    if reload_queued?(), do: {:noreply, %{state | settle_timer: nil}}, else: settle_idle(state)
  end

  def handle_info(_message, state), do: {:noreply, state}

  # Re-reads the manifests that changed on disk; the graph follows if the main one did.
  defp refresh_graph(state) do
    GraphFollow.sync_main(%{state | index: state.index && Index.refresh(state.index)})
  end

  defp reload_queued? do
    {:messages, messages} = Process.info(self(), :messages)

    Enum.any?(messages, fn
      {:"$gen_call", _from, {:reload, _, _, _}} -> true
      {:"$gen_cast", {:reload, _, _, _}} -> true
      _ -> false
    end)
  end

  defp settle_idle(state) do
    # Its output ("Compiling 2 files") would only repeat what the saves already reported.
    shell = Mix.shell()
    Mix.shell(Mix.Shell.Quiet)

    try do
      overlay = state.overlay
      {_reply, state} = serialized(fn -> Run.settle(state) end)
      {:noreply, %{GraphFollow.follow(state, overlay, :user) | settle_timer: nil}}
    after
      Mix.shell(shell)
    end
  end

  @impl true
  def handle_cast({:elsewhere_started, origin}, state) do
    {:noreply, %{state | live_origin: origin}}
  end

  def handle_cast(:elsewhere_finished, state) do
    state = refresh_graph(state)
    # A later manifest change nobody announced is a terminal's.
    {:noreply, %{state | live_origin: :external}}
  end

  def handle_cast({:reload, path, content, origin}, state) do
    {content, froms} = coalesce(path, content, [])
    overlay = state.overlay
    {reply, state} = do_reload(path, content, origin, state)
    Enum.each(froms, &GenServer.reply(&1, reply))
    {:noreply, state |> GraphFollow.follow(overlay, origin) |> schedule_settle()}
  end

  defp schedule_settle(state) do
    # A newer save makes the pending timer's message stale (it carries the old ref).
    if state.settle_after && MapSet.size(state.dirty) > 0 do
      timer = make_ref()
      Process.send_after(self(), {:settle_idle, timer}, state.settle_after)
      %{state | settle_timer: timer}
    else
      %{state | settle_timer: nil}
    end
  end

  defp flush(message) do
    receive do
      ^message -> flush(message)
    after
      0 -> :ok
    end
  end

  # Later saves of the same path already queued supersede this one: the newest content is
  # compiled once and every waiting caller gets that compile's answer.
  defp coalesce(path, content, froms) do
    receive do
      {:"$gen_call", from, {:reload, ^path, newer, _origin}} ->
        coalesce(path, newer, [from | froms])

      {:"$gen_cast", {:reload, ^path, newer, _origin}} ->
        coalesce(path, newer, froms)
    after
      0 -> {content, froms}
    end
  end

  defp do_reload(path, content, origin, state) do
    root = Project.root()

    with {:ok, file} <- resolve(path, root),
         {:ok, _written} <- write(file, content) do
      Events.emit(:source_written, origin, %{path: Paths.relative(file, root)})
      serialized(fn -> Run.reload(file, Owner.of(file, root), origin, root, state) end)
    else
      {:error, code, message} -> {{:error, code, message, []}, state}
    end
  rescue
    # A bug here must not take the pipeline (and its queued callers) down with it.
    exception ->
      message = Exception.format(:error, exception, __STACKTRACE__)
      {{:error, "internal_error", message, []}, state}
  end

  defp resolve(path, root) do
    case Paths.resolve(path, root, Owner.path_dep_dirs()) do
      {:ok, file} ->
        {:ok, file}

      {:error, :path_outside_project} ->
        {:error, "path_outside_project", "#{inspect(path)} is outside the project #{root}"}
    end
  end

  defp write(file, content) do
    case SourceWriter.write(file, content) do
      {:ok, written} -> {:ok, written}
      {:error, reason} -> {:error, "write_failed", "could not write #{file}: #{inspect(reason)}"}
    end
  end

  # Compiles share one lock with live sync (another process may compile after a `git pull`).
  defp serialized(fun) do
    sync = Mixscope.Agent.Sync

    if Code.ensure_loaded?(sync) and function_exported?(sync, :serialized, 1) do
      sync.serialized(fun)
    else
      fun.()
    end
  end
end
