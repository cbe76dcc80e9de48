defmodule Mixscope.Agent.Supervisor do
  @moduledoc false
  # The agent's processes. The link starts before the event owner, which hands it frames;
  # request handlers and the startup compile run under the task supervisor; the pipeline
  # serialises every compile.

  use Supervisor

  @spec start_link(keyword()) :: Supervisor.on_start()
  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    children = [
      {Task.Supervisor, name: Mixscope.Agent.TaskSupervisor},
      Mixscope.Agent.Modules.Cache,
      {Mixscope.Agent.Link, opts},
      Mixscope.Agent.Events,
      Mixscope.Agent.Pipeline
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
