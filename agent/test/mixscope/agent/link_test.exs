defmodule Mixscope.Agent.LinkTest do
  use ExUnit.Case, async: true

  @moduletag :capture_log

  alias Mixscope.Agent.{Events, JSON, Link}

  setup do
    n = System.unique_integer([:positive])
    test = self()
    {:ok, listener} = :gen_tcp.listen(0, [:binary, packet: 4, active: false, ip: {127, 0, 0, 1}])
    {:ok, port} = :inet.port(listener)
    names = %{link: :"link_#{n}", events: :"events_#{n}", tasks: :"tasks_#{n}"}

    start_supervised!({Task.Supervisor, name: names.tasks})

    start_supervised!(%{
      id: :events,
      start: {Events, :start_link, [[name: names.events, sink: names.link]]}
    })

    # Emitted before the link exists: dropped. Emitted before it connects: buffered.
    link_opts = [
      name: names.link,
      port: port,
      token: "secret",
      hello: %{elixir: "1.x", boot_diagnostics: []},
      task_supervisor: names.tasks,
      halt: fn status -> send(test, {:halted, status}) end
    ]

    %{listener: listener, names: names, link_opts: link_opts}
  end

  defp start_link!(opts) do
    start_supervised!(Supervisor.child_spec({Link, opts}, restart: :temporary))
  end

  defp recv!(socket) do
    {:ok, data} = :gen_tcp.recv(socket, 0, 5_000)
    {:ok, frame} = JSON.decode(data)
    frame
  end

  defp connect(ctx) do
    start_link!(ctx.link_opts)
    {:ok, socket} = :gen_tcp.accept(ctx.listener, 5_000)
    socket
  end

  test "hello first with the token, then buffered events, then replies", ctx do
    # The link process exists but has not connected yet when this event is emitted:
    # it is held back until hello has gone out.
    start_link!(ctx.link_opts)
    Events.emit(ctx.names.events, :compile_started, :startup, %{})
    {:ok, socket} = :gen_tcp.accept(ctx.listener, 5_000)

    assert %{"type" => "hello", "token" => "secret", "elixir" => "1.x"} = recv!(socket)
    assert %{"type" => "event", "seq" => 1, "kind" => "compile_started"} = recv!(socket)

    :ok = :gen_tcp.send(socket, ~s({"type":"request","id":1,"method":"ping","params":{}}))

    assert %{"type" => "reply", "id" => 1, "ok" => true, "result" => %{"pong" => true}} =
             recv!(socket)
  end

  test "many requests in flight are each answered under their own id", ctx do
    socket = connect(ctx)
    assert %{"type" => "hello"} = recv!(socket)

    for id <- 1..30 do
      method = if rem(id, 3) == 0, do: "modules", else: "ping"
      frame = JSON.encode!(%{type: "request", id: id, method: method, params: %{}})
      :ok = :gen_tcp.send(socket, frame)
    end

    replies = for _ <- 1..30, do: recv!(socket)
    assert replies |> Enum.map(& &1["id"]) |> Enum.sort() == Enum.to_list(1..30)
    assert Enum.all?(replies, & &1["ok"])
  end

  test "malformed frames never crash the link", ctx do
    socket = connect(ctx)
    assert %{"type" => "hello"} = recv!(socket)

    for bad <- ["not json", "[1,2", ~s({"type":"request"}), ~s("just a string"), <<0xFF, 0xFE>>] do
      :ok = :gen_tcp.send(socket, bad)
    end

    :ok = :gen_tcp.send(socket, ~s({"id":7,"method":42}))
    :ok = :gen_tcp.send(socket, ~s({"type":"request","id":8,"method":"ping","params":[1]}))
    :ok = :gen_tcp.send(socket, ~s({"type":"request","id":9,"method":"nope","params":{}}))

    assert %{"id" => 7, "ok" => false, "error" => %{"code" => "bad_request"}} = recv!(socket)

    rest = for _ <- 1..2, do: recv!(socket)
    assert Enum.map(rest, & &1["error"]["code"]) == ["bad_request", "bad_request"]
    assert rest |> Enum.map(& &1["id"]) |> Enum.sort() == [8, 9]

    :ok = :gen_tcp.send(socket, ~s({"type":"request","id":10,"method":"ping","params":{}}))
    assert %{"id" => 10, "ok" => true} = recv!(socket)
  end

  test "halts with status 0 when the socket closes", ctx do
    socket = connect(ctx)
    assert %{"type" => "hello"} = recv!(socket)
    :ok = :gen_tcp.close(socket)
    assert_receive {:halted, 0}, 5_000
  end

  test "halts with status 1 when nobody listens", ctx do
    :ok = :gen_tcp.close(ctx.listener)
    start_link!(ctx.link_opts)
    assert_receive {:halted, 1}, 15_000
  end
end
