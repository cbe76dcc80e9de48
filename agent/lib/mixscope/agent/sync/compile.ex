defmodule Mixscope.Agent.Sync.Compile do
  @moduledoc false

  # Runs the compiles of one batch inside this VM: each touched path dependency (or umbrella
  # app) inside its own project, then the main project, which follows what they export.
  #
  # The whole batch runs in its own process: Elixir's compiler keeps per-process state
  # (warnings, compiler options) that would otherwise leak from one compile into the next, and
  # a crash in a user's macro must not take the caller down.
  #
  # Dependencies are compiled one by one rather than through `deps.loadpaths`: that would also
  # run the deps check, which the VM skipped at start (`--no-deps-check`), so a project whose
  # Hex deps are slightly off would fail every compile here while it runs fine.

  alias Mixscope.Agent.Pipeline.{CompileProcess, Diagnostics, Tracer}

  import CompileProcess, only: [mtime: 1]

  @compile_args ["--return-errors", "--no-deps-check", "--ignore-module-conflict"]

  @doc """
  Compiles the path dependencies `dep_apps` (in order), then the main project. Returns the
  overall status, flattened diagnostics, and the main project's compiled modules.

  Protocols are re-consolidated only when `protocols?` says so for what was compiled (the
  compiled modules and whether modules were removed): consolidation rereads every protocol and
  implementation of the project, which costs more than compiling a leaf file.
  """
  @spec run([atom()], String.t(), ([module()] -> boolean())) ::
          {:ok | :noop | :error, [Diagnostics.t()], [module()]}
  def run(dep_apps, root, protocols? \\ fn _ -> true end) do
    # The pipeline's tracer records the modules the main project's compile defines; the caller
    # covers path dependencies by comparing their beams before and after.
    Tracer.reset()

    results =
      CompileProcess.run(fn ->
        dep_results = Enum.map(dep_apps, &compile_dep/1)
        if dep_apps != [], do: follow_deps(dep_apps)
        main = guarded(fn -> compile_current(["--tracer", inspect(Tracer)]) end)
        compiled = Enum.map(Tracer.collected(), &elem(&1, 0))

        if elem(main, 0) != :error and protocols?.(compiled) do
          [guarded(&consolidate/0), main | dep_results]
        else
          [main | dep_results]
        end
      end)

    status = overall(Enum.map(results, &elem(&1, 0)))
    diagnostics = Enum.flat_map(results, &normalize(&1, root))
    compiled = Tracer.collected() |> Enum.map(&elem(&1, 0)) |> Enum.uniq()
    {status, Enum.uniq(diagnostics), compiled}
  end

  defp compile_dep(app) do
    case Enum.find(cached_deps(), &(&1.app == app)) do
      nil -> {:noop, []}
      dep -> guarded(fn -> Mix.Dep.in_dependency(dep, fn _ -> compile_current([]) end) end)
    end
  end

  defp cached_deps do
    Mix.Dep.cached()
  rescue
    _ -> []
  end

  # `Mix.Task.run/2` runs a task once per project: re-enable the compile tasks of the project
  # on top of Mix's stack, then run its compilers (`compile.all`: what `mix compile` runs after
  # loadpaths, which the VM did at start, and before protocol consolidation, done separately).
  defp compile_current(extra_args) do
    reenable()

    case Mix.Task.run("compile.all", @compile_args ++ extra_args) do
      {status, diags} when status in [:ok, :noop, :error] -> {status, diags}
      _ -> {:ok, []}
    end
  end

  defp consolidate do
    reenable()

    case Mix.Task.run("compile.protocols", []) do
      {status, diags} when status in [:ok, :noop, :error] -> {status, diags}
      _ -> {:ok, []}
    end
  end

  defp reenable do
    compilers = Enum.map(Mix.Tasks.Compile.compilers(), &"compile.#{&1}")
    Enum.each(["compile", "compile.all", "compile.protocols" | compilers], &Mix.Task.reenable/1)
  end

  defp guarded(fun) do
    fun.()
  rescue
    e -> {:error, [Diagnostics.from_exception(e)]}
  catch
    kind, reason -> {:error, [Diagnostics.from_exception({kind, reason})]}
  end

  # Mix recompiles the main project's dependents of a path dependency when the dependency's
  # manifest is newer than the main one, in whole seconds: make sure it is.
  defp follow_deps(dep_apps) do
    build = Mix.Project.build_path()
    main = Path.join(Mix.Project.manifest_path(), "compile.elixir")

    newest =
      dep_apps
      |> Enum.map(&mtime(Path.join([build, "lib", to_string(&1), ".mix", "compile.elixir"])))
      |> Enum.reject(&is_nil/1)
      |> Enum.max(fn -> nil end)

    case {newest, mtime(main)} do
      {nil, _} -> :ok
      {_, nil} -> :ok
      {newest, current} when current >= newest -> File.touch(main, newest - 1)
      _ -> :ok
    end
  end

  defp overall(statuses) do
    cond do
      :error in statuses -> :error
      :ok in statuses -> :ok
      true -> :noop
    end
  end

  defp normalize({status, diags}, root) do
    Diagnostics.normalize_all(diags, root, if(status == :error, do: :error, else: :warning))
  end
end
