defmodule Mixscope.Agent.Sync.Loaded do
  @moduledoc false

  # Brings loaded code in line with the ebin folders after another OS process compiled.
  # Compares MD5s, so beams our own compiles wrote (already loaded) are left alone.

  alias Mixscope.Agent.{Events, Names}
  alias Mixscope.Agent.Sync.{Announce, Beams, Project}

  # Modules new to the VM (a terminal compile added thousands after a branch switch) load a
  # chunk at a time: one `:code.atomic_load/1` instead of a code server round trip and purge
  # per module. A chunk it refuses (a bad beam, an on_load hook) loads module by module.
  @chunk 500

  @doc """
  Loads changed beams and purges modules whose beam is gone. `beams` (absolute paths) limits
  the reload check to those files; nil checks every beam of every unit.
  """
  @spec run([Project.unit()], [String.t()] | nil, Events.origin(), String.t()) :: map()
  def run(units, beams, origin, root) do
    vm_started = vm_started_at()

    changed =
      for {mod, beam} <- candidates(units, beams), reload?(mod, beam, vm_started), do: {mod, beam}

    {fresh, replaced} =
      Enum.split_with(changed, fn {mod, _} -> not :erlang.module_loaded(mod) end)

    reloaded =
      Enum.flat_map(Enum.chunk_every(fresh, @chunk), &load_new/1) ++
        for {mod, beam} <- replaced, Beams.load(mod, beam) == :ok, do: mod

    # Cheap whatever the beam list: one stat per loaded module of the project.
    purged =
      for unit <- units,
          {mod, file} <- Beams.loaded_from(unit.ebin),
          not File.exists?(file),
          do: {mod, Beams.source(mod)}

    reloaded = Enum.sort(reloaded)
    Enum.each(reloaded, &Announce.recompiled(&1, origin))
    Enum.each(purged, fn {mod, source} -> Announce.removed(mod, source, origin, root) end)

    %{
      reloaded: Enum.map(reloaded, &Names.to_wire/1),
      purged: purged |> Enum.map(&Names.to_wire(elem(&1, 0))) |> Enum.sort()
    }
  end

  defp load_new(chunk) do
    binaries =
      for {mod, beam} <- chunk,
          {:ok, bin} <- [File.read(beam)],
          do: {mod, String.to_charlist(beam), bin}

    case :code.atomic_load(binaries) do
      :ok -> Enum.map(binaries, &elem(&1, 0))
      {:error, _} -> for {mod, beam} <- chunk, Beams.load(mod, beam) == :ok, do: mod
    end
  end

  defp candidates(units, nil), do: Enum.flat_map(units, &Beams.on_disk(&1.ebin))

  defp candidates(units, beams) do
    ebins = MapSet.new(units, & &1.ebin)

    # Only files inside a unit's ebin folder, and only ones that exist (the atom of a beam
    # name is made from a file on disk, never from a bare string off the wire).
    for beam <- Enum.uniq(beams),
        is_binary(beam),
        beam = Path.expand(beam),
        MapSet.member?(ebins, Path.dirname(beam)),
        String.ends_with?(beam, ".beam"),
        File.regular?(beam),
        do: {beam |> Path.basename(".beam") |> String.to_atom(), beam}
  end

  defp reload?(mod, beam, vm_started) do
    case Beams.loaded_md5(mod) do
      nil -> (posix_mtime(beam) || 0) >= vm_started
      loaded -> Beams.disk_md5(beam) not in [nil, loaded]
    end
  end

  # Seconds since the epoch when this VM started, rounded down so a beam written in the same
  # second counts as newer: a module never loaded whose beam is that recent is new to the VM.
  defp vm_started_at do
    {uptime_ms, _} = :erlang.statistics(:wall_clock)
    System.os_time(:second) - div(uptime_ms, 1000) - 1
  end

  defp posix_mtime(path) do
    case File.stat(path, time: :posix) do
      {:ok, %File.Stat{mtime: mtime}} -> mtime
      _ -> nil
    end
  end
end
