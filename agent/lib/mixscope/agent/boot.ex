defmodule Mixscope.Agent.Boot do
  @moduledoc """
  What `boot.exs` calls once the agent's modules are loaded: starts the agent's processes,
  which connect and send `hello`, then compiles the project and starts its apps.

  `hello` goes out before the project compiles, with `boot_diagnostics: []`, so Mixscope sees
  the VM up within a second even when the compile takes a while; the compile's outcome follows
  as `compile_started` and `compile_finished` or `compile_failed` events with origin `startup`.
  The VM stays up when the project (or one of its path deps) does not compile: its apps are
  then not started, and the next successful reload is what brings the code in.
  """

  require Logger

  alias Mixscope.Agent.{Events, Modules, Pipeline, Project}

  @doc """
  Starts the agent in this VM. Options: `:port`, `:token` (required), `:started_at`
  (monotonic ms when boot began, for the boot time log line).
  """
  @spec start(keyword()) :: {:ok, pid()}
  def start(opts) do
    Project.put_root(File.cwd!())
    # Before anything can ask for modules while the boot compile runs (see the function).
    Project.remember_deps_layout()
    link_opts = [port: Keyword.fetch!(opts, :port), token: Keyword.fetch!(opts, :token)]
    link_opts = Keyword.put(link_opts, :hello, hello_fields())

    # Not linked to the caller: boot.exs runs in Mix's CLI process, which exits once the
    # script returns; the agent must outlive it.
    {:ok, sup} = Mixscope.Agent.Supervisor.start_link(link_opts)
    Process.unlink(sup)

    if started_at = opts[:started_at] do
      elapsed = System.monotonic_time(:millisecond) - started_at
      IO.puts(:stderr, "mixscope agent: up in #{elapsed} ms")
    end

    {:ok, _} = Task.Supervisor.start_child(Mixscope.Agent.TaskSupervisor, &startup/0)
    {:ok, sup}
  end

  @doc "The fields of the `hello` frame other than `type` and `token`."
  @spec hello_fields() :: map()
  def hello_fields do
    version = System.version()

    %{
      elixir: version,
      otp: System.otp_release(),
      os_pid: System.pid(),
      project_root: Project.root(),
      app: (app = Project.app()) && Atom.to_string(app),
      mix_env: Atom.to_string(Mix.env()),
      features: %{
        listeners: Version.match?(version, ">= 1.18.0"),
        json: Code.ensure_loaded?(JSON),
        structured_diagnostics: Version.match?(version, ">= 1.15.0")
      },
      boot_diagnostics: []
    }
  end

  @doc false
  @spec startup() :: :ok
  def startup do
    # Pipeline.compile_project/1 emits compile_started, compile_failed and compile_finished.
    case compile_project() do
      {:ok, _diagnostics} -> start_apps()
      {:error, _diagnostics} -> :ok
    end

    # Elixir 1.18+: compiles by other OS processes arrive as Mix listener messages (live sync);
    # a no-op answering {:error, :unsupported} on older Elixir, where Node watches ebin folders.
    Mixscope.Agent.Sync.start_listener()

    # The first listing reads every beam and source; doing it now makes the UI's first
    # `modules` request answer from the cache.
    Modules.list()
    :ok
  end

  # A crash inside the compile must still end the startup compile for the UI, which would
  # otherwise show it running forever; the VM stays up either way.
  defp compile_project do
    Pipeline.compile_project(:startup)
  catch
    kind, reason ->
      message = Exception.format(kind, reason, __STACKTRACE__)
      IO.puts(:stderr, "mixscope agent: the startup compile crashed: " <> message)
      diagnostic = %{file: nil, line: nil, column: nil, severity: "error", message: message}
      Events.emit(:compile_failed, :startup, %{diagnostics: [diagnostic]})
      Events.emit(:compile_finished, :startup, %{diagnostics: [diagnostic]})
      {:error, [diagnostic]}
  end

  # `mix run` already ran app.start/app.config with --no-start; re-enable them so the project's
  # apps (and their deps, and runtime config) start the way `mix run` would have started them.
  defp start_apps do
    Enum.each(["app.config", "app.start"], &Mix.Task.reenable/1)
    Mix.Task.run("app.start", ["--no-compile", "--no-deps-check", "--no-elixir-version-check"])
    :ok
  catch
    kind, reason ->
      IO.puts(
        :stderr,
        "mixscope agent: the project's apps did not start: " <>
          Exception.format(kind, reason, __STACKTRACE__)
      )

      :ok
  end
end
