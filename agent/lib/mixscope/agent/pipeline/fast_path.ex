defmodule Mixscope.Agent.Pipeline.FastPath do
  @moduledoc false

  # A save that Mix would answer by recompiling only the saved file is compiled directly with
  # the parallel compiler, without `compile.elixir`. For a large project `compile.elixir` costs
  # far more than the file itself, whatever changed: it lists every source, stats every source,
  # decodes and re-encodes the whole manifest. The decision uses Mix's own rule, read from the
  # manifest (kept in memory by `Index`):
  #
  #   * a module is recompiled when it references a stale module at compile time, or an export
  #     (or struct) of a module whose exports changed;
  #   * a module that references a stale module at runtime becomes stale itself, without being
  #     recompiled, so its compile-time dependents recompile.
  #
  # The saved file qualifies when nothing in that runtime closure is referenced at compile time
  # and none of its modules is a protocol or an implementation (consolidation). After the compile,
  # if the file now defines other modules, or changed the exports of a module that others depend
  # on through its exports, `compile.elixir` runs as usual.
  #
  # Mix's manifest is not rewritten here (its layout is private): it still has the file's old
  # digest, so the next `compile.elixir` (a slower save, `settle/0` before a graph is read, or a
  # `mix compile` in a terminal) compiles the file again and brings the manifest up to date. Until
  # then other saves take the regular path, since the manifest no longer describes that file.

  alias Mixscope.Agent.Pipeline.{Compiler, Index}

  @doc "The saved file's modules when the fast path applies, `:no` otherwise."
  @spec plan(Index.entry(), String.t(), String.t(), MapSet.t(String.t())) ::
          {:ok, [module()]} | :no
  def plan(entry, file, manifest, dirty) do
    modules = Map.get(entry.files, file, [])

    cond do
      entry.info == nil or modules == [] -> :no
      Enum.any?(dirty, &(&1 != file)) -> :no
      Enum.any?(modules, &(get_in(entry.info, [&1, :kind]) != :module)) -> :no
      Index.stamp(manifest) != entry.stamp -> :no
      reaches_compile_target?(entry, modules) -> :no
      true -> {:ok, modules}
    end
  end

  @doc "Compiles `file` alone into `ebin`."
  @spec compile(String.t(), [module()], String.t(), String.t()) :: Compiler.result()
  def compile(file, modules, ebin, root) do
    # Only the previous-previous version is dropped, as Mix does before it recompiles.
    Enum.each(modules, &:code.purge/1)
    Compiler.compile_files([file], ebin, root)
  end

  @doc """
  True when Mix would have compiled nothing more: the file defines the same modules as before,
  and no module whose exports changed has export dependents.
  """
  @spec settled?(Index.entry(), [module()], [{module(), String.t()}]) :: boolean()
  def settled?(entry, modules, compiled) do
    MapSet.new(compiled, &elem(&1, 0)) == MapSet.new(modules) and
      Enum.all?(modules, fn module ->
        Map.get(entry.export_dependents, module, []) == [] or
          exports_md5(module) == get_in(entry.info, [module, :export])
      end)
  end

  defp exports_md5(module) do
    if function_exported?(module, :__info__, 1), do: module.__info__(:exports_md5)
  end

  defp reaches_compile_target?(entry, modules) do
    walk(modules, MapSet.new(modules), entry)
  end

  defp walk([], _seen, _entry), do: false

  defp walk([module | rest], seen, entry) do
    if MapSet.member?(entry.compile_targets, module) do
      true
    else
      next =
        entry.runtime_dependents |> Map.get(module, []) |> Enum.reject(&MapSet.member?(seen, &1))

      walk(next ++ rest, Enum.into(next, seen), entry)
    end
  end
end
