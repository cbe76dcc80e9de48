defmodule Mixscope.Agent.Trace do
  @moduledoc """
  Why a file depends on others: every reference it makes to a module of the project, with the
  reason and label `mix xref trace FILE` prints (Elixir 1.14's rules), computed in the running VM.

  Like `mix xref trace`, the file is compiled with a tracer; unlike it, nothing is written (no
  `.beam`, no manifest) and the code the VM runs is left as it was: the compile takes the
  compile lock shared with the reload pipeline, runs in its own process, and afterwards every
  module it defined is put back the way it was loaded before (modules that were not loaded are
  unloaded again; a module whose source on disk no longer matches its loaded code gets its
  previous code back from its `.beam`).
  """

  alias Mixscope.Agent.{Graph, Names, Project}
  alias Mixscope.Agent.Pipeline.{CompileProcess, Diagnostics, Owner, Paths}
  alias Mixscope.Agent.Trace.Tracer

  @typedoc "One reference, as the wire protocol's `TraceEntry`."
  @type entry :: %{
          to: String.t() | nil,
          mod: String.t(),
          reason: String.t(),
          target: String.t() | nil,
          label: String.t(),
          file: String.t(),
          line: non_neg_integer() | nil
        }

  @doc """
  The references `path` (relative to the project root or absolute inside it) makes, sorted by
  line. Errors: `path_outside_project`, `not_found`, `trace_unavailable` (a module of the file is
  still run by processes in old code, or its loaded code differs from its `.beam`),
  `compile_failed` with diagnostics.
  """
  @spec file(String.t()) ::
          {:ok, [entry()]}
          | {:error, String.t(), String.t()}
          | {:error, String.t(), String.t(), list()}
  def file(path) do
    # The running pipeline holds the graph of the last compile and runs the trace between two
    # compiles; without it (tests, a bare VM) the manifest is read directly.
    if GenServer.whereis(Mixscope.Agent.Pipeline),
      do: Mixscope.Agent.Pipeline.trace(path),
      else: run(path, Graph.dependency_graph())
  end

  @doc false
  @spec run(String.t(), Graph.t() | {:error, String.t(), String.t()}) ::
          {:ok, [entry()]}
          | {:error, String.t(), String.t()}
          | {:error, String.t(), String.t(), list()}
  def run(_path, {:error, code, message}), do: {:error, code, message}

  def run(path, graph) do
    root = Project.root()

    with {:ok, file} <- resolve(path, root) do
      module_files =
        for node <- graph.nodes, mod <- node.modules, into: %{}, do: {wire(mod), node.id}

      relative = Paths.relative(file, root)
      own = for node <- graph.nodes, node.id == relative, m <- node.modules, do: wire(m)
      # A file the main graph does not list (a path dependency's) may still define loaded modules.
      own = if own == [], do: loaded_from(file), else: own
      serialized(fn -> trace(file, own, module_files, root) end)
    end
  end

  defp loaded_from(file) do
    for {module, _} <- :code.all_loaded(), compiled_from(module) == file, do: module
  end

  defp compiled_from(module) do
    case :erlang.get_module_info(module, :compile)[:source] do
      nil -> nil
      source -> List.to_string(source)
    end
  rescue
    # Unloaded meanwhile.
    _ -> nil
  end

  defp resolve(path, root) do
    case Paths.resolve(path, root, Owner.path_dep_dirs()) do
      {:ok, file} ->
        if File.regular?(file),
          do: {:ok, file},
          else: {:error, "not_found", "no source file #{inspect(path)}"}

      {:error, :path_outside_project} ->
        {:error, "path_outside_project", "#{inspect(path)} is outside the project #{root}"}
    end
  end

  defp wire(name) do
    case Names.from_wire(name) do
      {:ok, module} -> module
      :error -> String.to_atom("Elixir." <> name)
    end
  end

  defp trace(file, own, module_files, root) do
    before = Map.new(own, &{&1, loaded(&1)})

    with :ok <- check_loaded(before) do
      case CompileProcess.run(fn -> compile(file, MapSet.new(Map.keys(module_files))) end) do
        {:ok, entries, defined} ->
          restore(before, defined)
          {:ok, entries |> visible() |> Enum.map(&to_entry(&1, module_files, root))}

        {:error, diagnostics, defined} ->
          restore(before, defined)
          diagnostics = Diagnostics.normalize_all(diagnostics, root)

          {:error, "compile_failed", "#{Paths.relative(file, root)} does not compile",
           diagnostics}
      end
    end
  end

  # What is needed to put a module back: its loaded MD5 and the bytes of its `.beam` when that
  # is what is loaded.
  defp loaded(module) do
    if :erlang.module_loaded(module) do
      md5 = module.module_info(:md5)

      case :code.get_object_code(module) do
        {^module, binary, beam} ->
          if beam_md5(binary) == md5, do: {md5, beam, binary}, else: {md5, nil, nil}

        :error ->
          {md5, nil, nil}
      end
    else
      :not_loaded
    end
  end

  defp beam_md5(binary) do
    case :beam_lib.md5(binary) do
      {:ok, {_module, md5}} -> md5
      _ -> nil
    end
  end

  # Recompiling purges a module's old code, killing processes still running it; and code that
  # is not its `.beam` could not be put back.
  defp check_loaded(before) do
    Enum.reduce_while(before, :ok, fn
      {_module, :not_loaded}, acc ->
        {:cont, acc}

      {module, {_md5, nil, nil}}, _acc ->
        {:halt, unavailable("the loaded code of #{inspect(module)} is not its .beam file")}

      {module, _}, acc ->
        if :code.soft_purge(module),
          do: {:cont, acc},
          else: {:halt, unavailable("processes still run old code of #{inspect(module)}")}
    end)
  end

  defp unavailable(why), do: {:error, "trace_unavailable", "cannot trace now: #{why}"}

  # Runs in its own process (see `CompileProcess`), with only the trace's tracer.
  defp compile(file, modules) do
    Tracer.start(modules)

    CompileProcess.with_project_options(fn _current -> [Tracer] end, fn ->
      case Kernel.ParallelCompiler.compile([file]) do
        {:ok, _modules, _warnings} ->
          {entries, defined} = Tracer.stop()
          {:ok, Enum.sort(entries), defined}

        {:error, errors, _warnings} ->
          {_entries, defined} = Tracer.stop()
          {:error, errors, defined}
      end
    end)
  end

  # Modules the compile defined go back to how they were before it.
  defp restore(before, defined) do
    Enum.each(Enum.uniq(defined), fn module ->
      case Map.get(before, module, :not_loaded) do
        :not_loaded ->
          :code.soft_purge(module)
          :code.delete(module)

        {md5, beam, binary} ->
          if :erlang.module_loaded(module) and module.module_info(:md5) != md5 and
               :code.soft_purge(module) do
            :code.load_binary(module, beam, binary)
          end
      end
    end)
  end

  # `mix xref trace` leaves out an alias when the same module has another reference with the
  # same label.
  defp visible(entries) do
    others =
      for {_file, _line, target, mode, reason} <- entries,
          reason != :alias,
          into: MapSet.new(),
          do: {module_of(target), mode}

    Enum.filter(entries, fn {_file, _line, target, mode, reason} ->
      reason != :alias or not MapSet.member?(others, {target, mode})
    end)
  end

  defp to_entry({file, line, target, mode, reason}, module_files, root) do
    module = module_of(target)

    %{
      to: Map.get(module_files, module),
      mod: Names.to_wire(module),
      reason: Atom.to_string(reason),
      target: target(target),
      label: Atom.to_string(mode),
      file: Paths.relative(file, root),
      line: line
    }
  end

  defp module_of({module, _name, _arity}), do: module
  defp module_of(module), do: module

  defp target({module, name, arity}), do: Exception.format_mfa(module, name, arity)
  defp target(_module), do: nil

  # Compiles share one lock with the pipeline and live sync.
  defp serialized(fun) do
    sync = Mixscope.Agent.Sync

    if Code.ensure_loaded?(sync) and function_exported?(sync, :serialized, 1),
      do: sync.serialized(fun),
      else: fun.()
  end
end
