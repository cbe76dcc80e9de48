defmodule Mixscope.Agent.PipelineUnchangedReloadTest do
  # A reload names a file to compile: it compiles even when its content is what Mix last
  # compiled (the module page's "Reload" button, `mixscope reload FILE`).
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup [:capture_events, :start_pipeline]

  defp on_disk(fx, path), do: File.read!(Path.join(fx.root, path))

  # Drops the module from the VM so only a compile can bring it back.
  defp unload(module) do
    :code.purge(module)
    :code.delete(module)
    :code.purge(module)
    refute :erlang.module_loaded(module)
  end

  test "a leaf saved with its current content compiles and announces its payload",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      source = on_disk(fx, "lib/leaf.ex")
      unload(leaf)

      assert {:ok, %{recompiled: [payload]}} = Pipeline.reload("lib/leaf.ex", source, :user)
      assert payload.mod == "#{fx.prefix}.Leaf"
      assert payload.source_hash == Base.encode16(:erlang.md5(source), case: :lower)
      assert Enum.any?(payload.functions, &(&1.name == "value" and &1.arity == 0))

      events = EventCapture.until_finished()

      assert EventCapture.kinds(events) ==
               ~w(source_written compile_started recompiled compile_finished)

      assert Enum.find(events, &(&1["kind"] == "compile_started"))["files"] == 1
      assert Enum.find(events, &(&1["kind"] == "recompiled"))["payload"] == payload
      assert :erlang.module_loaded(leaf)
      assert leaf.value() == 1
    end)
  end

  test "an unchanged macro module compiles alone: its dependents have nothing to follow",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      # Mix's manifest first catches up with saves other tests compiled outside it.
      {_out, 0} = FixtureProject.mix(fx, ["compile", "--force"])
      source = on_disk(fx, "lib/macros.ex")

      assert {:ok, %{recompiled: [saved]}} = Pipeline.reload("lib/macros.ex", source, :user)
      assert saved.mod == "#{fx.prefix}.Macros"
      assert is_list(saved.functions)
      EventCapture.until_finished()

      # Mix agrees: nothing is stale afterwards.
      {out, 0} = FixtureProject.mix(fx, ["compile"])
      refute out =~ "Compiling"
    end)
  end

  test "an unchanged path dependency file compiles in the dependency", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      helper = FixtureProject.mod(fx, "Dep.Helper")
      source = File.read!(Path.join(fx.dep_root, "lib/helper.ex"))
      unload(helper)

      assert {:ok, %{recompiled: [saved]}} =
               Pipeline.reload("../dep/lib/helper.ex", source, :user)

      assert saved.mod == "#{fx.prefix}.Dep.Helper"
      assert is_list(saved.functions)
      assert helper.value() == 1
      EventCapture.until_finished()
    end)
  end

  test "compile_started counts the files Mix recompiles for a macro edit", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      source = FixtureProject.macros_source(fx, 3)
      assert {:ok, %{recompiled: recompiled}} = Pipeline.reload("lib/macros.ex", source, :user)
      events = EventCapture.until_finished()
      started = Enum.find(events, &(&1["kind"] == "compile_started"))

      files = events |> Enum.filter(&(&1["kind"] == "recompiled")) |> Enum.map(& &1["path"])
      assert started["files"] == length(Enum.uniq(files))
      assert started["files"] == 2
      assert length(recompiled) == 2
      assert FixtureProject.mod(fx, "UsesMacro").four() == 6
    end)
  end
end
