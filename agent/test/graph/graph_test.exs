defmodule Mixscope.Agent.GraphTest do
  # The graph read from the compile manifest must be the graph `mix xref graph` prints for the
  # same project: the CLI runs in the test and its DOT output is parsed.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Graph
  alias Mixscope.Agent.Graph.Manifest
  alias Mixscope.Agent.Test.FixtureProject

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup_all %{fixture: fixture}, do: {:ok, xref: xref_dot(fixture)}

  test "the manifest graph equals `mix xref graph --format dot`", %{fixture: fx, xref: xref} do
    graph = FixtureProject.in_project(fx, fn -> Graph.dependency_graph() end)

    assert edge_set(graph) == xref.edges
    assert MapSet.new(graph.nodes, & &1.id) == xref.nodes

    # The fixture has every label, a cycle and a file with two modules.
    labels = graph.edges |> Enum.map(& &1.label) |> Enum.uniq() |> Enum.sort()
    assert labels == ["compile", "export", "runtime"]
    assert {"lib/cycle_a.ex", "lib/cycle_b.ex", "runtime"} in xref.edges
    assert {"lib/cycle_b.ex", "lib/cycle_a.ex", "runtime"} in xref.edges
    assert {"lib/uses_macro.ex", "lib/macros.ex", "compile"} in xref.edges
    assert {"lib/uses_struct.ex", "lib/point.ex", "export"} in xref.edges

    pair = Enum.find(graph.nodes, &(&1.id == "lib/pair.ex"))
    assert Enum.sort(pair.modules) == ["#{fx.prefix}.PairOne", "#{fx.prefix}.PairTwo"]

    assert Enum.all?(graph.nodes, fn node ->
             Enum.all?(node.modules, &(not String.starts_with?(&1, "Elixir.")))
           end)
  end

  test "after saves through the pipeline the graph still equals `mix xref graph`" do
    # Its own project: this test changes the sources.
    fx = FixtureProject.create()
    on_exit(fn -> FixtureProject.destroy(fx) end)
    start_supervised!(Mixscope.Agent.Test.EventCapture.child_spec(self()))
    start_supervised!(Mixscope.Agent.Pipeline)

    graph =
      FixtureProject.in_project(fx, fn ->
        # A leaf save (compiled outside Mix's manifest) that adds a call to another file.
        source = """
        defmodule #{fx.prefix}.Leaf do
          def value, do: #{fx.prefix}.CycleA.a(0) && 1
        end
        """

        assert {:ok, _} = Mixscope.Agent.Pipeline.reload("lib/leaf.ex", source, :user)
        Graph.dependency_graph()
      end)

    assert {"lib/leaf.ex", "lib/cycle_a.ex", "runtime"} in edge_set(graph)
    assert edge_set(graph) == xref_dot(fx).edges
  end

  # The manifest layout is private to each Elixir version; elsewhere the fallback test covers it.
  unless Version.match?(System.version(), "~> 1.14.0") do
    @tag skip: "the manifest layout read directly is Elixir 1.14's"
  end

  test "the 1.14 manifest layout is read directly, with module kinds and export digests",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      manifest = Path.join(Mix.Project.manifest_path(), "compile.elixir")
      assert {:ok, parsed} = Manifest.read(manifest, fx.root, [:v14])
      point = FixtureProject.mod(fx, "Point")
      assert %{kind: :module, export: export} = parsed.info[point]
      assert export == point.__info__(:exports_md5)
      assert {point, ["lib/point.ex"]} in parsed.modules
      assert Graph.build(parsed) == Graph.dependency_graph(readers: [:mix], pending: %{})
    end)
  end

  test "Mix's own manifest reader (the fallback) gives the same graph", %{fixture: fx, xref: xref} do
    graph = FixtureProject.in_project(fx, fn -> Graph.dependency_graph(readers: [:mix]) end)
    assert edge_set(graph) == xref.edges
    assert MapSet.new(graph.nodes, & &1.id) == xref.nodes
  end

  test "computing the graph writes nothing into the project", %{fixture: fx} do
    before = snapshot(fx.root)
    FixtureProject.in_project(fx, fn -> Graph.dependency_graph() end)
    assert snapshot(fx.root) == before
  end

  test "a manifest layout no reader knows is an error, not a wrong graph", %{fixture: fx} do
    manifest = Path.join(fx.base, "future.manifest")
    File.write!(manifest, :erlang.term_to_binary({99, %{what: :ever}, [:unknown]}))

    FixtureProject.in_project(fx, fn ->
      assert {:error, "graph_unavailable", _} = Graph.dependency_graph(manifest: manifest)
      assert {:error, :unknown_layout} = Manifest.read(manifest, fx.root, [:v14])
    end)
  end

  test "the shape reader accepts the map layout of newer Mix versions" do
    modules = %{
      A => {:module, :module, ["lib/a.ex"], <<1>>, false, 0},
      B => {:module, :module, ["lib/b.ex"], <<2>>, false, 0}
    }

    sources = %{
      "lib/a.ex" => {:source, 10, <<0>>, [B], [], [], [], [], [], [A]},
      "lib/b.ex" => {:source, 10, <<0>>, [], [], [A], [], [], [], [B]}
    }

    assert {:ok, parsed} = Manifest.shape(modules, sources, "/project")

    assert Graph.build(parsed).edges == [
             %{from: "lib/a.ex", to: "lib/b.ex", label: "compile"},
             %{from: "lib/b.ex", to: "lib/a.ex", label: "runtime"}
           ]
  end

  defp edge_set(graph), do: MapSet.new(graph.edges, &{&1.from, &1.to, &1.label})

  defp snapshot(root) do
    root
    |> Path.join("**")
    |> Path.wildcard(match_dot: true)
    |> Enum.reject(&String.contains?(&1, "/_build/"))
    |> Map.new(fn path -> {path, File.stat!(path, time: :posix)} end)
  end

  # Runs the CLI in a copy-free way: it writes ./xref_graph.dot into the fixture, which the test
  # reads and removes.
  defp xref_dot(fixture) do
    {out, 0} = FixtureProject.mix(fixture, ["xref", "graph", "--format", "dot"])
    dot_file = Path.join(fixture.root, "xref_graph.dot")
    assert File.exists?(dot_file), out
    dot = File.read!(dot_file)
    File.rm!(dot_file)
    parse_dot(dot)
  end

  @edge ~r/^\s*"([^"]+)"\s*->\s*"([^"]+)"(?:\s*\[label="\((\w+)\)"\])?\s*$/
  @node ~r/^\s*"([^"]+)"\s*$/

  defp parse_dot(dot) do
    lines = String.split(dot, "\n")

    edges =
      for line <- lines, [_ | captures] <- [Regex.run(@edge, line)], into: MapSet.new() do
        case captures do
          [from, to] -> {from, to, "runtime"}
          [from, to, ""] -> {from, to, "runtime"}
          [from, to, label] -> {from, to, label}
        end
      end

    nodes = for line <- lines, [_, id] <- [Regex.run(@node, line)], into: MapSet.new(), do: id

    nodes =
      Enum.reduce(edges, nodes, fn {from, to, _}, acc ->
        acc |> MapSet.put(from) |> MapSet.put(to)
      end)

    %{edges: edges, nodes: nodes}
  end
end
