defmodule Mixscope.Agent.Sync.Batch do
  @moduledoc false

  # One compile for a batch of changed, new and deleted sources, and what it did to the VM.
  #
  # Mix decides what to compile from the files on disk; we only make sure it looks at every path
  # we were given (see `Staleness`). What changed is learnt by comparing before and after: the
  # beams in the ebin folders and the MD5 of the loaded code.

  alias Mixscope.Agent.{Events, Names}
  alias Mixscope.Agent.Pipeline.Snapshot
  alias Mixscope.Agent.Sync.{Announce, Beams, Compile, Project, Staleness}

  @doc "Compiles the project for the absolute `paths`; emits the events; answers the result."
  @spec run([String.t()], Events.origin(), String.t(), [Project.unit()]) :: map()
  def run(paths, origin, root, units) do
    started = System.monotonic_time(:millisecond)
    owned = Enum.group_by(paths, &Project.owner(&1, units))
    touched = owned |> Map.keys() |> Enum.reject(&is_nil/1)
    Staleness.ensure_seen(Map.new(touched, &{&1.manifest, Map.fetch!(owned, &1)}))

    {existing, deleted} = Enum.split_with(paths, &File.exists?/1)
    main_app = Mix.Project.config()[:app]
    dep_units = Enum.reject(touched, &(&1.app == main_app))
    before = snapshot(units, existing, deleted, dep_units)

    Events.emit(:compile_started, origin, %{files: length(paths)})
    # Consolidated protocols change only with a protocol or an implementation, or with a
    # module gone (it may have been one); a new module compiled is among the traced ones.
    protocols? = fn compiled -> deleted != [] or Enum.any?(compiled, &protocol_related?/1) end
    {status, diagnostics, traced} = Compile.run(Enum.map(dep_units, & &1.app), root, protocols?)

    # Mix deletes the beams of every stale module before compiling it; when the compile fails
    # those modules are gone from disk and VM although their sources are fine. Put back the
    # ones that were loaded, as the reload pipeline does, and do not call them removed.
    if status == :error, do: Snapshot.restore(before.backup)

    after_disk = disk_modules(units)
    caught_up = if status == :error, do: [], else: catch_up(before.backup)
    recompiled = changed_modules(before, after_disk, traced ++ changed_dep_beams(before))
    recompiled = Enum.sort(Enum.uniq(recompiled ++ caught_up))

    removed =
      for mod <- Map.keys(before.disk),
          not Map.has_key?(after_disk, mod),
          status != :error or Map.has_key?(before.deleted_sources, mod),
          do: mod

    removed = Enum.sort(removed)
    Enum.each(recompiled, &Announce.recompiled(&1, origin))
    Enum.each(removed, &Announce.removed(&1, Map.get(before.deleted_sources, &1), origin, root))

    if status == :error, do: Events.emit(:compile_failed, origin, %{diagnostics: diagnostics})

    duration = System.monotonic_time(:millisecond) - started
    Events.emit(:compile_finished, origin, %{duration_ms: duration})

    %{
      recompiled: Enum.map(recompiled, &Names.to_wire/1),
      removed: Enum.map(removed, &Names.to_wire/1),
      diagnostics: diagnostics
    }
  end

  # Modules the tracer saw defined (main project), modules loaded before whose loaded code
  # changed (path dependencies compile without our tracer), and modules whose beam is new.
  # A module the compiler merely loaded (a macro it needed) has unchanged code: not listed.
  defp changed_modules(before, after_disk, traced) do
    changed =
      for {mod, md5} <- before.loaded,
          md5 != nil,
          Map.has_key?(after_disk, mod),
          Beams.loaded_md5(mod) not in [nil, md5],
          do: mod

    fresh =
      for mod <- Map.keys(after_disk),
          not Map.has_key?(before.disk, mod),
          Beams.loaded_md5(mod) != nil,
          do: mod

    traced = Enum.filter(traced, &Map.has_key?(after_disk, &1))
    Enum.sort(Enum.uniq(traced ++ changed ++ fresh))
  end

  # Another OS process (a terminal `mix compile`) may have compiled these files first: Mix then
  # has nothing to do, yet the VM still runs the old code. Load what is on disk.
  defp catch_up(backup) do
    for {mod, beam, _bytes} <- backup,
        (disk = Beams.disk_md5(beam)) != nil,
        disk != Beams.loaded_md5(mod),
        Beams.load(mod, beam) == :ok,
        do: mod
  end

  defp protocol_related?(mod) do
    function_exported?(mod, :__protocol__, 1) or function_exported?(mod, :__impl__, 1)
  end

  # Path dependencies compile without our tracer: their modules whose beam changed on disk.
  defp changed_dep_beams(before) do
    for {mod, {beam, md5}} <- before.dep_beams, Beams.disk_md5(beam) not in [nil, md5], do: mod
  end

  # Before the compile: the beams on disk, the loaded MD5 of every unit module (nil when not
  # loaded), the beam bytes of loaded modules whose source is in the batch (restored if the
  # compile fails), the source of each module defined by a deleted path, and the beam MD5s of
  # the path dependencies about to compile.
  defp snapshot(units, existing, deleted, dep_units) do
    disk = disk_modules(units)
    loaded_from_ebins = for u <- units, {mod, _} <- Beams.loaded_from(u.ebin), do: mod
    mods = Enum.uniq(Map.keys(disk) ++ loaded_from_ebins)
    loaded = Map.new(mods, &{&1, Beams.loaded_md5(&1)})

    existing = MapSet.new(existing)

    backup =
      for {mod, md5} <- loaded,
          md5 != nil,
          beam = Map.get(disk, mod),
          beam != nil,
          MapSet.member?(existing, Beams.source(mod)),
          {:ok, bytes} <- [File.read(beam)],
          do: {mod, beam, bytes}

    dep_beams =
      for unit <- dep_units,
          {mod, beam} <- Beams.on_disk(unit.ebin),
          into: %{},
          do: {mod, {beam, Beams.disk_md5(beam)}}

    %{
      disk: disk,
      loaded: loaded,
      backup: backup,
      deleted_sources: sources_of(disk, deleted),
      dep_beams: dep_beams
    }
  end

  defp sources_of(_disk, []), do: %{}

  defp sources_of(disk, deleted) do
    deleted = MapSet.new(deleted)

    for {mod, beam} <- disk,
        source = Beams.source(mod, beam),
        MapSet.member?(deleted, source),
        into: %{},
        do: {mod, source}
  end

  defp disk_modules(units) do
    Enum.reduce(units, %{}, fn u, acc -> Map.merge(acc, Beams.on_disk(u.ebin)) end)
  end
end
