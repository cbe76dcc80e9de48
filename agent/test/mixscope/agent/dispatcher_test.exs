defmodule Mixscope.Agent.DispatcherTest do
  # Not async: purge emits through the globally named event owner this test starts.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.{Dispatcher, Events}

  test "ping" do
    assert Dispatcher.dispatch("ping", %{}) == {:ok, %{pong: true}}
  end

  test "unknown methods and malformed params are bad requests" do
    assert {:error, "bad_request", _} = Dispatcher.dispatch("no_such_method", %{})
    assert {:error, "bad_request", _} = Dispatcher.dispatch("ping", [1])
    assert {:error, "bad_request", _} = Dispatcher.dispatch("functions", %{})
    assert {:error, "bad_request", _} = Dispatcher.dispatch("functions", %{"mod" => 1})
    assert {:error, "bad_request", _} = Dispatcher.dispatch("purge_module", %{"mod" => nil})
    assert {:error, "bad_request", _} = Dispatcher.dispatch("reload", %{"path" => "a.ex"})

    assert {:error, "bad_request", _} =
             Dispatcher.dispatch("reload", %{"path" => "a.ex", "content" => "", "origin" => "x"})
  end

  test "unknown modules" do
    name = "Mixscope.Unknown#{System.unique_integer([:positive])}"
    assert {:error, "unknown_module", _} = Dispatcher.dispatch("functions", %{"mod" => name})
    assert {:error, "unknown_module", _} = Dispatcher.dispatch("purge_module", %{"mod" => name})
    # An existing atom that names no module.
    assert {:error, "unknown_module", _} = Dispatcher.dispatch("functions", %{"mod" => "ok"})
  end

  test "functions of a module by its wire name" do
    assert {:ok, functions} = Dispatcher.dispatch("functions", %{"mod" => "Mixscope.Agent.Names"})
    assert Enum.any?(functions, &(&1.name == "to_wire" and &1.arity == 1 and &1.kind == "def"))
  end

  test "purge_module drops old and current code and emits source_removed" do
    start_supervised!(%{id: Events, start: {Events, :start_link, [[sink: self()]]}})
    mod = :"Elixir.Mixscope.PurgeTarget#{System.unique_integer([:positive])}"
    Code.compile_string("defmodule #{inspect(mod)} do\n def hi, do: :hi\nend", "purge_target.ex")
    assert mod.hi() == :hi

    wire = inspect(mod)
    assert Dispatcher.dispatch("purge_module", %{"mod" => wire}) == {:ok, %{purged: true}}
    assert :code.is_loaded(mod) == false
    refute :erlang.check_old_code(mod)

    assert_receive {:mixscope_frame,
                    %{"kind" => "source_removed", "origin" => "user", "mod" => ^wire} = event}

    assert event["path"] == "purge_target.ex"
    assert Dispatcher.dispatch("purge_module", %{"mod" => wire}) == {:ok, %{purged: false}}
  end
end
