defmodule Mixscope.Agent.Sync.Listener do
  @moduledoc false

  # Mix listener (Elixir 1.18+): Mix sends `{:modules_compiled, info}` to every process under
  # `Mix.PubSub.ListenerSupervisor` when any OS process compiles into the same `_build`.
  #
  # Mix documents that a listener must live in a dependency of the project and be named in
  # `config :mix, :listeners` or the project's `listeners:`; that is only because Mix starts the
  # listeners before it compiles the project. The agent's modules are loaded before the agent
  # subscribes, so it needs neither: it adds itself as a child of the listener supervisor when
  # Mix already started one, or puts itself in the `:mix, :listeners` application env and asks
  # Mix to start them. The user's files are never touched.
  #
  # Everything Mix-1.18-specific is called through `apply/3` on a module held in a variable, so
  # this module compiles without warnings on 1.14, where `attach/0` answers `:unsupported`.

  use GenServer

  alias Mixscope.Agent.Sync

  # Compiles of an umbrella send one message per app; answer them with one sync.
  @coalesce_ms 50

  @doc "Whether this Elixir has Mix listeners."
  @spec supported?() :: boolean()
  def supported? do
    Version.match?(System.version(), ">= 1.18.0") and Code.ensure_loaded?(pubsub())
  end

  @doc "Subscribes this VM to Mix's compile notifications, if Mix has them."
  @spec attach() :: {:ok, pid()} | {:error, term()}
  def attach do
    if supported?(), do: do_attach(), else: {:error, :unsupported}
  end

  @doc false
  @spec start_link(term()) :: GenServer.on_start()
  def start_link(_arg), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @doc "Whether a `{:modules_compiled, info}` came from this OS process (our own compile)."
  @spec own_compile?(map()) :: boolean()
  def own_compile?(info) when is_map(info) do
    # Released 1.18 carries `os_pid` (a string); some development builds carried `self`.
    Map.get(info, :os_pid) == System.pid() or Map.get(info, :self) == true
  end

  defp do_attach do
    case Process.whereis(__MODULE__) do
      pid when is_pid(pid) ->
        {:ok, pid}

      nil ->
        pubsub = pubsub()
        :ok = apply(pubsub, :start, [])

        case Process.whereis(Module.concat(pubsub, ListenerSupervisor)) do
          nil ->
            listeners = Application.get_env(:mix, :listeners, [])
            Application.put_env(:mix, :listeners, listeners ++ [__MODULE__])
            apply(pubsub, :start_listeners, [])

          sup ->
            Supervisor.start_child(sup, {__MODULE__, []})
        end

        case Process.whereis(__MODULE__) do
          nil -> {:error, :not_started}
          pid -> {:ok, pid}
        end
    end
  rescue
    e -> {:error, e}
  end

  defp pubsub, do: Module.concat(Mix, PubSub)

  @impl true
  def init(nil), do: {:ok, %{timer: nil}}

  @impl true
  def handle_info({:modules_compiled, info}, state) when is_map(info) do
    if own_compile?(info) or state.timer != nil do
      {:noreply, state}
    else
      {:noreply, %{state | timer: Process.send_after(self(), :sync, @coalesce_ms)}}
    end
  end

  def handle_info(:sync, state) do
    # Run outside this process: a sync waits for the compile lock, and Mix keeps delivering.
    Task.start(fn -> Sync.sync_loaded(:external) end)
    {:noreply, %{state | timer: nil}}
  end

  # Mix may add messages in later versions; ignore what we do not know.
  def handle_info(_message, state), do: {:noreply, state}
end
