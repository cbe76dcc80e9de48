defmodule Mixscope.Agent.Pipeline.Snapshot do
  @moduledoc false

  # Before Mix recompiles a stale source it deletes the source's `.beam` files and purges its
  # modules. When the new text then fails to compile, those modules would simply be gone. The
  # pipeline promises that the previously loaded code keeps running, so it keeps the bytes of
  # the beams about to be replaced and puts back (on disk and in the VM) whatever the failed
  # compile removed. The next good save recompiles them anyway: their source digest changed.

  @type t :: [{module(), String.t(), binary()}]

  @doc "Reads the current `.beam` of each module from `ebin`; missing ones are skipped."
  @spec take([module()], String.t()) :: t()
  def take(modules, ebin) do
    Enum.flat_map(modules, fn module ->
      beam = Path.join(ebin, Atom.to_string(module) <> ".beam")

      case File.read(beam) do
        {:ok, binary} -> [{module, beam, binary}]
        _ -> []
      end
    end)
  end

  @doc """
  Puts back every module of the snapshot that the failed compile removed or replaced, on disk
  and in the VM (modules compiled before the error are loaded, and may be written).
  """
  @spec restore(t()) :: [module()]
  def restore(snapshot) do
    for {module, beam, binary} <- snapshot,
        File.read(beam) != {:ok, binary} or not loaded?(module, binary) do
      File.mkdir_p(Path.dirname(beam))
      File.write(beam, binary)
      # A soft purge leaves processes still running the old code alone; the module is then
      # restored on disk only and loads on its next call.
      if :code.soft_purge(module) do
        :code.load_binary(module, String.to_charlist(beam), binary)
      end

      module
    end
  end

  # Not loaded counts as intact: the VM loads the `.beam` on the next call.
  defp loaded?(module, binary) do
    case :beam_lib.md5(binary) do
      {:ok, {_module, md5}} ->
        not :erlang.module_loaded(module) or module.module_info(:md5) == md5

      _ ->
        true
    end
  end
end
