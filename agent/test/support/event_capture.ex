defmodule Mixscope.Agent.Test.EventCapture do
  @moduledoc false

  # Receives the agent's event frames in the test process: `Mixscope.Agent.Events` is started
  # with the test process as its sink, so each frame arrives as `{:mixscope_frame, frame}`.

  @doc "Child spec for `start_supervised/1`: the event owner sending frames to `pid`."
  @spec child_spec(pid()) :: Supervisor.child_spec()
  def child_spec(pid) do
    %{
      id: Mixscope.Agent.Events,
      start: {Mixscope.Agent.Events, :start_link, [[sink: pid]]}
    }
  end

  @doc "Event frames received until (and including) the next `compile_finished`."
  @spec until_finished(timeout()) :: [map()]
  def until_finished(timeout \\ 60_000), do: collect([], timeout)

  @doc "Every event frame already in the mailbox."
  @spec drain() :: [map()]
  def drain do
    receive do
      {:mixscope_frame, %{"type" => "event"} = frame} -> [frame | drain()]
    after
      0 -> []
    end
  end

  @doc "The kinds of `events`, in order."
  @spec kinds([map()]) :: [String.t()]
  def kinds(events), do: Enum.map(events, & &1["kind"])

  defp collect(acc, timeout) do
    receive do
      {:mixscope_frame, %{"type" => "event", "kind" => "compile_finished"} = frame} ->
        Enum.reverse([frame | acc])

      {:mixscope_frame, %{"type" => "event"} = frame} ->
        collect([frame | acc], timeout)
    after
      timeout ->
        raise "no compile_finished within #{timeout} ms; got #{inspect(Enum.reverse(acc))}"
    end
  end
end
