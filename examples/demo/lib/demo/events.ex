defmodule Demo.Events do
  @moduledoc "Logs domain events; a leaf module most contexts call at runtime."

  require Logger

  @doc "Records that `name` happened with `data`."
  @spec publish(atom(), map()) :: :ok
  def publish(name, data) when is_atom(name) and is_map(data) do
    Logger.debug(fn -> "event #{name} #{inspect(data)}" end)
    :ok
  end
end
