defmodule Mixscope.Agent.Pipeline.Owner do
  @moduledoc false

  # Which source tree a file belongs to: a path dependency or umbrella app (compiled inside that
  # app, then the main project follows) or the main project.

  alias Mixscope.Agent.Pipeline.Paths

  @type t :: :main | {:dep, Mix.Dep.t()}

  @doc "The owner of the absolute, symlink-free path `file`."
  @spec of(String.t(), String.t()) :: t()
  def of(file, root) do
    deps =
      try do
        Mix.Dep.cached()
      rescue
        _ -> []
      end

    owner =
      deps
      |> Enum.filter(&path_dep?/1)
      |> Enum.map(fn dep -> {dep, real_dest(dep)} end)
      # The deepest folder wins: an umbrella app inside another path's folder is its own tree.
      |> Enum.sort_by(fn {_dep, dest} -> -String.length(dest) end)
      |> Enum.find(fn {_dep, dest} -> Paths.inside?(file, dest) end)

    case owner do
      {dep, dest} ->
        if Paths.inside?(root, dest) or root == dest, do: :main, else: {:dep, dep}

      nil ->
        :main
    end
  end

  @doc "Folders of the project's path dependencies (and umbrella apps)."
  @spec path_dep_dirs() :: [String.t()]
  def path_dep_dirs do
    Mix.Dep.cached() |> Enum.filter(&path_dep?/1) |> Enum.map(& &1.opts[:dest])
  rescue
    _ -> []
  end

  defp path_dep?(%Mix.Dep{scm: scm, manager: manager, opts: opts}) do
    scm == Mix.SCM.Path and manager in [:mix, nil] and is_binary(opts[:dest])
  end

  defp real_dest(dep) do
    case Paths.resolve(dep.opts[:dest], "/") do
      {:ok, real} -> real
      _ -> Path.expand(dep.opts[:dest])
    end
  end
end
