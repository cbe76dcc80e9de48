defmodule Mixscope.Agent.EventsTest do
  use ExUnit.Case, async: true

  alias Mixscope.Agent.Events

  setup do
    name = :"events_#{System.unique_integer([:positive])}"
    start_supervised!(%{id: name, start: {Events, :start_link, [[name: name, sink: self()]]}})
    %{events: name}
  end

  test "stamps seq from 1, at, kind and origin", %{events: events} do
    before = System.system_time(:millisecond)
    Events.emit(events, :source_written, :user, %{path: "lib/a.ex"})
    Events.emit(events, :compile_started, :watcher, %{files: 2})

    assert_receive {:mixscope_frame, first}
    assert_receive {:mixscope_frame, second}

    assert %{"type" => "event", "seq" => 1, "kind" => "source_written", "origin" => "user"} =
             first

    assert first["path"] == "lib/a.ex"
    assert first["at"] >= before

    assert %{"seq" => 2, "kind" => "compile_started", "origin" => "watcher", "files" => 2} =
             second
  end

  test "seq has no gaps and arrives in order across concurrent emitters", %{events: events} do
    emitters = 8
    per = 50

    1..emitters
    |> Enum.map(fn _ ->
      Task.async(fn ->
        for _ <- 1..per, do: Events.emit(events, :recompiled, :external, %{mod: "A"})
      end)
    end)
    |> Task.await_many()

    seqs =
      for _ <- 1..(emitters * per) do
        assert_receive {:mixscope_frame, %{"seq" => seq}}
        seq
      end

    assert seqs == Enum.to_list(1..(emitters * per))
  end

  test "emit without a running owner drops the event" do
    assert Events.emit(:no_such_events_owner, :recompiled, :user, %{}) == nil
  end
end
