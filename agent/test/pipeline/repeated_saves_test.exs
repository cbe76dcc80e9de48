defmodule Mixscope.Agent.PipelineRepeatedSavesTest do
  # Saves after a fast compile stay on the fast path: the files compiled outside Mix's manifest
  # are described by the pipeline's in-memory index, whose references came from that compile.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup [:capture_events, :start_pipeline]

  test "repeated saves stay outside Mix and follow references only the last compiles saw",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      p = fx.prefix
      macros = Path.join(fx.root, "lib/macros.ex")
      leaf = Path.join(fx.root, "lib/leaf.ex")

      assert {:ok, _} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 3), :user)

      EventCapture.until_finished()
      assert FixtureProject.mod(fx, "UsesMacro").four() == 6

      # The leaf starts using the macro: a compile-time reference the manifest does not have.
      uses = """
      defmodule #{p}.Leaf do
        require #{p}.Macros
        def value, do: #{p}.Macros.double(21)
      end
      """

      assert {:ok, %{recompiled: [%{mod: leaf_mod}]}} =
               Pipeline.reload("lib/leaf.ex", uses, :user)

      assert leaf_mod == "#{p}.Leaf"
      EventCapture.until_finished()
      assert FixtureProject.mod(fx, "Leaf").value() == 63

      # Still not handed to Mix (a `compile.elixir` would have emptied what is pending).
      pending = Pipeline.pending()
      assert Map.has_key?(pending, macros) and Map.has_key?(pending, leaf)

      # The macro's next save recompiles the leaf too, known only from the in-memory index.
      assert {:ok, %{recompiled: recompiled}} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 5), :user)

      EventCapture.until_finished()
      mods = Enum.map(recompiled, & &1.mod)
      assert hd(mods) == "#{p}.Macros"
      assert "#{p}.Leaf" in mods and "#{p}.UsesMacro" in mods
      assert FixtureProject.mod(fx, "Leaf").value() == 105
      assert FixtureProject.mod(fx, "UsesMacro").four() == 10
      assert Map.has_key?(Pipeline.pending(), macros)

      # Mix's manifest catches up and agrees with what ran.
      assert :ok = Pipeline.settle()
      assert Pipeline.pending() == %{}
      assert FixtureProject.mod(fx, "Leaf").value() == 105

      # Saving the macro back to content the manifest describes still recompiles its users.
      assert {:ok, _} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 6), :user)

      EventCapture.until_finished()

      assert {:ok, %{recompiled: recompiled}} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 5), :user)

      EventCapture.until_finished()
      assert "#{p}.Leaf" in Enum.map(recompiled, & &1.mod)
      assert FixtureProject.mod(fx, "Leaf").value() == 105
    end)
  end
end
