defmodule Mixscope.Agent.Pipeline.GraphFollow do
  @moduledoc false

  alias Mixscope.Agent.{Events, Graph, Project}
  alias Mixscope.Agent.Graph.Live
  alias Mixscope.Agent.Pipeline.{Compiler, Index, Paths}

  # The dependency graph lives in memory (see `Live`) and follows every compile: a compile
  # outside Mix patches the files it compiled and emits their change as one `graph_changed`
  # event; after Mix rewrote its manifest, the graph is rebuilt once the manifest is read again
  # (`sync/2`, off the path of the save) and the difference is emitted. `state` is the
  # pipeline's (`index`, `overlay`, `live`, `live_origin`).

  @doc "Patches the graph after a compile (or marks it stale when Mix rewrote its manifest)."
  @spec follow(map(), map(), Events.origin()) :: map()
  def follow(%{live: nil} = state, _old_overlay, _origin), do: state

  def follow(state, old_overlay, origin) do
    entry = state.index && Map.get(state.index, Compiler.manifest())

    cond do
      entry == nil or entry.stamp != state.live.stamp ->
        %{state | live: %{state.live | stamp: :stale}, live_origin: origin}

      state.overlay == old_overlay ->
        state

      true ->
        root = Project.root()

        changes =
          for {file, refs} <- state.overlay,
              Map.get(old_overlay, file) != refs,
              into: %{},
              do: {Paths.relative(file, root), refs}

        case Live.patch(state.live.graph, changes) do
          {live, diff} ->
            announce(diff, origin)
            %{state | live: %{state.live | graph: live}}

          :rebuild ->
            rebuild(state, entry, origin)
        end
    end
  end

  # Builds the graph when there is none, rebuilds it (and emits the difference) when the
  # manifest it was built from changed.
  @doc "Builds the graph, or rebuilds it when its manifest changed, emitting the difference."
  @spec sync(map(), Index.entry()) :: map()
  def sync(state, entry) do
    cond do
      not match?(%{parsed: %{}}, entry) -> state
      state.live == nil -> %{state | live: %{stamp: entry.stamp, graph: build(state, entry)}}
      state.live.stamp == entry.stamp -> state
      true -> rebuild(state, entry, state.live_origin)
    end
  end

  defp rebuild(state, entry, origin) do
    live = build(state, entry)
    announce(Live.diff(state.live.graph, live), origin)
    Live.delete(state.live.graph)
    %{state | live: %{stamp: entry.stamp, graph: live}, live_origin: :external}
  end

  defp build(state, entry) do
    entry.parsed |> Graph.overlay(state.overlay, Project.root()) |> Live.build()
  end

  defp announce(diff, origin) do
    unless Live.empty?(diff), do: Events.emit(:graph_changed, origin, diff)
    :ok
  end

  @doc "`sync/2` with the main project's manifest entry, when it is read."
  @spec sync_main(map()) :: map()
  def sync_main(state) do
    case state.index && Mix.Project.get() && Map.get(state.index, Compiler.manifest()) do
      %{stamp: stamp} = entry when stamp != nil -> sync(state, entry)
      _ -> state
    end
  end
end
