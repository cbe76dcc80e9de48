defmodule Mixscope.Agent.Graph do
  @moduledoc """
  The main project's file dependency graph, as `mix xref graph` reports it, computed in the
  running VM from Mix's compile manifest (nothing is compiled, nothing is written).

  An edge `from -> to` means `from` references a module defined in `to`; its label says what a
  change to `to` does to `from`: `compile` (recompiled), `export` (recompiled when `to`'s exports
  or struct change) or `runtime` (nothing). Between two files only the strongest label is kept,
  references to a module of the same file are not edges, and every file defining a module is a
  node, as in `mix xref graph --format dot`.
  """

  alias Mixscope.Agent.{Names, Project}
  alias Mixscope.Agent.Graph.Manifest

  @typedoc "A source file of the main project and the modules it defines (wire names)."
  @type graph_node :: %{id: String.t(), modules: [String.t()]}

  @typedoc "An edge between two files."
  @type edge :: %{from: String.t(), to: String.t(), label: String.t()}

  @typedoc "The whole graph."
  @type t :: %{nodes: [graph_node()], edges: [edge()]}

  @doc """
  The dependency graph of the current Mix project's source files.

  An empty graph when the project has not been compiled yet; `{:error, code, message}` when the
  manifest exists but no reader understands it.
  """
  @spec dependency_graph() :: t() | {:error, String.t(), String.t()}
  def dependency_graph do
    # The running pipeline keeps the manifest in memory and knows the saves not in it yet.
    if GenServer.whereis(Mixscope.Agent.Pipeline),
      do: Mixscope.Agent.Pipeline.graph(),
      else: dependency_graph([])
  end

  @doc false
  @spec from_index(Mixscope.Agent.Pipeline.Index.entry(), map(), String.t()) ::
          t() | {:error, String.t(), String.t()}
  def from_index(entry, pending, root) do
    case entry do
      %{parsed: %{} = parsed} ->
        parsed |> overlay(pending, root) |> build()

      %{error: :no_manifest} ->
        %{nodes: [], edges: []}

      %{error: reason} ->
        unavailable(Path.join(Mix.Project.manifest_path(), "compile.elixir"), reason)
    end
  end

  @doc false
  @spec dependency_graph(keyword()) :: t() | {:error, String.t(), String.t()}
  def dependency_graph(opts) do
    root = Keyword.get_lazy(opts, :root, &Project.root/0)
    manifest = Keyword.get_lazy(opts, :manifest, &main_manifest/0)
    readers = Keyword.get(opts, :readers, [:v14, :mix])

    # Saves compiled outside Mix (the pipeline's fast path) are not in the manifest yet; their
    # fresh references replace the manifest's.
    pending = Keyword.get_lazy(opts, :pending, &Mixscope.Agent.Pipeline.pending/0)

    case Manifest.read(manifest, root, readers) do
      {:ok, parsed} ->
        parsed |> overlay(pending, root) |> build()

      {:error, :no_manifest} ->
        %{nodes: [], edges: []}

      {:error, reason} ->
        unavailable(manifest, reason)
    end
  end

  defp unavailable(manifest, reason) do
    {:error, "graph_unavailable",
     "cannot read the compile manifest #{manifest}: #{inspect(reason)}"}
  end

  @doc false
  @spec build(Manifest.t()) :: t()
  def build(%{sources: sources} = manifest) do
    {module_file, files_modules} = file_index(manifest)

    nodes =
      files_modules
      |> Enum.sort_by(fn {file, _} -> file end)
      |> Enum.map(fn {file, mods} ->
        %{id: file, modules: mods |> Enum.reverse() |> Enum.uniq() |> Enum.map(&Names.to_wire/1)}
      end)

    edges =
      files_modules
      |> Map.keys()
      |> Enum.sort()
      |> Enum.flat_map(fn file -> file_edges(file, Map.fetch!(sources, file), module_file) end)

    %{nodes: nodes, edges: edges}
  end

  @doc """
  Indexes a manifest by file: each module's file (the first of its sources that still has a
  source record) and each file's modules (newest first, possibly repeated).
  """
  @spec file_index(Manifest.t()) :: {%{module() => String.t()}, %{String.t() => [module()]}}
  def file_index(%{modules: modules, sources: sources}) do
    module_file =
      Enum.reduce(modules, %{}, fn {module, files}, acc ->
        case Enum.find(files, &Map.has_key?(sources, &1)) do
          nil -> acc
          file -> Map.put_new(acc, module, file)
        end
      end)

    files_modules =
      Enum.reduce(modules, %{}, fn {module, files}, acc ->
        files
        |> Enum.filter(&Map.has_key?(sources, &1))
        |> Enum.reduce(acc, fn file, acc -> Map.update(acc, file, [module], &[module | &1]) end)
      end)

    {module_file, files_modules}
  end

  defp file_edges(file, refs, module_file) do
    file
    |> edge_targets(refs, &Map.fetch(module_file, &1))
    |> Enum.sort()
    |> Enum.map(fn {to, label} -> %{from: file, to: to, label: label} end)
  end

  @doc """
  The files `file` references and the label of each (`"compile"`, `"export"`, `"runtime"`);
  `file_of` finds a module's file. Stronger labels overwrite weaker ones towards the same file,
  as in `mix xref graph`; references to the file itself are dropped.
  """
  @spec edge_targets(String.t(), map(), (module() -> {:ok, String.t()} | :error)) ::
          %{String.t() => String.t()}
  def edge_targets(file, refs, file_of) do
    [runtime: refs.runtime, export: refs.export, compile: refs.compile]
    |> Enum.reduce(%{}, fn {label, mods}, acc ->
      label = Atom.to_string(label)

      Enum.reduce(mods, acc, fn module, acc ->
        case file_of.(module) do
          {:ok, ^file} -> acc
          {:ok, target} -> Map.put(acc, target, label)
          :error -> acc
        end
      end)
    end)
  end

  @doc false
  @spec overlay(Manifest.t(), %{String.t() => map()}, String.t()) :: Manifest.t()
  def overlay(parsed, pending, _root) when pending == %{}, do: parsed

  def overlay(parsed, pending, root) do
    Enum.reduce(pending, parsed, fn {file, refs}, acc ->
      rel = Mixscope.Agent.Pipeline.Paths.relative(file, root)
      own = refs.modules

      modules =
        Enum.map(own, &{&1, [rel]}) ++
          Enum.map(acc.modules, fn {m, files} ->
            {m, if(m in own, do: files, else: files -- [rel])}
          end)

      source = %{
        compile: refs.compile -- own,
        export: refs.export -- own,
        runtime: refs.runtime -- own
      }

      %{acc | modules: modules, sources: Map.put(acc.sources, rel, source)}
    end)
  end

  defp main_manifest, do: Path.join(Mix.Project.manifest_path(), "compile.elixir")
end
