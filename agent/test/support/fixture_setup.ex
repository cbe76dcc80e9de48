defmodule Mixscope.Agent.Test.FixtureSetup do
  @moduledoc false

  # Setup callbacks shared by the tests that run against a generated fixture project. A test
  # module imports this module and names the callbacks:
  #
  #   setup_all :fixture                        one project for the module (compiling is the slow part)
  #   setup :fixture                            a fresh project per test (tests that break it)
  #   setup [:capture_events, :start_pipeline]  event frames to the test process; the pipeline
  #
  # The fixture is removed (and its modules purged) when the module or test exits.

  import ExUnit.Callbacks, only: [on_exit: 1, start_supervised!: 1]

  alias Mixscope.Agent.Pipeline
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  @doc "Creates and compiles a fixture project as `:fixture` in the context."
  @spec fixture(map()) :: {:ok, keyword()}
  def fixture(_context), do: track(FixtureProject.create())

  @doc "Creates and compiles an umbrella fixture project as `:fixture` in the context."
  @spec umbrella_fixture(map()) :: {:ok, keyword()}
  def umbrella_fixture(_context), do: track(FixtureProject.create_umbrella())

  @doc "Starts the event owner with the test process as its sink (see `EventCapture`)."
  @spec capture_events(map()) :: :ok
  def capture_events(_context) do
    start_supervised!(EventCapture.child_spec(self()))
    :ok
  end

  @doc "Starts the reload pipeline under the test supervisor."
  @spec start_pipeline(map()) :: :ok
  def start_pipeline(_context) do
    start_supervised!(Pipeline)
    :ok
  end

  defp track(fixture) do
    on_exit(fn -> FixtureProject.destroy(fixture) end)
    {:ok, fixture: fixture}
  end
end
