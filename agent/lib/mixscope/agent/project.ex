defmodule Mixscope.Agent.Project do
  @moduledoc """
  Facts about the user's project as Mix sees it from inside the VM: its root, and the apps
  whose modules Mixscope shows (the project's own, its umbrella apps, its path deps).
  """

  @typedoc "An app of the project and where its compiled modules live."
  @type app_info :: %{app: atom(), ebin: String.t(), kind: :project | :umbrella | :path_dep}

  @doc "The project root: where the VM was started (Mix runs in the project folder)."
  @spec root() :: String.t()
  def root do
    case :persistent_term.get({__MODULE__, :root}, nil) do
      nil -> File.cwd!()
      root -> root
    end
  end

  @doc "Pins the project root (boot does this before anything could change the cwd)."
  @spec put_root(String.t()) :: :ok
  def put_root(root), do: :persistent_term.put({__MODULE__, :root}, Path.expand(root))

  @doc "`path` relative to the project root when it lies inside it, absolute otherwise."
  @spec relative(String.t() | charlist() | nil) :: String.t() | nil
  def relative(nil), do: nil

  def relative(path) do
    path = Path.expand(to_string(path), root())
    root = root()

    case Path.relative_to(path, root) do
      ^path -> path
      relative -> relative
    end
  end

  @doc "The project's app name, nil for an umbrella root or outside a Mix project."
  @spec app() :: atom() | nil
  def app do
    if Mix.Project.get(), do: Mix.Project.config()[:app], else: nil
  end

  @doc "The apps whose modules belong to the project, with their ebin folders."
  @spec apps() :: [app_info()]
  def apps do
    if Mix.Project.get() do
      build_lib = Path.join(Mix.Project.build_path(), "lib")
      ebin = fn app -> Path.join([build_lib, Atom.to_string(app), "ebin"]) end

      own =
        if Mix.Project.umbrella?() do
          for {app, _path} <- Mix.Project.apps_paths() || %{},
              do: %{app: app, ebin: ebin.(app), kind: :umbrella}
        else
          [%{app: app(), ebin: Mix.Project.compile_path(), kind: :project}]
        end

      path_deps =
        for {app, Mix.SCM.Path} <- path_dep_scms(),
            do: %{app: app, ebin: ebin.(app), kind: :path_dep}

      Enum.uniq_by(own ++ path_deps, & &1.app)
    else
      []
    end
  end

  defp path_dep_scms, do: deps_layout().scms

  @layout_key {__MODULE__, :deps_layout}

  @doc """
  Reads the dependencies' SCMs and paths once, at boot, before any compile runs; later callers
  get this copy. Reading them while a compile runs in another process is unsafe: when Mix has
  no cached dep tree it loads it, pushing each dependency onto its global project stack, and
  the compile would then see a dependency's config as the current project's.
  """
  @spec remember_deps_layout() :: :ok
  def remember_deps_layout do
    :persistent_term.put(@layout_key, read_deps_layout())
  end

  @doc "The dependencies' SCMs and paths: the copy read at boot, else read now (tests)."
  @spec deps_layout() :: %{scms: map(), paths: map()}
  def deps_layout do
    case :persistent_term.get(@layout_key, nil) do
      nil -> read_deps_layout()
      layout -> layout
    end
  end

  defp read_deps_layout do
    %{scms: Mix.Project.deps_scms(), paths: Mix.Project.deps_paths()}
  rescue
    # A broken mix.exs of a dependency must not take the module list down with it.
    _ -> %{scms: %{}, paths: %{}}
  end
end
