defmodule Mixscope.Agent.Link do
  @moduledoc """
  The socket to Mixscope: connects to `127.0.0.1:port`, sends `hello` first, reads request
  frames and writes reply and event frames (`{packet, 4}`, JSON bodies).

  Each request runs in its own process under `Mixscope.Agent.TaskSupervisor`, so a slow
  reload never holds up a `ping` or a `modules`. The link only decodes, routes and writes;
  nothing a peer sends can crash it: a malformed frame with an id gets a `bad_request`
  reply, one without is logged and dropped.

  When the socket closes the VM halts: the process that started it has gone away, and a
  VM nobody talks to would only hold the project's ports and files.
  """

  use GenServer
  require Logger

  alias Mixscope.Agent.{Dispatcher, JSON}

  @doc """
  Starts the link.

  Options: `:port` and `:token` (required), `:hello` (the other hello fields, a map),
  `:halt` (called with an exit status when the socket closes (0) or cannot be opened (1);
  default `System.halt/1`),
  `:name` (default `#{inspect(__MODULE__)}`), `:task_supervisor`.
  """
  @spec start_link(keyword()) :: GenServer.on_start()
  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name, __MODULE__))
  end

  @doc "Queues `frame` (a map) for the socket; frames wait until `hello` has been sent."
  @spec send_frame(GenServer.server(), map()) :: :ok
  def send_frame(server \\ __MODULE__, frame) when is_map(frame) do
    case GenServer.whereis(server) do
      nil -> :ok
      pid -> send(pid, {:mixscope_frame, frame}) && :ok
    end
  end

  @impl true
  def init(opts) do
    state = %{
      port: Keyword.fetch!(opts, :port),
      token: Keyword.fetch!(opts, :token),
      hello: Keyword.get(opts, :hello, %{}),
      halt: Keyword.get(opts, :halt, &System.halt/1),
      tasks: Keyword.get(opts, :task_supervisor, Mixscope.Agent.TaskSupervisor),
      socket: nil,
      pending: []
    }

    {:ok, state, {:continue, :connect}}
  end

  @impl true
  def handle_continue(:connect, state) do
    tcp_opts = [:binary, packet: 4, active: :once, nodelay: true]

    case :gen_tcp.connect({127, 0, 0, 1}, state.port, tcp_opts, 10_000) do
      {:ok, socket} ->
        hello =
          Map.merge(state.hello, %{"type" => "hello", "token" => state.token})
          |> stringify_keys()

        :ok = :gen_tcp.send(socket, JSON.encode!(hello))
        state = %{state | socket: socket}
        Enum.each(Enum.reverse(state.pending), &write(state, &1))
        {:noreply, %{state | pending: []}}

      {:error, reason} ->
        IO.puts(
          :stderr,
          "mixscope agent: cannot connect to port #{state.port}: #{inspect(reason)}"
        )

        state.halt.(1)
        {:stop, :normal, state}
    end
  end

  @impl true
  def handle_info({:tcp, socket, data}, %{socket: socket} = state) do
    handle_frame(data, state)
    :inet.setopts(socket, active: :once)
    {:noreply, state}
  end

  def handle_info({:tcp_closed, socket}, %{socket: socket} = state) do
    state.halt.(0)
    {:stop, :normal, %{state | socket: nil}}
  end

  def handle_info({:tcp_error, socket, reason}, %{socket: socket} = state) do
    Logger.warning("mixscope agent: socket error #{inspect(reason)}")
    state.halt.(0)
    {:stop, :normal, %{state | socket: nil}}
  end

  def handle_info({kind, payload}, state) when kind in [:mixscope_frame, :mixscope_raw] do
    if state.socket do
      write(state, {kind, payload})
      {:noreply, state}
    else
      {:noreply, %{state | pending: [{kind, payload} | state.pending]}}
    end
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp write(state, {:mixscope_raw, binary}), do: :gen_tcp.send(state.socket, binary)

  defp write(state, {:mixscope_frame, frame}) do
    case JSON.encode(frame) do
      {:ok, json} -> :gen_tcp.send(state.socket, json)
      {:error, message} -> Logger.error("mixscope agent: cannot encode frame: #{message}")
    end
  end

  defp handle_frame(data, state) do
    case JSON.decode(data) do
      {:ok, %{"type" => "request", "id" => id, "method" => method} = request}
      when is_integer(id) and is_binary(method) ->
        params = Map.get(request, "params") || %{}
        run_request(state, id, method, params)

      {:ok, %{"id" => id}} when is_integer(id) ->
        reply_now(id, {:error, "bad_request", "expected {type: \"request\", id, method, params}"})

      {:ok, other} ->
        Logger.warning("mixscope agent: ignoring frame without id: #{inspect(other, limit: 20)}")

      {:error, message} ->
        Logger.warning("mixscope agent: ignoring malformed frame (#{message})")
    end
  end

  defp run_request(state, id, method, params) do
    link = self()

    Task.Supervisor.start_child(state.tasks, fn ->
      outcome =
        try do
          Dispatcher.dispatch(method, params)
        catch
          kind, reason ->
            message = Exception.format(kind, reason, __STACKTRACE__)
            Logger.error("mixscope agent: #{method} failed: #{message}")
            {:error, "internal_error", Exception.format_banner(kind, reason, __STACKTRACE__)}
        end

      send(link, {:mixscope_raw, encode_reply(id, outcome)})
    end)
  end

  defp reply_now(id, outcome), do: send(self(), {:mixscope_raw, encode_reply(id, outcome)})

  @doc false
  @spec encode_reply(integer(), Dispatcher.outcome()) :: binary()
  def encode_reply(id, outcome) do
    frame = reply_frame(id, outcome)

    case JSON.encode(frame) do
      {:ok, json} ->
        json

      {:error, message} ->
        JSON.encode!(reply_frame(id, {:error, "internal_error", "unencodable reply: #{message}"}))
    end
  end

  defp reply_frame(id, {:ok, result}),
    do: %{"type" => "reply", "id" => id, "ok" => true, "result" => result}

  defp reply_frame(id, {:error, code, message}),
    do: %{"type" => "reply", "id" => id, "ok" => false, "error" => error(code, message)}

  defp reply_frame(id, {:error, code, message, diagnostics}) do
    error = Map.put(error(code, message), "diagnostics", diagnostics)
    %{"type" => "reply", "id" => id, "ok" => false, "error" => error}
  end

  defp error(code, message), do: %{"code" => to_string(code), "message" => to_string(message)}

  defp stringify_keys(map), do: Map.new(map, fn {k, v} -> {to_string(k), v} end)
end
