defmodule Mixscope.Agent.Pipeline.Index do
  @moduledoc false

  # What the pipeline needs to know before a compile, kept in memory per compile manifest:
  # which modules each source file defines, and which files reference a module at compile time
  # or through its exports (the files Mix may recompile, deleting their beams first). Read from
  # the manifest once, patched from the tracer after each compile, and re-read in the
  # background after a compile changed the manifest, never on the path of a save.

  alias Mixscope.Agent.Graph.Manifest

  @type entry :: %{
          stamp: term(),
          dir: String.t(),
          files: %{String.t() => [module()]},
          dependents: %{module() => [String.t()]},
          compile_dependents: %{module() => [String.t()]},
          export_dependents: %{module() => [String.t()]},
          runtime_dependents: %{module() => [module()]},
          compile_targets: MapSet.t(module()),
          digests: %{String.t() => binary()},
          info: %{module() => %{kind: term(), export: term()}} | nil,
          parsed: Manifest.t() | nil,
          error: term()
        }

  @type t :: %{String.t() => entry()}

  @doc """
  The entry for `manifest` (project folder `dir`), read when not cached or when the manifest
  changed since (another compile: a terminal `mix compile`, live sync).
  """
  @spec ensure(t(), String.t(), String.t()) :: {entry(), t()}
  def ensure(index, manifest, dir) do
    case Map.fetch(index, manifest) do
      {:ok, %{stamp: stamp} = entry} when stamp != nil ->
        if stamp(manifest) == stamp, do: {entry, index}, else: load_into(index, manifest, dir)

      _ ->
        load_into(index, manifest, dir)
    end
  end

  defp load_into(index, manifest, dir) do
    entry = load(manifest, dir)
    {entry, Map.put(index, manifest, entry)}
  end

  @doc "Re-reads every cached manifest whose file changed since it was read."
  @spec refresh(t()) :: t()
  def refresh(index) do
    Map.new(index, fn {manifest, entry} ->
      if stamp(manifest) == entry.stamp,
        do: {manifest, entry},
        else: {manifest, load(manifest, entry.dir)}
    end)
  end

  @doc """
  Drops from `dirty` the files whose content the manifest already describes (a compile elsewhere,
  such as a terminal `mix compile`, caught up with them).
  """
  @spec prune_dirty(entry(), MapSet.t(String.t())) :: MapSet.t(String.t())
  def prune_dirty(entry, dirty) do
    MapSet.reject(dirty, &unchanged?(entry, &1))
  end

  @doc """
  Forgets what `manifest` (every manifest with `:all`) said, so the next `ensure/3` or
  `refresh/1` reads it again: after a compile by Mix, whose manifest may keep the same mtime
  (whole seconds), size and inode while its content changed.
  """
  @spec invalidate(t(), String.t() | :all) :: t()
  def invalidate(index, :all), do: Map.new(index, fn {m, entry} -> {m, %{entry | stamp: nil}} end)

  def invalidate(index, manifest) do
    case Map.fetch(index, manifest) do
      {:ok, entry} -> Map.put(index, manifest, %{entry | stamp: nil})
      :error -> index
    end
  end

  @doc "Records what a compile defined: each compiled file now defines exactly those modules."
  @spec patch(t(), String.t(), [{module(), String.t()}]) :: t()
  def patch(index, manifest, compiled) do
    case Map.fetch(index, manifest) do
      {:ok, entry} ->
        by_file = Enum.group_by(compiled, fn {_m, f} -> f end, fn {m, _f} -> m end)
        Map.put(index, manifest, %{entry | files: Map.merge(entry.files, by_file)})

      :error ->
        index
    end
  end

  @doc """
  True when the manifest describes `file` with exactly its current content on disk (same MD5
  digest): Mix would not see it as changed. False when the layout carries no digest.
  """
  @spec unchanged?(entry(), String.t()) :: boolean()
  def unchanged?(entry, file) do
    case {Map.get(entry.digests, file), File.read(file)} do
      {digest, {:ok, bytes}} when is_binary(digest) -> :erlang.md5(bytes) == digest
      _ -> false
    end
  end

  @doc """
  The files Mix recompiles first when `files` changed, by its own rule: a file referencing a
  stale module at compile time is recompiled (its modules become stale); a file referencing one
  at runtime is not, but its modules become stale. Files recompiled later because an export
  changed are not included: that is only known after the compile.
  """
  @spec stale_files(entry(), [String.t()]) :: MapSet.t(String.t())
  def stale_files(entry, files) do
    modules = Enum.flat_map(files, &Map.get(entry.files, &1, []))
    stale(modules, MapSet.new(modules), MapSet.new(files), entry)
  end

  defp stale([], _seen, files, _entry), do: files

  defp stale([module | rest], seen, files, entry) do
    recompiled = entry.compile_dependents |> Map.get(module, []) |> Enum.reject(&(&1 in files))
    files = Enum.into(recompiled, files)

    next =
      (Enum.flat_map(recompiled, &Map.get(entry.files, &1, [])) ++
         Map.get(entry.runtime_dependents, module, []))
      |> Enum.reject(&MapSet.member?(seen, &1))
      |> Enum.uniq()

    stale(next ++ rest, Enum.into(next, seen), files, entry)
  end

  @doc """
  Modules Mix may delete before recompiling `file`: its own, and transitively those of files
  that use them at compile time or through their exports.
  """
  @spec at_risk(entry(), String.t()) :: [module()]
  def at_risk(entry, file), do: walk([file], MapSet.new([file]), [], entry)

  defp walk([], _seen, acc, _entry), do: Enum.uniq(acc)

  defp walk([file | rest], seen, acc, entry) do
    modules = Map.get(entry.files, file, [])

    next =
      modules
      |> Enum.flat_map(&Map.get(entry.dependents, &1, []))
      |> Enum.reject(&MapSet.member?(seen, &1))
      |> Enum.uniq()

    walk(rest ++ next, Enum.into(next, seen), modules ++ acc, entry)
  end

  defp empty_entry(stamp, dir) do
    %{
      stamp: stamp,
      dir: dir,
      files: %{},
      dependents: %{},
      compile_dependents: %{},
      export_dependents: %{},
      runtime_dependents: %{},
      compile_targets: MapSet.new(),
      digests: %{},
      info: nil,
      parsed: nil,
      error: nil
    }
  end

  defp load(manifest, dir) do
    stamp = stamp(manifest)

    case Manifest.read(manifest, dir) do
      {:ok, %{modules: modules, sources: sources} = parsed} ->
        files =
          Enum.reduce(modules, %{}, fn {module, files}, acc ->
            Enum.reduce(files, acc, fn file, acc ->
              Map.update(acc, absolute(file, dir), [module], &[module | &1])
            end)
          end)

        base = %{
          empty_entry(stamp, dir)
          | files: files,
            info: Map.get(parsed, :info),
            parsed: parsed
        }

        Enum.reduce(sources, base, fn {file, refs}, entry ->
          absolute = absolute(file, dir)
          own = Map.get(files, absolute, [])

          %{
            entry
            | dependents: add_all(entry.dependents, refs.compile ++ refs.export, absolute),
              compile_dependents: add_all(entry.compile_dependents, refs.compile, absolute),
              export_dependents: add_all(entry.export_dependents, refs.export, absolute),
              runtime_dependents:
                Enum.reduce(refs.runtime, entry.runtime_dependents, fn module, acc ->
                  Map.update(acc, module, own, &(own ++ &1))
                end),
              compile_targets: Enum.into(refs.compile, entry.compile_targets),
              digests: Map.put(entry.digests, absolute, Map.get(refs, :digest))
          }
        end)

      {:error, reason} ->
        %{empty_entry(stamp, dir) | error: reason}
    end
  end

  defp add_all(map, modules, file) do
    Enum.reduce(modules, map, fn module, acc -> Map.update(acc, module, [file], &[file | &1]) end)
  end

  defp absolute("/" <> _ = file, _dir), do: file
  defp absolute(file, dir), do: dir <> "/" <> file

  @doc "What identifies the manifest's current version on disk (mtime, size, inode)."
  @spec stamp(String.t()) :: term()
  def stamp(manifest) do
    case File.stat(manifest, time: :posix) do
      {:ok, %{mtime: mtime, size: size, inode: inode}} -> {mtime, size, inode}
      _ -> nil
    end
  end
end
