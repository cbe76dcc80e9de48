defmodule Mixscope.Agent.Modules.Cache do
  @moduledoc false
  # Remembers per-file facts (a beam's source path, a source's MD5) keyed by the file's mtime
  # and size, so listing thousands of modules reads only what changed since the last listing.
  # The table belongs to this process; without it (a unit test, a script) nothing is cached.
  #
  # mtimes have one-second resolution, so a file written twice within a second at the same size
  # would look unchanged: like git's "racily clean" entries, a file modified in the last two
  # seconds is computed every time and only cached once it has been still for longer.

  use GenServer

  @table __MODULE__

  @spec start_link(keyword()) :: GenServer.on_start()
  def start_link(_opts \\ []), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @doc "The value cached under `key` for `version`, computing and storing it when absent."
  @spec fetch(term(), term(), (() -> value)) :: value when value: term()
  def fetch(key, version, compute) do
    case :ets.whereis(@table) do
      :undefined ->
        compute.()

      table ->
        case :ets.lookup(table, key) do
          [{_key, ^version, value}] ->
            value

          _ ->
            value = compute.()
            :ets.insert(table, {key, version, value})
            value
        end
    end
  end

  @impl true
  def init([]) do
    :ets.new(@table, [:named_table, :public, :set, read_concurrency: true])
    {:ok, nil}
  end
end
