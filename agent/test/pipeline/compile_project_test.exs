defmodule Mixscope.Agent.PipelineCompileProjectTest do
  # `compile_project/1`: the whole project as `mix compile` builds it, with the pipeline's events.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  # A fresh project per test: the tests leave it broken.
  setup [:fixture, :capture_events, :start_pipeline]

  test "compiles files changed on disk and reports failures with diagnostics", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      helper = FixtureProject.mod(fx, "Dep.Helper")
      File.write!(Path.join(fx.root, "lib/leaf.ex"), FixtureProject.leaf_source(fx, 4242))
      File.write!(Path.join(fx.dep_root, "lib/helper.ex"), FixtureProject.helper_source(fx, 99))

      assert {:ok, diagnostics} = Pipeline.compile_project(:startup)
      assert is_list(diagnostics)
      events = EventCapture.until_finished()
      assert hd(EventCapture.kinds(events)) == "compile_started"
      assert "#{fx.prefix}.Leaf" in for(e <- events, e["kind"] == "recompiled", do: e["mod"])
      assert Enum.all?(events, &(&1["origin"] == "startup"))
      assert leaf.value() == 4242
      assert helper.value() == 99
      assert FixtureProject.mod(fx, "UsesDep").value() == 99

      File.write!(Path.join(fx.root, "lib/leaf.ex"), "defmodule Broken do\n  def (\nend\n")
      assert {:error, [_ | _] = diagnostics} = Pipeline.compile_project(:watcher)
      assert Enum.any?(diagnostics, &(&1.file == "lib/leaf.ex" and &1.severity == "error"))
      events = EventCapture.until_finished()
      assert "compile_failed" in EventCapture.kinds(events)
    end)
  end
end

defmodule Mixscope.Agent.PipelineUmbrellaTest do
  # A file of an umbrella app compiles in that app; the sibling apps depending on it follow.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup [:umbrella_fixture, :capture_events, :start_pipeline]

  test "an umbrella app's save recompiles its compile-time dependents in sibling apps",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      source = FixtureProject.base_source(fx, 555)

      assert {:ok, %{recompiled: [saved | dependents]}} =
               Pipeline.reload("apps/#{fx.dep_app}/lib/base.ex", source, :user)

      assert saved.mod == "#{fx.prefix}.Base"
      assert Enum.any?(dependents, &(&1.mod == "#{fx.prefix}.User"))
      assert FixtureProject.mod(fx, "User").value() == 555

      events = EventCapture.until_finished()
      paths = for e <- events, e["kind"] == "recompiled", do: e["path"]
      assert "apps/#{fx.dep_app}/lib/base.ex" in paths
      assert "apps/#{fx.user_app}/lib/user.ex" in paths
    end)
  end
end
