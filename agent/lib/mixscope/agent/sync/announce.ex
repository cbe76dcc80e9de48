defmodule Mixscope.Agent.Sync.Announce do
  @moduledoc false

  # The module events live sync emits: bare `recompiled` payloads (subscribers refetch what they
  # show) and `source_removed` after the module is dropped from the VM.

  alias Mixscope.Agent.{Events, Names}
  alias Mixscope.Agent.Pipeline.Paths
  alias Mixscope.Agent.Sync.Beams

  @doc "Emits a bare `recompiled` for `mod`."
  @spec recompiled(module(), Events.origin()) :: term()
  def recompiled(mod, origin) do
    wire = Names.to_wire(mod)

    Events.emit(:recompiled, origin, %{
      mod: wire,
      payload: %{mod: wire, source_hash: nil, functions: nil}
    })
  end

  @doc "Drops `mod` from the VM and emits `source_removed` with its (former) source path."
  @spec removed(module(), String.t() | nil, Events.origin(), String.t()) :: term()
  def removed(mod, source, origin, root) do
    Beams.purge(mod)
    path = if source, do: Paths.relative(source, root)
    Events.emit(:source_removed, origin, %{mod: Names.to_wire(mod), path: path})
  end
end
