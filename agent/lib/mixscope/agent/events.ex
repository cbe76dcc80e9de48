defmodule Mixscope.Agent.Events do
  @moduledoc """
  Module events: stamps each with `seq` and `at` and hands the frame to the link.

  One process owns the sequence number, so frames reach the link in `seq` order with no
  gaps even when several processes emit at once (an atomic counter alone could hand out
  `seq` 5 before 4 reaches the socket). The link buffers frames until `hello` is sent.
  """

  use GenServer

  @kinds ~w(source_written compile_started recompiled compile_failed compile_finished source_removed graph_changed)a
  @origins ~w(user watcher external startup)a

  @typedoc "An event kind of the wire protocol."
  @type kind ::
          :source_written
          | :compile_started
          | :recompiled
          | :compile_failed
          | :compile_finished
          | :source_removed
          | :graph_changed

  @typedoc "Who caused the event."
  @type origin :: :user | :watcher | :external | :startup

  @doc """
  Starts the event owner.

  Options: `:name` (default `#{inspect(__MODULE__)}`), `:sink` (a pid or registered name
  that receives `{:mixscope_frame, frame}`; default `Mixscope.Agent.Link`).
  """
  @spec start_link(keyword()) :: GenServer.on_start()
  def start_link(opts \\ []) do
    name = Keyword.get(opts, :name, __MODULE__)
    sink = Keyword.get(opts, :sink, Mixscope.Agent.Link)
    GenServer.start_link(__MODULE__, sink, name: name)
  end

  @doc """
  Emits an event frame `fields` (e.g. `mod`, `path`, `payload`, `diagnostics`, `files`,
  `duration_ms`) with `kind` and `origin`; returns the frame sent.

  When the event owner is not running (a unit test, a script) the event is dropped.
  """
  @spec emit(kind(), origin(), map()) :: map() | nil
  def emit(kind, origin, fields \\ %{}), do: emit(__MODULE__, kind, origin, fields)

  @doc "Like `emit/3` through a given event owner."
  @spec emit(GenServer.server(), kind(), origin(), map()) :: map() | nil
  def emit(server, kind, origin, fields) when kind in @kinds and is_map(fields) do
    origin = if origin in @origins, do: origin, else: :user

    if GenServer.whereis(server) do
      GenServer.call(server, {:emit, kind, origin, fields})
    end
  end

  @impl true
  def init(sink), do: {:ok, %{seq: 0, sink: sink}}

  @impl true
  def handle_call({:emit, kind, origin, fields}, _from, state) do
    seq = state.seq + 1

    frame =
      fields
      |> Map.new(fn {k, v} -> {to_string(k), v} end)
      |> Map.merge(%{
        "type" => "event",
        "seq" => seq,
        "at" => System.system_time(:millisecond),
        "kind" => Atom.to_string(kind),
        "origin" => Atom.to_string(origin)
      })

    # Sent before replying so a caller's own next frame (its reply) queues behind it.
    deliver(state.sink, frame)
    {:reply, frame, %{state | seq: seq}}
  end

  defp deliver(sink, frame) do
    case GenServer.whereis(sink) do
      nil -> :ok
      pid -> send(pid, {:mixscope_frame, frame})
    end
  end
end
