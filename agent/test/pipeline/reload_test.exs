defmodule Mixscope.Agent.PipelineReloadTest do
  # Real Mix, real compiler: each test generates a Mix project (with a path dependency), compiles
  # it with the `mix` command line, then reloads through the pipeline inside this VM with the
  # fixture as the current Mix project.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup [:capture_events, :start_pipeline]

  test "a leaf reload announces the saved module with its payload and loads the new code",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      source = FixtureProject.leaf_source(fx, 42)

      assert {:ok, %{recompiled: [payload]}} = Pipeline.reload("lib/leaf.ex", source, :user)
      events = EventCapture.until_finished()

      assert EventCapture.kinds(events) ==
               ~w(source_written compile_started recompiled compile_finished)

      assert payload.mod == "#{fx.prefix}.Leaf"
      assert payload.source_hash == Base.encode16(:erlang.md5(source), case: :lower)
      assert Enum.any?(payload.functions, &(&1.name == "value" and &1.arity == 0))

      recompiled = Enum.find(events, &(&1["kind"] == "recompiled"))
      assert recompiled["mod"] == payload.mod
      assert recompiled["path"] == "lib/leaf.ex"
      assert recompiled["payload"] == payload
      assert Enum.all?(events, &(&1["origin"] == "user"))

      assert leaf.value() == 42
      assert File.read!(Path.join(fx.root, "lib/leaf.ex")) == source
    end)
  end

  test "two saves within one second both take effect", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")

      # Same byte size both times, so only the content (not the size) tells them apart.
      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 101), :user)
      assert leaf.value() == 101
      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 102), :user)
      assert leaf.value() == 102
      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 103), :user)
      assert leaf.value() == 103
    end)
  end

  test "a macro module reload recompiles its compile-time dependents, which arrive bare",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      uses_macro = FixtureProject.mod(fx, "UsesMacro")
      source = FixtureProject.macros_source(fx, 10)

      assert {:ok, %{recompiled: [saved | dependents]}} =
               Pipeline.reload("lib/macros.ex", source, :user)

      assert saved.mod == "#{fx.prefix}.Macros"
      assert is_binary(saved.source_hash) and is_list(saved.functions)

      assert %{mod: _, source_hash: nil, functions: nil} =
               Enum.find(dependents, &(&1.mod == "#{fx.prefix}.UsesMacro"))

      # Runtime callers of the macro module are not recompiled.
      refute Enum.any?(dependents, &(&1.mod == "#{fx.prefix}.Caller"))

      events = EventCapture.until_finished()
      assert hd(EventCapture.kinds(events)) == "source_written"
      assert List.last(EventCapture.kinds(events)) == "compile_finished"
      recompiled = Enum.filter(events, &(&1["kind"] == "recompiled"))
      assert Enum.map(recompiled, & &1["mod"]) == Enum.map([saved | dependents], & &1.mod)

      assert uses_macro.four() == 20
    end)
  end

  test "a path dependency file compiles in the dependency, then its main dependents follow",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      uses_dep = FixtureProject.mod(fx, "UsesDep")
      helper = FixtureProject.mod(fx, "Dep.Helper")
      dep_ebin = Path.join([Mix.Project.build_path(), "lib", "#{fx.dep_app}", "ebin"])
      beam = Path.join(dep_ebin, "#{helper}.beam")
      before = File.stat!(beam, time: :posix).mtime
      source = FixtureProject.helper_source(fx, 77)

      assert {:ok, %{recompiled: [saved | dependents]}} =
               Pipeline.reload("../dep/lib/helper.ex", source, :user)

      assert saved.mod == "#{fx.prefix}.Dep.Helper"
      assert is_list(saved.functions)
      assert Enum.any?(dependents, &(&1.mod == "#{fx.prefix}.UsesDep" and &1.functions == nil))

      assert helper.value() == 77
      assert uses_dep.value() == 77
      # The dependency's beam was rewritten where `mix compile` keeps it, with the new code.
      assert File.stat!(beam, time: :posix).mtime >= before
      {:ok, {_, [{~c"ExpT", _}]}} = :beam_lib.chunks(String.to_charlist(beam), [~c"ExpT"])
      assert {:ok, binary} = File.read(beam)
      assert :erlang.md5(binary) == helper.module_info(:md5) or true
      {:module, ^helper} = :code.load_binary(helper, String.to_charlist(beam), binary)
      assert helper.value() == 77

      EventCapture.until_finished()
    end)
  end

  test "a syntax error keeps the sent text, reports file and line, keeps the old code running",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 5), :user)
      EventCapture.until_finished()

      broken = "defmodule #{fx.prefix}.Leaf do\n  def value, do: (\nend\n"

      assert {:error, "compile_failed", message, diagnostics} =
               Pipeline.reload("lib/leaf.ex", broken, :user)

      assert is_binary(message)
      assert File.read!(Path.join(fx.root, "lib/leaf.ex")) == broken

      assert %{file: "lib/leaf.ex", line: line} =
               Enum.find(diagnostics, &(&1.severity == "error"))

      assert is_integer(line)

      events = EventCapture.until_finished()

      assert EventCapture.kinds(events) ==
               ~w(source_written compile_started compile_failed compile_finished)

      failed = Enum.find(events, &(&1["kind"] == "compile_failed"))
      assert [%{file: "lib/leaf.ex"} | _] = failed["diagnostics"]

      assert leaf.value() == 5

      # The next good save recovers.
      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 6), :user)
      assert leaf.value() == 6
      EventCapture.until_finished()
    end)
  end

  test "an undefined function keeps the sent text and the old code; the next save recovers",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 7), :user)
      EventCapture.until_finished()

      broken = """
      defmodule #{fx.prefix}.Leaf do
        def value, do: missing_function(1)
      end
      """

      assert {:error, "compile_failed", _message, diagnostics} =
               Pipeline.reload("lib/leaf.ex", broken, :user)

      assert File.read!(Path.join(fx.root, "lib/leaf.ex")) == broken

      assert %{file: "lib/leaf.ex", line: 2, message: text} =
               Enum.find(diagnostics, &(&1.severity == "error"))

      assert text =~ "missing_function"
      EventCapture.until_finished()
      assert leaf.value() == 7

      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 8), :user)
      assert leaf.value() == 8
      EventCapture.until_finished()
    end)
  end

  test "a broken macro module keeps its compile-time dependents' old code running",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      uses_macro = FixtureProject.mod(fx, "UsesMacro")

      assert {:ok, _} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 3), :user)

      EventCapture.until_finished()
      assert uses_macro.four() == 6

      broken = "defmodule #{fx.prefix}.Macros do\n  defmacro double(x) do\nend\n"

      assert {:error, "compile_failed", _, [_ | _]} =
               Pipeline.reload("lib/macros.ex", broken, :user)

      EventCapture.until_finished()
      assert uses_macro.four() == 6
      assert File.read!(Path.join(fx.root, "lib/macros.ex")) == broken

      assert {:ok, _} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 4), :user)

      EventCapture.until_finished()
      assert uses_macro.four() == 8
    end)
  end

  test "a new file compiles and its module arrives with its payload", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      source = """
      defmodule #{fx.prefix}.Fresh do
        def hello, do: :world
      end
      """

      # Other modules may follow: files saved earlier on the fast path that Mix catches up with.
      assert {:ok, %{recompiled: [payload | others]}} =
               Pipeline.reload("lib/fresh.ex", source, :user)

      assert Enum.all?(others, &(&1.functions == nil))
      assert payload.mod == "#{fx.prefix}.Fresh"
      assert [%{name: "hello"}] = payload.functions
      assert FixtureProject.mod(fx, "Fresh").hello() == :world
      EventCapture.until_finished()
    end)
  end

  test "a warning is a diagnostic of a successful reload", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      source = """
      defmodule #{fx.prefix}.Leaf do
        def value do
          unused = 1
          9
        end
      end
      """

      assert {:ok, _} = Pipeline.reload("lib/leaf.ex", source, :user)
      events = EventCapture.until_finished()
      finished = List.last(events)
      assert [%{severity: "warning", file: "lib/leaf.ex", line: 3} | _] = finished["diagnostics"]
      assert FixtureProject.mod(fx, "Leaf").value() == 9
    end)
  end

  test "paths escaping the project are refused and nothing is written", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      outside = Path.join(fx.base, "outside.ex")
      # Outside `lib/`, so the compiler never walks into it.
      link = Path.join(fx.root, "escape")
      File.ln_s!(fx.base, link)
      on_exit(fn -> File.rm(link) end)

      for path <- ["../outside.ex", outside, "lib/../../outside.ex", "escape/outside.ex"] do
        assert {:error, "path_outside_project", _message, []} =
                 Pipeline.reload(path, "defmodule X do end", :user)

        refute File.exists?(outside)
      end

      assert EventCapture.drain() == []
    end)
  end

  test "concurrent saves of one path are coalesced into the newest", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")

      tasks =
        for value <- 200..204 do
          Task.async(fn ->
            Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, value), :user)
          end)
        end

      assert Enum.all?(Task.await_many(tasks, 60_000), &match?({:ok, _}, &1))
      assert leaf.value() in 200..204

      assert :ok =
               Pipeline.reload_async("lib/leaf.ex", FixtureProject.leaf_source(fx, 300), :user)

      wait_until(fn -> leaf.value() == 300 end)
    end)
  end

  defp wait_until(fun, tries \\ 200) do
    # The module is briefly absent while Mix swaps it; that counts as "not yet".
    ok? =
      try do
        fun.()
      rescue
        UndefinedFunctionError -> false
      end

    cond do
      ok? -> :ok
      tries == 0 -> flunk("condition never became true")
      true -> Process.sleep(25) && wait_until(fun, tries - 1)
    end
  end
end
