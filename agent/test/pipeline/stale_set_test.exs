defmodule Mixscope.Agent.PipelineStaleSetTest do
  # A save whose compile-time dependents must follow (a macro module) compiles exactly the files
  # Mix would recompile, with the parallel compiler, outside `compile.elixir`; Mix's manifest
  # catches up in `settle/0`.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup [:capture_events, :start_pipeline]

  test "a macro edit compiles its dependents outside Mix; settle brings the manifest up to date",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      macros = Path.join(fx.root, "lib/macros.ex")
      uses = Path.join(fx.root, "lib/uses_macro.ex")
      source = FixtureProject.macros_source(fx, 7)

      assert {:ok, %{recompiled: [saved, dependent]}} =
               Pipeline.reload("lib/macros.ex", source, :user)

      assert saved.mod == "#{fx.prefix}.Macros" and dependent.mod == "#{fx.prefix}.UsesMacro"
      assert FixtureProject.mod(fx, "UsesMacro").four() == 14
      EventCapture.until_finished()

      # Compiled outside Mix's manifest: the graph shows what the compile found meanwhile.
      pending = Pipeline.pending()
      assert Map.has_key?(pending, macros) and Map.has_key?(pending, uses)
      assert FixtureProject.mod(fx, "Macros") in pending[uses].compile

      assert :ok = Pipeline.settle()
      assert Pipeline.pending() == %{}
      assert FixtureProject.mod(fx, "UsesMacro").four() == 14
    end)
  end

  test "a macro change that breaks a dependent leaves both modules' old code running",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      macros = FixtureProject.mod(fx, "Macros")
      uses_macro = FixtureProject.mod(fx, "UsesMacro")

      assert {:ok, _} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 5), :user)

      EventCapture.until_finished()
      assert uses_macro.four() == 10
      md5 = macros.module_info(:md5)

      # The macro module compiles; the code it expands to does not.
      broken = """
      defmodule #{fx.prefix}.Macros do
        defmacro double(x) do
          quote do
            unquote(x) * no_such_function()
          end
        end
      end
      """

      assert {:error, "compile_failed", _message, diagnostics} =
               Pipeline.reload("lib/macros.ex", broken, :user)

      assert Enum.any?(diagnostics, &(&1.file == "lib/uses_macro.ex" and &1.severity == "error"))
      assert macros.module_info(:md5) == md5
      assert uses_macro.four() == 10
      EventCapture.until_finished()

      # The next good save recovers.
      assert {:ok, _} =
               Pipeline.reload("lib/macros.ex", FixtureProject.macros_source(fx, 4), :user)

      assert uses_macro.four() == 8
    end)
  end

  test "once saves stop, the pipeline settles Mix's manifest itself: the next save stays small",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      stop_supervised!(Pipeline)
      start_supervised!({Pipeline, settle_after: 200})
      p = fx.prefix
      caller = "defmodule #{p}.Caller do\n  def call, do: #{p}.Leaf.value() + 0\nend\n"

      assert {:ok, %{recompiled: [%{mod: mod}]}} = Pipeline.reload("lib/caller.ex", caller, :user)
      assert mod == "#{p}.Caller"
      EventCapture.until_finished()
      assert Map.has_key?(Pipeline.pending(), Path.join(fx.root, "lib/caller.ex"))

      assert wait_until(fn -> Pipeline.pending() == %{} end)

      # Without the settle, Mix would compile the caller again along with the leaf.
      assert {:ok, %{recompiled: recompiled}} =
               Pipeline.reload("lib/leaf.ex", FixtureProject.leaf_source(fx, 9), :user)

      assert Enum.map(recompiled, & &1.mod) == ["#{p}.Leaf"]
      assert FixtureProject.mod(fx, "Caller").call() == 9
    end)
  end

  # Polls for an eventual state (the settle runs when the pipeline is idle).
  defp wait_until(fun, tries \\ 300) do
    cond do
      fun.() -> true
      tries == 0 -> false
      true -> Process.sleep(50) && wait_until(fun, tries - 1)
    end
  end
end
