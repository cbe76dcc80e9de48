defmodule Demo.Store do
  @moduledoc "An in-memory table of records per collection, kept in an Agent."

  use Agent

  @doc "Starts the store, registered under this module's name."
  @spec start_link(keyword()) :: Agent.on_start()
  def start_link(_opts), do: Agent.start_link(fn -> %{} end, name: __MODULE__)

  @doc "Stores `record` under `key` in `collection`."
  @spec put(atom(), term(), term()) :: :ok
  def put(collection, key, record) do
    Agent.update(__MODULE__, fn state ->
      Map.update(state, collection, %{key => record}, &Map.put(&1, key, record))
    end)
  end

  @doc "Fetches one record, or nil."
  @spec get(atom(), term()) :: term() | nil
  def get(collection, key) do
    Agent.get(__MODULE__, fn state -> state |> Map.get(collection, %{}) |> Map.get(key) end)
  end

  @doc "All records of a collection."
  @spec all(atom()) :: [term()]
  def all(collection) do
    Agent.get(__MODULE__, fn state -> state |> Map.get(collection, %{}) |> Map.values() end)
  end

  @doc "Removes every record; handy in tests."
  @spec clear() :: :ok
  def clear, do: Agent.update(__MODULE__, fn _ -> %{} end)
end
