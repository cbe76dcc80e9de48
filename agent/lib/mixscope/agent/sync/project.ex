defmodule Mixscope.Agent.Sync.Project do
  @moduledoc false

  # The compile units of the running project: the main app (unless it is an umbrella), its
  # umbrella children and its path dependencies. Each unit has a source folder, an ebin folder
  # and an Elixir compile manifest. Hex and git deps are not units: they do not change under a
  # running VM, and reloading them is not what a user editing their project expects.

  @type unit :: %{app: atom(), root: String.t(), ebin: String.t(), manifest: String.t()}

  @doc "The project root (the folder holding the main `mix.exs`)."
  @spec root() :: String.t()
  def root, do: Mixscope.Agent.Project.root()

  @doc "Every compile unit of the current Mix project."
  @spec units() :: [unit()]
  def units do
    build = Mix.Project.build_path()
    main = if Mix.Project.umbrella?(), do: [], else: [main_unit(build)]
    (main ++ umbrella_units(build) ++ dep_units(build)) |> Enum.uniq_by(& &1.app)
  end

  @doc "The unit whose source folder holds `path` (absolute), deepest folder first."
  @spec owner(String.t(), [unit()]) :: unit() | nil
  def owner(path, units) do
    units
    |> Enum.filter(&(path == &1.root or String.starts_with?(path, &1.root <> "/")))
    |> Enum.max_by(&String.length(&1.root), fn -> nil end)
  end

  defp main_unit(build) do
    app = Mix.Project.config()[:app]
    unit(app, root(), build)
  end

  defp umbrella_units(build) do
    for {app, dir} <- Mix.Project.apps_paths() || %{}, do: unit(app, Path.expand(dir), build)
  end

  defp dep_units(build) do
    # In an umbrella root, or in an app with path deps, `deps_scms/0` lists path deps (umbrella
    # children included) with `Mix.SCM.Path`; the copy read at boot (see `deps_layout/0`).
    %{scms: scms, paths: paths} = Mixscope.Agent.Project.deps_layout()

    for {app, Mix.SCM.Path} <- scms, dir = Map.get(paths, app), is_binary(dir) do
      unit(app, Path.expand(dir), build)
    end
  rescue
    # Deps that cannot be loaded (a broken mix.exs of a dep): the main project still works.
    _ -> []
  end

  defp unit(app, root, build) do
    app_dir = Path.join([build, "lib", to_string(app)])

    %{
      app: app,
      root: root,
      ebin: Path.join(app_dir, "ebin"),
      manifest: Path.join([app_dir, ".mix", "compile.elixir"])
    }
  end
end
