defmodule Mixscope.Agent.Pipeline.Compiler do
  @moduledoc false

  # Runs Mix's Elixir compiler for one project (the main one or a path dependency) and reports
  # what it compiled. Every compile runs in a fresh process (see `CompileProcess`); a crash in
  # it becomes a diagnostic.

  alias Mixscope.Agent.Pipeline.{CompileProcess, Diagnostics, Tracer}

  import CompileProcess, only: [mtime: 1]

  @type result :: %{
          required(:status) => :ok | :noop | :error,
          required(:compiled) => [{module(), String.t()}],
          required(:diagnostics) => [Diagnostics.t()],
          optional(:refs) => %{String.t() => map()}
        }

  @tracer_args ["--tracer", inspect(Tracer)]

  @doc """
  Runs `compile.elixir` for the current Mix project, making sure `changed` files are seen as
  stale even when they were written in the same second as the previous compile.
  """
  @spec compile_elixir([String.t()], String.t()) :: result()
  def compile_elixir(changed, root) do
    isolated(root, fn ->
      make_stale(changed)
      Mix.Tasks.Compile.Elixir.run(["--ignore-module-conflict" | @tracer_args])
    end)
  end

  @doc """
  Runs `compile.elixir` inside the path dependency `dep` (its manifest, its ebin); `after_deps`
  are dependencies compiled just before whose changes it must pick up (umbrella siblings).
  """
  @spec compile_dep(Mix.Dep.t(), [String.t()], String.t(), [Mix.Dep.t()]) :: result()
  def compile_dep(dep, changed, root, after_deps \\ []) do
    isolated(root, fn ->
      Mix.Dep.in_dependency(dep, fn _ ->
        make_stale(changed)
        follow_deps(after_deps)
        Mix.Tasks.Compile.Elixir.run(["--ignore-module-conflict" | @tracer_args])
      end)
    end)
  end

  @doc """
  Compiles `files` with the parallel compiler straight into `ebin`, with the project's
  `elixirc_options`, outside Mix's manifest.
  """
  @spec compile_files([String.t()], String.t(), String.t()) :: result()
  def compile_files(files, ebin, root) do
    isolated(root, fn ->
      # The references Mix would store in its manifest for each file, so the dependency graph
      # can show the new edges before Mix's manifest catches up.
      each_file = fn file, lexical ->
        {compile, export, runtime, _env} = Kernel.LexicalTracker.references(lexical)
        compile = Enum.reject(compile, &String.starts_with?(Atom.to_string(&1), "elixir_"))
        refs = %{compile: compile, export: export, runtime: runtime}
        Process.put({__MODULE__, :refs}, Map.put(refs_so_far(), file, refs))
      end

      CompileProcess.with_project_options(&(&1 ++ [Tracer]), fn ->
        case Kernel.ParallelCompiler.compile_to_path(files, ebin, each_file: each_file) do
          {:ok, _modules, warnings} ->
            {:ok, with_severity(warnings, :warning), refs_so_far()}

          {:error, errors, warnings} ->
            {:error, with_severity(warnings, :warning) ++ with_severity(errors, :error), %{}}
        end
      end)
    end)
  end

  defp refs_so_far, do: Process.get({__MODULE__, :refs}, %{})

  defp with_severity(list, severity) do
    Enum.map(list, fn
      {file, position, message} ->
        %{file: file, position: position, message: message, severity: severity}

      other ->
        other
    end)
  end

  @doc "The whole project as `mix compile` builds it (deps check, path deps, protocols, app file)."
  @spec compile_all(String.t(), [String.t()]) :: result()
  def compile_all(root, changed \\ []) do
    isolated(root, fn ->
      make_stale(changed)
      reenable_compile_tasks()

      # Path deps first (what `compile` would do through `loadpaths`), so that the main project
      # is made to re-read the ones that changed even within the second of its last compile.
      before = dep_manifest_digests()
      Mix.Task.run("deps.loadpaths", [])
      after_deps = dep_manifest_digests()
      path_deps() |> Enum.filter(&(before[&1.app] != after_deps[&1.app])) |> follow_deps()

      args = ["--return-errors", "--ignore-module-conflict" | @tracer_args]

      case Mix.Task.run("compile", args) do
        {status, diagnostics} -> {status, diagnostics}
        status when is_atom(status) -> {status, []}
        _ -> {:ok, []}
      end
    end)
  end

  @doc """
  Makes the main project's manifest older than the path dependencies' manifests so the next
  main compile re-reads what the dependencies export (Mix compares mtimes in whole seconds).
  """
  @spec follow_deps([Mix.Dep.t()]) :: :ok
  def follow_deps(deps) do
    main = manifest()

    Enum.each(deps, fn dep ->
      dep_manifest = Path.join([dep.opts[:build], ".mix", "compile.elixir"])
      older_than(main, mtime(dep_manifest))
    end)
  end

  @doc "Path of the current project's Elixir compile manifest."
  @spec manifest() :: String.t()
  def manifest, do: Path.join(Mix.Project.manifest_path(), "compile.elixir")

  # Mix 1.14 marks a source stale only when its mtime is newer than the manifest's, in whole
  # seconds (or its size changed). A save in the same second as the last compile would be
  # silently skipped; moving the manifest's mtime one second before the source makes Mix compare
  # digests for that source instead. Setting the source's mtime into the future is not an option:
  # Mix warns and resets it.
  #
  # Mix also re-examines a path dependency whose manifest is newer than the main manifest, so
  # dependency manifests the main project had already seen are moved back in step: otherwise
  # the dependency's modules would look changed and their dependents would recompile for nothing.
  defp make_stale(changed) do
    manifest = manifest()
    Enum.each(changed, fn file -> older_than(manifest, mtime(file), true) end)
  end

  defp older_than(manifest, stamp, follow? \\ false)
  defp older_than(_manifest, nil, _follow?), do: :ok

  defp older_than(manifest, stamp, follow?) do
    case mtime(manifest) do
      current when is_integer(current) and current >= stamp ->
        File.touch(manifest, stamp - 1)
        if follow?, do: keep_deps_seen(current, stamp - 1)

      _ ->
        :ok
    end

    :ok
  end

  defp keep_deps_seen(was, now) do
    for dep <- path_deps(),
        dep_manifest = Path.join([dep.opts[:build], ".mix", "compile.elixir"]),
        stamp = mtime(dep_manifest),
        is_integer(stamp) and stamp > now and stamp <= was do
      File.touch(dep_manifest, now)
    end
  end

  defp dep_manifest_digests do
    Map.new(path_deps(), fn dep ->
      manifest = Path.join([dep.opts[:build], ".mix", "compile.elixir"])

      case File.read(manifest) do
        {:ok, bytes} -> {dep.app, :erlang.md5(bytes)}
        _ -> {dep.app, nil}
      end
    end)
  end

  defp path_deps do
    Enum.filter(Mix.Dep.cached(), &(&1.scm == Mix.SCM.Path and is_binary(&1.opts[:build])))
  rescue
    _ -> []
  end

  defp reenable_compile_tasks do
    config = Mix.Project.config()
    Enum.each(["compile", "compile.all", "compile.protocols", "loadpaths"], &Mix.Task.reenable/1)
    Enum.each(["deps.loadpaths"], &Mix.Task.reenable/1)

    Enum.each(config[:compilers] || Mix.compilers(), fn compiler ->
      Mix.Task.reenable("compile.#{compiler}")
    end)
  end

  defp isolated(root, fun) do
    Tracer.reset()

    raw =
      CompileProcess.run(fn ->
        try do
          fun.()
        rescue
          exception -> {:crash, exception}
        catch
          :exit, reason -> {:crash, {:exit, reason}}
          kind, reason -> {:crash, {kind, reason}}
        end
      end)

    compiled = Tracer.collected()

    case raw do
      {:crash, exception} ->
        diag = Diagnostics.from_exception(exception)
        %{status: :error, compiled: compiled, diagnostics: [diag]}

      {status, diagnostics, refs} when status in [:ok, :noop, :error] ->
        %{
          status: status,
          compiled: compiled,
          diagnostics: Diagnostics.normalize_all(diagnostics, root),
          refs: refs
        }

      {status, diagnostics} when status in [:ok, :noop, :error] ->
        %{
          status: status,
          compiled: compiled,
          diagnostics: Diagnostics.normalize_all(diagnostics, root)
        }

      status when status in [:ok, :noop, :error] ->
        %{status: status, compiled: compiled, diagnostics: []}
    end
  end
end
