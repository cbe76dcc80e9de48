defmodule Mixscope.Agent.Graph.Live do
  @moduledoc false

  # The dependency graph kept in memory by the pipeline and patched from each compile, so a
  # save's graph change goes out as one `graph_changed` event (edges added and removed, nodes
  # whose modules changed) instead of the whole graph being rebuilt and fetched again.
  #
  # Built once from the manifest (with the saves not in it yet), as `Graph.build/1` builds it.
  # A compile outside Mix brings each compiled file's fresh references: only those files'
  # outgoing edges are recomputed. When a file starts or stops defining a module (edges into it
  # from anywhere may change), or after Mix rewrote its manifest, the graph is rebuilt and
  # compared with the previous one as a whole.
  #
  # The graph lives in an ETS table owned by the pipeline, not on its heap: every module purge
  # (each save purges the saved module's old code) has each process's heap scanned for
  # references into the purged code, so each word a long-lived process keeps costs every save.
  # Measured: one process holding ~50 MB made a purge and load go from 0.5 to 5 ms. Rows:
  # `{file, modules, %{target_file => label}}` and `{{:mod, module}, file}`.

  alias Mixscope.Agent.{Graph, Names}
  alias Mixscope.Agent.Graph.Manifest

  @type t :: %{table: :ets.tid()}

  @typedoc "What changed: edges added and removed, nodes new or with other modules (none: [])."
  @type diff :: %{
          edges_added: [Graph.edge()],
          edges_removed: [Graph.edge()],
          nodes_changed: [Graph.graph_node()]
        }

  @doc "Builds the live graph from a manifest already patched with the pending saves."
  @spec build(Manifest.t()) :: t()
  def build(%{sources: sources} = manifest) do
    {module_file, files_modules} = Graph.file_index(manifest)

    table = :ets.new(__MODULE__, [:set, :protected])
    :ets.insert(table, Enum.map(module_file, fn {module, file} -> {{:mod, module}, file} end))
    file_of = &Map.fetch(module_file, &1)

    rows =
      Enum.map(files_modules, fn {file, mods} ->
        wire = mods |> Enum.reverse() |> Enum.uniq() |> Enum.map(&Names.to_wire/1)
        {file, wire, targets(file, Map.fetch!(sources, file), file_of)}
      end)

    :ets.insert(table, rows)
    %{table: table}
  end

  @doc "Frees the graph's table."
  @spec delete(t()) :: :ok
  def delete(%{table: table}) do
    :ets.delete(table)
    :ok
  end

  @doc "The graph as the `dependency_graph` method answers it (nodes and edges sorted)."
  @spec to_graph(t()) :: Graph.t()
  def to_graph(%{table: table}) do
    rows = table |> rows() |> Enum.sort_by(&elem(&1, 0))

    %{
      nodes: Enum.map(rows, fn {file, mods, _out} -> %{id: file, modules: mods} end),
      edges: Enum.flat_map(rows, fn {file, _mods, out} -> edges(file, out) end)
    }
  end

  @doc """
  Patches in the files a compile outside Mix compiled (`changes`: relative file => its fresh
  references and modules). `:rebuild` when a file's modules changed: then edges into other
  files may have moved, and the caller rebuilds and compares (`diff/2`).
  """
  @spec patch(t(), %{String.t() => map()}) :: {t(), diff()} | :rebuild
  def patch(%{table: table} = live, changes) do
    if Enum.all?(changes, fn {file, refs} -> same_modules?(table, file, refs.modules) end) do
      diff =
        Enum.reduce(changes, empty(), fn {file, refs}, diff ->
          own = refs.modules
          refs = Map.new([:compile, :export, :runtime], &{&1, Map.get(refs, &1, []) -- own})
          new = targets(file, refs, module_file(table))
          {modules, old} = lookup(table, file)
          :ets.insert(table, {file, modules, new})
          add_edges(diff, file, old, new)
        end)

      {live, finish(diff)}
    else
      :rebuild
    end
  end

  @doc "What changed from `old` to `new`, both whole graphs."
  @spec diff(t(), t()) :: diff()
  def diff(%{table: old}, %{table: new}) do
    files = Enum.uniq(Enum.map(rows(old), &elem(&1, 0)) ++ Enum.map(rows(new), &elem(&1, 0)))

    files
    |> Enum.reduce(empty(), fn file, acc ->
      {old_modules, old_out} = lookup(old, file)
      {new_modules, new_out} = lookup(new, file)
      acc = add_edges(acc, file, old_out, new_out)

      if old_modules == new_modules,
        do: acc,
        else: %{
          acc
          | nodes_changed: [%{id: file, modules: new_modules || []} | acc.nodes_changed]
        }
    end)
    |> finish()
  end

  @doc "True when the diff changes nothing."
  @spec empty?(diff()) :: boolean()
  def empty?(diff),
    do: diff.edges_added == [] and diff.edges_removed == [] and diff.nodes_changed == []

  defp rows(table), do: :ets.select(table, [{{:"$1", :_, :_}, [{:is_binary, :"$1"}], [:"$_"]}])

  defp lookup(table, file) do
    case :ets.lookup(table, file) do
      [{^file, modules, out}] -> {modules, out}
      [] -> {nil, %{}}
    end
  end

  defp module_file(table) do
    fn module ->
      case :ets.lookup(table, {:mod, module}) do
        [{_, file}] -> {:ok, file}
        [] -> :error
      end
    end
  end

  defp same_modules?(table, file, modules) do
    {known, _out} = lookup(table, file)
    Enum.sort(known || []) == Enum.sort(Enum.map(modules, &Names.to_wire/1))
  end

  defp empty, do: %{edges_added: [], edges_removed: [], nodes_changed: []}

  # A label change is the old edge removed and the new one added.
  defp add_edges(diff, file, old, new) do
    added = for {to, label} <- new, Map.get(old, to) != label, do: {to, label}
    removed = for {to, label} <- old, Map.get(new, to) != label, do: {to, label}

    %{
      diff
      | edges_added: edges(file, added) ++ diff.edges_added,
        edges_removed: edges(file, removed) ++ diff.edges_removed
    }
  end

  defp finish(diff) do
    %{
      diff
      | edges_added: Enum.sort_by(diff.edges_added, &{&1.from, &1.to}),
        edges_removed: Enum.sort_by(diff.edges_removed, &{&1.from, &1.to}),
        nodes_changed: Enum.sort_by(diff.nodes_changed, & &1.id)
    }
  end

  defp edges(file, targets) do
    targets
    |> Enum.sort()
    |> Enum.map(fn {to, label} -> %{from: file, to: to, label: label} end)
  end

  defp targets(file, refs, file_of), do: Graph.edge_targets(file, refs, file_of)
end
