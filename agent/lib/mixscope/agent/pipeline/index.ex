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
          dependents: %{module() => [String.t()]}
        }

  @type t :: %{String.t() => entry()}

  @doc "The entry for `manifest` (project folder `dir`), reading it when not cached yet."
  @spec ensure(t(), String.t(), String.t()) :: {entry(), t()}
  def ensure(index, manifest, dir) do
    case Map.fetch(index, manifest) do
      {:ok, entry} ->
        {entry, index}

      :error ->
        entry = load(manifest, dir)
        {entry, Map.put(index, manifest, entry)}
    end
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

  defp load(manifest, dir) do
    stamp = stamp(manifest)

    case Manifest.read(manifest, dir) do
      {:ok, %{modules: modules, sources: sources}} ->
        files =
          Enum.reduce(modules, %{}, fn {module, files}, acc ->
            Enum.reduce(files, acc, fn file, acc ->
              Map.update(acc, Path.expand(file, dir), [module], &[module | &1])
            end)
          end)

        dependents =
          Enum.reduce(sources, %{}, fn {file, refs}, acc ->
            absolute = Path.expand(file, dir)

            Enum.reduce(refs.compile ++ refs.export, acc, fn module, acc ->
              Map.update(acc, module, [absolute], &[absolute | &1])
            end)
          end)

        %{stamp: stamp, dir: dir, files: files, dependents: dependents}

      {:error, _} ->
        %{stamp: stamp, dir: dir, files: %{}, dependents: %{}}
    end
  end

  defp stamp(manifest) do
    case File.stat(manifest, time: :posix) do
      {:ok, %{mtime: mtime, size: size, inode: inode}} -> {mtime, size, inode}
      _ -> nil
    end
  end
end
