defmodule Mixscope.Agent.Pipeline.FastPath do
  @moduledoc false

  # A save is compiled directly with the parallel compiler, together with exactly the files Mix
  # would recompile first, without `compile.elixir`. For a large project `compile.elixir` costs
  # far more than the files themselves, whatever changed: it lists and stats every source, walks
  # its list-based manifest once per source (quadratic in 1.14), and re-encodes it. Measured on a
  # generated 2,000-file project: a macro edit recompiling 3 files took 930 ms through
  # `compile.elixir`, 76 ms here (bare compile of the 3 files: 35 ms). The set comes from Mix's
  # own rule, read from the manifest (kept in memory by `Index`, see `Index.stale_files/2`):
  #
  #   * a module is recompiled when it references a stale module at compile time, or an export
  #     (or struct) of a module whose exports changed;
  #   * a module that references a stale module at runtime becomes stale itself, without being
  #     recompiled, so its compile-time dependents recompile.
  #
  # Files with protocols or implementations (consolidation) are left to Mix. After the compile,
  # if a file now defines other modules, or a module changed the exports others outside the set
  # depend on, `compile.elixir` runs as usual.
  #
  # Mix's manifest is not rewritten here (its layout is private): it still has the saved file's
  # old digest, so the next `compile.elixir` (a slower save, `settle/0`, or a `mix compile` in a
  # terminal) compiles the set again and brings the manifest up to date. Until then the
  # in-memory entry stands in for it: `Index.patch/4` replaced the compiled files' references
  # and exports digests with what the compile produced, so the next save (of the same file or
  # of any other) computes its set from the code the VM runs and stays on this path. A save
  # finds the saved files not in the manifest yet in `dirty`; only one whose compile failed (the
  # entry never saw its references) sends the save to Mix.

  alias Mixscope.Agent.Pipeline.{Compiler, Index}

  @doc """
  The files to compile when the fast path applies (the saved file first, then the files Mix
  would recompile with it: see `Index.stale_files/2`), `:no` otherwise.
  """
  @spec plan(Index.entry(), String.t(), String.t(), MapSet.t(String.t())) ::
          {:ok, [String.t()]} | :no
  def plan(entry, file, manifest, dirty) do
    modules = Map.get(entry.files, file, [])

    cond do
      entry.info == nil or modules == [] -> :no
      Enum.any?(dirty, &(&1 != file and not MapSet.member?(entry.patched, &1))) -> :no
      Index.stamp(manifest) != entry.stamp -> :no
      true -> plan_set(entry, file)
    end
  end

  defp plan_set(entry, file) do
    files = [file | entry |> Index.stale_files([file]) |> MapSet.delete(file) |> Enum.sort()]
    modules = Enum.flat_map(files, &Map.get(entry.files, &1, []))

    if Enum.all?(modules, &(get_in(entry.info, [&1, :kind]) == :module)) and
         Enum.all?(files, &File.regular?/1),
       do: {:ok, files},
       else: :no
  end

  @doc """
  Compiles `files` into `ebin`. With more than one file, their modules and `.beam` files are
  removed first, as Mix does, so a dependent waits for the new definition of the module it
  uses at compile time instead of expanding the old one.
  """
  @spec compile([String.t()], Index.entry(), String.t(), String.t()) :: Compiler.result()
  def compile(files, entry, ebin, root) do
    modules = Enum.flat_map(files, &Map.get(entry.files, &1, []))

    if length(files) > 1 do
      Enum.each(modules, fn module ->
        :code.purge(module)
        :code.delete(module)
        File.rm(Path.join(ebin, Atom.to_string(module) <> ".beam"))
      end)
    else
      # Only the previous-previous version is dropped, as Mix does before it recompiles.
      Enum.each(modules, &:code.purge/1)
    end

    Compiler.compile_files(files, ebin, root)
  end

  @doc """
  True when Mix would have compiled nothing more: every file defines the same modules as
  before, and no module whose exports changed has export dependents outside `files`.
  """
  @spec settled?(Index.entry(), [String.t()], [{module(), String.t()}]) :: boolean()
  def settled?(entry, files, compiled) do
    Enum.all?(files, fn file ->
      defined = for {m, ^file} <- compiled, into: MapSet.new(), do: m
      modules = Map.get(entry.files, file, [])

      defined == MapSet.new(modules) and
        Enum.all?(modules, fn module ->
          Map.get(entry.export_dependents, module, []) -- files == [] or
            exports_md5(module) == get_in(entry.info, [module, :export])
        end)
    end)
  end

  defp exports_md5(module) do
    if function_exported?(module, :__info__, 1), do: module.__info__(:exports_md5)
  end
end
