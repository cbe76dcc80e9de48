defmodule Mixscope.Agent.TraceTest do
  # `trace_file` against `mix xref trace FILE` on a real project: same references, and the VM's
  # loaded code is left as it was.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.{Dispatcher, Trace}
  alias Mixscope.Agent.Test.FixtureProject

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture

  setup_all %{fixture: fx} do
    p = fx.prefix

    File.write!(Path.join(fx.root, "lib/subject.ex"), """
    defmodule #{p}.Subject do
      import #{p}.Macros
      alias #{p}.Point
      require #{p}.Macros

      @leaf #{p}.Leaf.value()

      def run(x), do: double(x) + #{p}.Caller.call()
      def origin, do: %Point{x: 1}
      def point, do: Point
      def helper, do: #{p}.Dep.Helper.value()
      def again, do: __MODULE__.point()
      def leaf, do: @leaf
      def pair, do: #{p}.Macros.double(#{p}.PairTwo.two())
    end

    defmodule #{p}.Subject.Second do
      def first, do: #{p}.Subject.leaf()
    end
    """)

    {out, 0} = FixtureProject.mix(fx, ["compile"])
    assert out =~ "Compiling"
    :ok
  end

  # `lib/subject.ex:8: call Fx1.Caller.call/0 (runtime)` -> {8, "call", "Fx1.Caller.call/0", "runtime"}
  defp cli_trace(fx, file) do
    {out, 0} = FixtureProject.mix(fx, ["xref", "trace", file])

    for line <- String.split(out, "\n"),
        [_, n, reason, what, label] <- [Regex.run(~r/^\S+:(\d+): (\w+) (\S+) \((\w+)\)$/, line)],
        into: MapSet.new(),
        do: {String.to_integer(n), reason, what, label}
  end

  defp as_cli(entries) do
    MapSet.new(entries, &{&1.line, &1.reason, &1.target || &1.mod, &1.label})
  end

  test "the references and reasons equal mix xref trace's", %{fixture: fx} do
    expected = cli_trace(fx, "lib/subject.ex")
    assert MapSet.size(expected) > 5

    FixtureProject.in_project(fx, fn ->
      assert {:ok, entries} = Trace.file("lib/subject.ex")
      assert as_cli(entries) == expected

      # Every kind of reason the file makes is there, with the referenced file.
      reasons = MapSet.new(entries, & &1.reason)
      assert MapSet.subset?(MapSet.new(~w(call import struct require)), reasons)
      point = Enum.find(entries, &(&1.reason == "struct"))
      assert %{to: "lib/point.ex", label: "export", file: "lib/subject.ex"} = point
      assert Enum.all?(entries, &(&1.file == "lib/subject.ex" and is_integer(&1.line)))
      # The path dependency is not the project's: mix xref trace leaves it out too.
      refute Enum.any?(entries, &String.ends_with?(&1.mod, "Dep.Helper"))
    end)
  end

  test "a file whose references are all at runtime", %{fixture: fx} do
    expected = cli_trace(fx, "lib/pair.ex")

    FixtureProject.in_project(fx, fn ->
      assert {:ok, entries} = Trace.file("lib/pair.ex")
      assert as_cli(entries) == expected
      assert Enum.all?(entries, &(&1.label == "runtime"))
    end)
  end

  test "loaded code stays, unloaded modules stay unloaded, nothing is written",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      subject = FixtureProject.mod(fx, "Subject")
      second = FixtureProject.mod(fx, "Subject.Second")
      Code.ensure_loaded!(subject)
      :code.purge(second)
      :code.delete(second)
      md5 = subject.module_info(:md5)
      ebin = Mix.Project.compile_path()
      beams = for f <- File.ls!(ebin), into: %{}, do: {f, File.stat!(Path.join(ebin, f)).mtime}
      manifest = File.read!(Path.join(Mix.Project.manifest_path(), "compile.elixir"))

      assert {:ok, [_ | _]} = Trace.file("lib/subject.ex")

      assert subject.module_info(:md5) == md5
      refute :erlang.module_loaded(second)

      assert beams ==
               for(f <- File.ls!(ebin), into: %{}, do: {f, File.stat!(Path.join(ebin, f)).mtime})

      assert manifest == File.read!(Path.join(Mix.Project.manifest_path(), "compile.elixir"))
    end)
  end

  test "a path dependency's file: its loaded modules stay loaded", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      helper = FixtureProject.mod(fx, "Dep.Helper")
      Code.ensure_loaded!(helper)
      md5 = helper.module_info(:md5)

      assert {:ok, []} = Trace.file("../dep/lib/helper.ex")
      assert :erlang.module_loaded(helper)
      assert helper.module_info(:md5) == md5
    end)
  end

  test "a source edited on disk is traced as it is, and the VM keeps the code it ran",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      caller = FixtureProject.mod(fx, "Caller")
      Code.ensure_loaded!(caller)
      md5 = caller.module_info(:md5)
      path = Path.join(fx.root, "lib/caller.ex")
      original = File.read!(path)

      File.write!(path, """
      defmodule #{fx.prefix}.Caller do
        def call, do: #{fx.prefix}.CycleA.a(0)
      end
      """)

      try do
        assert {:ok, [entry]} = Trace.file("lib/caller.ex")
        assert %{target: target, to: "lib/cycle_a.ex", reason: "call", line: 2} = entry
        assert target == "#{fx.prefix}.CycleA.a/1"
        assert caller.module_info(:md5) == md5
        assert caller.call() == 1
      after
        File.write!(path, original)
      end
    end)
  end

  test "through the dispatcher, with the pipeline running: errors for bad params, outside paths and missing files",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      start_supervised!(Mixscope.Agent.Pipeline)
      assert {:ok, [_ | _]} = Dispatcher.dispatch("trace_file", %{"path" => "lib/subject.ex"})
      assert {:error, "bad_request", _} = Dispatcher.dispatch("trace_file", %{})

      assert {:error, "path_outside_project", _} =
               Dispatcher.dispatch("trace_file", %{"path" => "../../etc/passwd"})

      assert {:error, "not_found", _} =
               Dispatcher.dispatch("trace_file", %{"path" => "lib/missing.ex"})
    end)
  end
end
