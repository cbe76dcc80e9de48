defmodule Mixscope.Agent.LiveGraphTest do
  # The pipeline keeps the dependency graph in memory and emits each compile's change as one
  # `graph_changed` event; the patched graph must stay the graph a fresh read of the manifest
  # (and `mix xref graph`) gives.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.{Graph, Pipeline}
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup [:capture_events, :start_pipeline]

  test "a save that adds or removes a reference emits that edge; the graph stays the manifest's",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      p = fx.prefix
      assert %{edges: [_ | _]} = Pipeline.graph()
      edge = %{from: "lib/caller.ex", to: "lib/pair.ex", label: "runtime"}

      assert {:ok, _} =
               Pipeline.reload("lib/caller.ex", caller(p, " + #{p}.PairOne.one()"), :user)

      assert %{edges_added: [^edge], edges_removed: [], nodes_changed: []} = graph_changed()
      assert edge in Pipeline.graph().edges
      assert Pipeline.graph() == Graph.dependency_graph([])

      assert {:ok, _} = Pipeline.reload("lib/caller.ex", caller(p, ""), :user)
      assert %{edges_added: [], edges_removed: [^edge], nodes_changed: []} = graph_changed()
      refute edge in Pipeline.graph().edges

      # A file defining one more module goes through Mix: the graph is rebuilt and compared.
      extra = caller(p, " + #{p}.PairOne.one()") <> "defmodule #{p}.Extra do\nend\n"
      assert {:ok, _} = Pipeline.reload("lib/caller.ex", extra, :user)
      diff = graph_changed()
      assert diff.edges_added == [edge]
      assert [%{id: "lib/caller.ex", modules: modules}] = diff.nodes_changed
      assert Enum.sort(modules) == ["#{p}.Caller", "#{p}.Extra"]

      assert :ok = Pipeline.settle()
      assert Pipeline.pending() == %{}
      graph = Pipeline.graph()
      assert graph == Graph.dependency_graph([])
      assert MapSet.new(graph.edges, &{&1.from, &1.to, &1.label}) == xref_edges(fx)
    end)
  end

  defp caller(p, more) do
    "defmodule #{p}.Caller do\n  def call, do: #{p}.Leaf.value()#{more}\nend\n"
  end

  defp graph_changed(timeout \\ 30_000) do
    receive do
      {:mixscope_frame, %{"kind" => "graph_changed"} = frame} ->
        %{
          edges_added: frame["edges_added"],
          edges_removed: frame["edges_removed"],
          nodes_changed: frame["nodes_changed"]
        }

      {:mixscope_frame, _other} ->
        graph_changed(timeout)
    after
      timeout -> flunk("no graph_changed event; got #{inspect(EventCapture.drain())}")
    end
  end

  @edge ~r/^\s*"([^"]+)"\s*->\s*"([^"]+)"(?:\s*\[label="\((\w+)\)"\])?\s*$/

  defp xref_edges(fx) do
    {out, 0} = FixtureProject.mix(fx, ["xref", "graph", "--format", "dot"])
    dot_file = Path.join(fx.root, "xref_graph.dot")
    assert File.exists?(dot_file), out
    dot = File.read!(dot_file)
    File.rm!(dot_file)

    for line <- String.split(dot, "\n"),
        [_, from, to | label] <- [Regex.run(@edge, line)],
        into: MapSet.new() do
      {from, to, if(label in [[], [""]], do: "runtime", else: hd(label))}
    end
  end
end
