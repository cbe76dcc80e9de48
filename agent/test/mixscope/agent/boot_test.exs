defmodule Mixscope.Agent.BootTest do
  # End to end: a real VM started the way Mixscope starts it (the command in vm-command.json,
  # in a real Mix project with a path dependency), talking to this test, which plays Mixscope's
  # side of the socket. Not async: each case runs a whole VM on a small machine.
  use ExUnit.Case, async: false

  import Bitwise
  alias Mixscope.Agent.JSON

  @moduletag timeout: 180_000
  @agent_dir Path.expand("../../..", __DIR__)
  @recv_timeout 60_000

  setup do
    base = Path.join(System.tmp_dir!(), "mixscope-boot-#{System.unique_integer([:positive])}")
    on_exit(fn -> File.rm_rf!(base) end)
    %{base: base}
  end

  test "hello, requests, malformed frames, purge, and halting when the socket closes", ctx do
    root = write_project(ctx.base, dep_source: "def twice(x), do: x * 2")
    vm = start_vm(root)

    assert %{"type" => "hello", "token" => token} = hello = vm.hello
    assert token == vm.token
    assert hello["project_root"] == root
    assert hello["app"] == "boot_fx"
    assert hello["mix_env"] == "dev"
    assert hello["boot_diagnostics"] == []
    assert hello["elixir"] == System.version()
    assert %{"listeners" => _, "json" => _, "structured_diagnostics" => _} = hello["features"]

    events = events_until_finished(vm)
    kinds = Enum.map(events, & &1["kind"])
    assert hd(kinds) == "compile_started"
    refute "compile_failed" in kinds
    assert Enum.all?(events, &(&1["origin"] == "startup"))
    assert Enum.map(events, & &1["seq"]) == Enum.to_list(1..length(events))

    assert %{"ok" => true, "result" => %{"pong" => true}} = request(vm, "ping", %{})

    assert %{"ok" => true, "result" => modules} = request(vm, "modules", %{})
    by_mod = Map.new(modules, &{&1["mod"], &1})
    main_source = File.read!(Path.join(root, "lib/boot_fx.ex"))

    assert Map.delete(by_mod["BootFx"], "loaded") == %{
             "mod" => "BootFx",
             "app" => "boot_fx",
             "source" => "lib/boot_fx.ex",
             "source_hash" => Base.encode16(:erlang.md5(main_source), case: :lower),
             # Just compiled at boot: the loaded code matches the file on disk.
             "stale" => false
           }

    # The path dep compiled at boot; the app started (its callback module is loaded).
    assert %{"app" => "boot_fx_dep", "source" => "dep/lib/boot_fx_dep.ex"} = by_mod["BootFxDep"]
    assert %{"loaded" => true} = by_mod["BootFx.Application"]
    assert %{"loaded" => true, "source" => "lib/boot_fx/worker.ex"} = by_mod["BootFx.Worker"]

    assert %{"ok" => true, "result" => functions} = request(vm, "functions", %{"mod" => "BootFx"})

    hello_line =
      main_source |> String.split("\n") |> Enum.find_index(&(&1 =~ "def hello(")) |> Kernel.+(1)

    assert [
             %{
               "name" => "hello",
               "arity" => 1,
               "kind" => "def",
               "line" => ^hello_line,
               "doc" => "Says hello.",
               "spec" => "hello(integer()) :: integer()"
             },
             %{"name" => "secret", "arity" => 0, "kind" => "defp", "doc" => nil, "spec" => nil}
           ] = functions

    assert %{"ok" => false, "error" => %{"code" => "unknown_module"}} =
             request(vm, "functions", %{"mod" => "BootFx.NoSuch"})

    # Malformed frames: no id means no reply, an id gets bad_request; the link survives both.
    send_frame(vm, "this is not json")
    send_frame(vm, ~s({"type":"request","method":"ping"}))
    send_frame(vm, ~s({"id": 900, "nonsense": true}))
    assert %{"id" => 900, "ok" => false, "error" => %{"code" => "bad_request"}} = recv_reply(vm)

    assert %{"ok" => false, "error" => %{"code" => "bad_request"}} =
             request(vm, "no_such_method", %{})

    assert %{"ok" => false, "error" => %{"code" => "bad_request"}} =
             request(vm, "functions", %{"module" => "BootFx"})

    assert %{"ok" => true, "result" => %{"purged" => true}} =
             request(vm, "purge_module", %{"mod" => "BootFx.Worker"})

    assert %{"kind" => "source_removed", "origin" => "user"} = removed = vm_event(vm)
    assert removed["seq"] == length(events) + 1
    assert removed["mod"] == "BootFx.Worker"
    assert removed["path"] == "lib/boot_fx/worker.ex"

    assert %{"result" => modules} = request(vm, "modules", %{})
    assert %{"loaded" => false} = Enum.find(modules, &(&1["mod"] == "BootFx.Worker"))

    # reload and dependency_graph reach the pipeline through the dispatcher.
    new_worker = "defmodule BootFx.Worker do\n  def touch, do: :ok\n  def added, do: 1\nend\n"

    assert %{"ok" => true, "result" => %{"recompiled" => [saved | _]}} =
             request(vm, "reload", %{"path" => "lib/boot_fx/worker.ex", "content" => new_worker})

    assert %{"mod" => "BootFx.Worker", "functions" => worker_functions} = saved
    assert Enum.any?(worker_functions, &(&1["name"] == "added"))

    assert %{"ok" => false, "error" => %{"code" => "path_outside_project"}} =
             request(vm, "reload", %{"path" => "../outside.ex", "content" => ""})

    assert %{"ok" => true, "result" => %{"nodes" => nodes, "edges" => _}} =
             request(vm, "dependency_graph", %{})

    assert Enum.any?(nodes, &(&1["id"] == "lib/boot_fx.ex" and &1["modules"] == ["BootFx"]))

    # Mixscope went away: the VM halts by itself.
    :ok = :gen_tcp.close(vm.socket)
    assert {:exit, 0} = wait_exit(vm)
  end

  test "the VM comes up and reports diagnostics when a path dependency does not compile", ctx do
    root = write_project(ctx.base, dep_source: "def twice(x), do: x * undefined_thing()")
    vm = start_vm(root)

    assert %{"type" => "hello", "boot_diagnostics" => []} = vm.hello
    events = events_until_finished(vm)
    assert "compile_failed" in Enum.map(events, & &1["kind"])
    failed = Enum.find(events, &(&1["kind"] == "compile_failed"))
    assert [_ | _] = failed["diagnostics"]
    assert Enum.any?(failed["diagnostics"], &(&1["severity"] == "error"))

    assert %{"ok" => true, "result" => %{"pong" => true}} = request(vm, "ping", %{})
    :ok = :gen_tcp.close(vm.socket)
    assert {:exit, 0} = wait_exit(vm)
  end

  # -- the fixture project -------------------------------------------------------------------

  defp write_project(base, dep_source: dep_body) do
    root = Path.join(base, "boot_fx")

    files = %{
      "mix.exs" => """
      defmodule BootFx.MixProject do
        use Mix.Project

        def project do
          [app: :boot_fx, version: "0.1.0", deps: [{:boot_fx_dep, path: "dep"}]]
        end

        def application, do: [mod: {BootFx.Application, []}]
      end
      """,
      "lib/boot_fx.ex" => """
      defmodule BootFx do
        @moduledoc "The fixture's main module."

        @doc \"\"\"
        Says hello.

        Not part of the summary.
        \"\"\"
        @spec hello(integer()) :: integer()
        def hello(x), do: BootFxDep.twice(x) + secret()

        defp secret, do: 0
      end
      """,
      "lib/boot_fx/application.ex" => """
      defmodule BootFx.Application do
        use Application

        def start(_type, _args) do
          :ok = BootFx.Worker.touch()
          Supervisor.start_link([], strategy: :one_for_one)
        end
      end
      """,
      "lib/boot_fx/worker.ex" => """
      defmodule BootFx.Worker do
        def touch, do: :ok
      end
      """,
      "dep/mix.exs" => """
      defmodule BootFxDep.MixProject do
        use Mix.Project
        def project, do: [app: :boot_fx_dep, version: "0.1.0"]
      end
      """,
      "dep/lib/boot_fx_dep.ex" => """
      defmodule BootFxDep do
        #{dep_body}
      end
      """
    }

    for {path, content} <- files do
      full = Path.join(root, path)
      File.mkdir_p!(Path.dirname(full))
      File.write!(full, content)
    end

    root
  end

  # -- Mixscope's side of the link -----------------------------------------------------------

  defp start_vm(root) do
    {:ok, listener} = :gen_tcp.listen(0, [:binary, packet: 4, active: false, ip: {127, 0, 0, 1}])
    {:ok, port} = :inet.port(listener)
    token = Integer.to_string(:rand.uniform(1 <<< 60), 36)

    %{"command" => command, "args" => args} =
      @agent_dir |> Path.join("vm-command.json") |> File.read!() |> JSON.decode() |> elem(1)

    args = Enum.map(args, &String.replace(&1, "{agentDir}", @agent_dir))

    env = [
      {"MIXSCOPE_PORT", Integer.to_string(port)},
      {"MIXSCOPE_TOKEN", token},
      {"MIXSCOPE_AGENT_DIR", @agent_dir},
      {"MIXSCOPE_CACHE_DIR", Path.join(System.tmp_dir!(), "mixscope-agent-test-cache")},
      # The test VM runs with MIX_ENV=test; Mixscope starts projects in their default env.
      {"MIX_ENV", "dev"}
    ]

    os_port =
      Port.open({:spawn_executable, System.find_executable(command)}, [
        :binary,
        :exit_status,
        :stderr_to_stdout,
        args: args,
        cd: root,
        env: Enum.map(env, fn {k, v} -> {String.to_charlist(k), String.to_charlist(v)} end)
      ])

    {:os_pid, os_pid} = Port.info(os_port, :os_pid)

    on_exit(fn ->
      # Whatever happened in the test, no VM outlives it.
      System.cmd("kill", ["-KILL", Integer.to_string(os_pid)], stderr_to_stdout: true)
    end)

    {:ok, socket} = :gen_tcp.accept(listener, @recv_timeout)
    :gen_tcp.close(listener)
    {:ok, hello} = :gen_tcp.recv(socket, 0, @recv_timeout)
    {:ok, hello} = JSON.decode(hello)

    vm = %{
      socket: socket,
      port: os_port,
      token: token,
      hello: hello,
      next_id: :counters.new(1, [])
    }

    on_exit(fn ->
      if hello["os_pid"] do
        System.cmd("kill", ["-KILL", hello["os_pid"]], stderr_to_stdout: true)
      end
    end)

    vm
  end

  defp send_frame(vm, binary), do: :ok = :gen_tcp.send(vm.socket, binary)

  defp recv_frame(vm) do
    {:ok, data} = :gen_tcp.recv(vm.socket, 0, @recv_timeout)
    {:ok, frame} = JSON.decode(data)
    frame
  end

  # Events may arrive between replies; the tests that care read them with vm_event/1.
  defp recv_reply(vm) do
    case recv_frame(vm) do
      %{"type" => "reply"} = reply ->
        reply

      %{"type" => "event"} = event ->
        send(self(), {:vm_event, event})
        recv_reply(vm)
    end
  end

  defp vm_event(vm) do
    receive do
      {:vm_event, event} -> event
    after
      0 ->
        case recv_frame(vm) do
          %{"type" => "event"} = event -> event
          other -> flunk("expected an event, got #{inspect(other)}")
        end
    end
  end

  defp events_until_finished(vm, acc \\ []) do
    case vm_event(vm) do
      %{"kind" => "compile_finished"} = event -> Enum.reverse([event | acc])
      event -> events_until_finished(vm, [event | acc])
    end
  end

  defp request(vm, method, params) do
    :counters.add(vm.next_id, 1, 1)
    id = :counters.get(vm.next_id, 1)
    frame = %{"type" => "request", "id" => id, "method" => method, "params" => params}
    send_frame(vm, JSON.encode!(frame))
    assert %{"id" => ^id} = reply = recv_reply(vm)
    reply
  end

  defp wait_exit(vm) do
    receive do
      {port, {:exit_status, status}} when port == vm.port -> {:exit, status}
      {port, {:data, _output}} when port == vm.port -> wait_exit(vm)
    after
      30_000 -> :still_running
    end
  end
end
