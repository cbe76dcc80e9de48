defmodule Mixscope.Agent.Sync.Requests do
  @moduledoc false

  # The live-sync request methods, with their params checked; the dispatcher hands them here.

  alias Mixscope.Agent.Sync

  @origins %{
    "user" => :user,
    "watcher" => :watcher,
    "external" => :external,
    "startup" => :startup
  }

  @doc "Runs `compile_paths` or `sync_loaded` with decoded JSON `params`."
  @spec dispatch(String.t(), map()) ::
          {:ok, map()}
          | {:error, String.t(), String.t()}
          | {:error, String.t(), String.t(), list()}
  def dispatch("compile_paths", %{"paths" => paths} = params) when is_list(paths) do
    with :ok <- strings(paths),
         {:ok, origin} <- origin(params, :watcher) do
      Sync.compile_paths(paths, origin)
    end
  end

  def dispatch("compile_paths", _params),
    do: {:error, "bad_request", "expected params {paths: string[], origin?: string}"}

  def dispatch("sync_loaded", params) do
    with {:ok, origin} <- origin(params, :external),
         {:ok, beams} <- beams(Map.get(params, "beams")) do
      Sync.sync_loaded(origin, beams)
    end
  end

  defp strings(paths) do
    if Enum.all?(paths, &is_binary/1),
      do: :ok,
      else: {:error, "bad_request", "paths must be strings"}
  end

  defp beams(nil), do: {:ok, nil}

  defp beams(list) when is_list(list) do
    with :ok <- strings(list), do: {:ok, list}
  end

  defp beams(_other), do: {:error, "bad_request", "beams must be a list of strings"}

  defp origin(params, default) do
    case Map.get(params, "origin") do
      nil -> {:ok, default}
      name when is_map_key(@origins, name) -> {:ok, Map.fetch!(@origins, name)}
      other -> {:error, "bad_request", "unknown origin #{inspect(other)}"}
    end
  end
end
