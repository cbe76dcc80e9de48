defmodule Mixscope.Agent.Dispatcher do
  @moduledoc """
  Maps request methods of the wire protocol (`src/shared/agent-protocol.ts`) to the agent's
  functions and validates their params.

  Every outcome is `{:ok, result}` or `{:error, code, message}` /
  `{:error, code, message, diagnostics}`, which the link turns into a reply frame.
  """

  alias Mixscope.Agent.{Functions, Graph, Modules, Names, Pipeline, Purge, Trace}

  @typedoc "What a request resolves to."
  @type outcome ::
          {:ok, term()}
          | {:error, String.t() | atom(), String.t()}
          | {:error, String.t() | atom(), String.t(), [map()]}

  @origins %{
    "user" => :user,
    "watcher" => :watcher,
    "external" => :external,
    "startup" => :startup
  }

  @doc "Runs request `method` with `params` (a map decoded from JSON)."
  @spec dispatch(String.t(), term()) :: outcome()
  def dispatch(method, params) when not is_map(params),
    do: bad_request("params of #{method} must be an object")

  def dispatch("ping", _params), do: {:ok, %{pong: true}}

  def dispatch("modules", _params), do: {:ok, Modules.list()}

  def dispatch("functions", params) do
    with {:ok, mod} <- module_param(params) do
      if Modules.exists?(mod) do
        {:ok, Functions.list(mod)}
      else
        unknown_module(params["mod"])
      end
    end
  end

  def dispatch("purge_module", params) do
    with {:ok, mod} <- module_param(params) do
      {:ok, %{purged: Purge.purge(mod)}}
    end
  end

  def dispatch("reload", params) do
    with {:ok, path, content, origin} <- reload_params(params) do
      case Pipeline.reload(path, content, origin) do
        {:ok, result} -> {:ok, result}
        {:error, _code, _message} = error -> error
        {:error, _code, _message, _diagnostics} = error -> error
      end
    end
  end

  def dispatch("reload_async", params) do
    with {:ok, path, content, origin} <- reload_params(params) do
      case Pipeline.reload_async(path, content, origin) do
        {:error, _code, _message} = error -> error
        {:error, _code, _message, _diagnostics} = error -> error
        _accepted -> {:ok, %{accepted: true}}
      end
    end
  end

  def dispatch("dependency_graph", _params) do
    case Graph.dependency_graph() do
      {:error, _code, _message} = error -> error
      {:ok, graph} -> {:ok, graph}
      graph when is_map(graph) -> {:ok, graph}
    end
  end

  def dispatch("trace_file", %{"path" => path}) when is_binary(path), do: Trace.file(path)
  def dispatch("trace_file", _params), do: bad_request("expected params {path: string}")

  # Live sync (file watching, compiles by other OS processes): validated in its own module.
  def dispatch(method, params) when method in ["compile_paths", "sync_loaded"],
    do: Mixscope.Agent.Sync.Requests.dispatch(method, params)

  def dispatch(method, _params), do: bad_request("unknown method #{inspect(method)}")

  defp module_param(%{"mod" => name}) when is_binary(name) do
    case Names.from_wire(name) do
      {:ok, mod} -> {:ok, mod}
      :error -> unknown_module(name)
    end
  end

  defp module_param(_params), do: bad_request("expected params {mod: string}")

  defp reload_params(%{"path" => path, "content" => content} = params)
       when is_binary(path) and is_binary(content) do
    case Map.get(params, "origin", "user") do
      nil -> {:ok, path, content, :user}
      origin when is_map_key(@origins, origin) -> {:ok, path, content, @origins[origin]}
      other -> bad_request("unknown origin #{inspect(other)}")
    end
  end

  defp reload_params(_params), do: bad_request("expected params {path: string, content: string}")

  defp unknown_module(name), do: {:error, "unknown_module", "no module named #{name}"}

  defp bad_request(message), do: {:error, "bad_request", message}
end
