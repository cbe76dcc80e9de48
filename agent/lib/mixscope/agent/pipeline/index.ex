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
          refs: %{String.t() => %{compile: [module()], export: [module()], runtime: [module()]}},
          # ^ only files patched since the manifest was read
          patched: MapSet.t(String.t()),
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

  @doc """
  Records what a compile outside Mix defined and referenced: each compiled file now defines
  exactly those modules, its references (`refs`, per file, from the compiler's lexical tracker)
  replace the ones the manifest had, and each compiled module's exports digest is the one now
  loaded. The entry then describes the code the VM runs, so the next save's stale set is
  computed from it (see `FastPath`) even though Mix's manifest has not caught up yet.
  """
  @spec patch(t(), String.t(), [{module(), String.t()}], %{String.t() => map()}) :: t()
  def patch(index, manifest, compiled, refs \\ %{}) do
    case Map.fetch(index, manifest) do
      {:ok, entry} ->
        by_file = Enum.group_by(compiled, fn {_m, f} -> f end, fn {m, _f} -> m end)

        entry =
          Enum.reduce(refs, entry, fn {file, new}, acc -> repoint(acc, file, new, by_file) end)

        entry = %{
          entry
          | files: Map.merge(entry.files, by_file),
            info: exports(entry.info, compiled)
        }

        Map.put(index, manifest, entry)

      :error ->
        index
    end
  end

  @doc """
  Patches in the files of `overlay` (the pipeline's record of compiles outside Mix, see
  `Mixscope.Agent.Pipeline`) that the entry does not describe yet: after the entry was read
  again from a manifest Mix did not rewrite (a failed `compile.elixir`).
  """
  @spec catch_up(t(), String.t(), %{String.t() => map()}) :: t()
  def catch_up(index, manifest, overlay) do
    case Map.fetch(index, manifest) do
      {:ok, entry} ->
        missing = Map.reject(overlay, fn {file, _} -> MapSet.member?(entry.patched, file) end)
        compiled = for {file, refs} <- missing, m <- refs.modules, do: {m, file}
        if missing == %{}, do: index, else: patch(index, manifest, compiled, missing)

      :error ->
        index
    end
  end

  # Drops what the file referenced before and adds what it references now. Only the project's
  # own modules count: every file references `Kernel` (and `:erlang`), whose dependents lists
  # hold every file of the project and never make anything stale; walking them would cost
  # milliseconds per save on a large project.
  defp repoint(entry, file, new, by_file) do
    own? = project_modules(entry, by_file)
    old = entry |> refs_of(file) |> only(own?)
    old_own = Map.get(entry.files, file, [])
    new_own = Map.get(by_file, file, old_own)
    new = Map.new([:compile, :export, :runtime], &{&1, Map.get(new, &1, []) -- new_own})
    stored = new
    new = only(new, own?)

    %{
      entry
      | dependents:
          entry.dependents
          |> drop_all(old.compile ++ old.export, [file])
          |> add_all(new.compile ++ new.export, file),
        compile_dependents:
          entry.compile_dependents |> drop_all(old.compile, [file]) |> add_all(new.compile, file),
        export_dependents:
          entry.export_dependents |> drop_all(old.export, [file]) |> add_all(new.export, file),
        runtime_dependents:
          entry.runtime_dependents
          |> drop_all(old.runtime, old_own)
          |> then(fn map ->
            Enum.reduce(new.runtime, map, fn m, acc ->
              Map.update(acc, m, new_own, &(new_own ++ &1))
            end)
          end),
        compile_targets: Enum.into(new.compile, entry.compile_targets),
        refs: Map.put(entry.refs, file, stored),
        patched: MapSet.put(entry.patched, file)
    }
  end

  # Patched files' references are kept; the others' are the manifest's (not copied per file:
  # every word the pipeline keeps on its heap slows down each module purge, see `Live`).
  defp refs_of(entry, file) do
    case Map.fetch(entry.refs, file) do
      {:ok, refs} ->
        refs

      :error ->
        rel = String.replace_prefix(file, entry.dir <> "/", "")
        sources = (entry.parsed && entry.parsed.sources) || %{}
        Map.get(sources, rel) || Map.get(sources, file) || %{compile: [], export: [], runtime: []}
    end
  end

  defp project_modules(%{info: nil}, _by_file), do: fn _module -> true end

  defp project_modules(%{info: info}, by_file) do
    compiled = by_file |> Map.values() |> List.flatten() |> MapSet.new()
    fn module -> Map.has_key?(info, module) or MapSet.member?(compiled, module) end
  end

  defp only(refs, own?),
    do: Map.new([:compile, :export, :runtime], &{&1, Enum.filter(Map.get(refs, &1, []), own?)})

  defp drop_all(map, modules, values) do
    Enum.reduce(Enum.uniq(modules), map, fn module, acc ->
      case Map.fetch(acc, module) do
        {:ok, list} -> Map.put(acc, module, Enum.reject(list, &(&1 in values)))
        :error -> acc
      end
    end)
  end

  defp exports(nil, _compiled), do: nil

  # The digest is a literal of the module's code: kept as is, it would tie this process to that
  # code, and purging it (the module's next save but one) would copy the literal into this
  # process's large heap with a full garbage collection, 10-20 ms per save on a 10,000-file
  # project. A copy holds nothing of the module.
  defp exports(info, compiled) do
    Enum.reduce(compiled, info, fn {module, _file}, acc ->
      case {Map.fetch(acc, module), function_exported?(module, :__info__, 1)} do
        {{:ok, known}, true} ->
          md5 = :binary.copy(module.__info__(:exports_md5))
          Map.put(acc, module, %{known | export: md5})

        _ ->
          acc
      end
    end)
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
  def stale_files(entry, files), do: entry |> stale_set(files) |> elem(0)

  @doc """
  The modules Mix sees as stale when `files` changed (see `stale_files/2`): those recompiled and
  those only marked stale through a runtime reference, which its checker then looks at.
  """
  @spec stale_modules(entry(), [String.t()]) :: MapSet.t(module())
  def stale_modules(entry, files), do: entry |> stale_set(files) |> elem(1)

  defp stale_set(entry, files) do
    modules = Enum.flat_map(files, &Map.get(entry.files, &1, []))
    stale(modules, MapSet.new(modules), MapSet.new(files), entry)
  end

  defp stale([], seen, files, _entry), do: {files, seen}

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
      refs: %{},
      patched: MapSet.new(),
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
