defmodule Mixscope.Agent.Sync.Beams do
  @moduledoc false

  # What is on disk in the ebin folders versus what the VM has loaded. A module's identity is
  # its MD5 (`:beam_lib.md5/1` on disk, `module_info(:md5)` in memory): mtimes are no good here,
  # Mix stamps every beam of a compile with the same second.

  @doc "Modules with a `.beam` in `ebin`, as `%{module => beam_path}`."
  @spec on_disk(String.t()) :: %{module() => String.t()}
  def on_disk(ebin) do
    case File.ls(ebin) do
      {:ok, names} ->
        for name <- names, String.ends_with?(name, ".beam"), into: %{} do
          {name |> Path.rootname() |> String.to_atom(), Path.join(ebin, name)}
        end

      {:error, _} ->
        %{}
    end
  end

  @doc "The MD5 of a `.beam` file, or nil when it cannot be read."
  @spec disk_md5(String.t()) :: binary() | nil
  def disk_md5(path) do
    case :beam_lib.md5(String.to_charlist(path)) do
      {:ok, {_mod, md5}} -> md5
      {:error, _, _} -> nil
    end
  end

  @doc "The MD5 of the loaded code of `mod`, or nil when it is not loaded."
  @spec loaded_md5(module()) :: binary() | nil
  def loaded_md5(mod) do
    if :erlang.module_loaded(mod), do: mod.module_info(:md5)
  rescue
    _ -> nil
  end

  @doc "Loaded modules whose code was loaded from a file inside `ebin`."
  @spec loaded_from(String.t()) :: [{module(), String.t()}]
  def loaded_from(ebin) do
    prefix = ebin <> "/"

    for {mod, file} <- :code.all_loaded(),
        is_list(file),
        file = List.to_string(file),
        String.starts_with?(file, prefix),
        do: {mod, file}
  end

  @doc "Loads `mod` from `beam_path`, replacing what is loaded (old code is purged first)."
  @spec load(module(), String.t()) :: :ok | {:error, term()}
  def load(mod, beam_path) do
    with {:ok, binary} <- File.read(beam_path) do
      # Purge the old generation first so processes still in it are the only casualties of
      # a second reload, the same trade `IEx.Helpers.r/1` makes.
      :code.purge(mod)

      case :code.load_binary(mod, String.to_charlist(beam_path), binary) do
        {:module, ^mod} -> :ok
        {:error, reason} -> {:error, reason}
      end
    end
  end

  @doc "Removes `mod` from the VM entirely (current and old code)."
  @spec purge(module()) :: boolean()
  def purge(mod) do
    loaded? = :erlang.module_loaded(mod)
    :code.purge(mod)
    :code.delete(mod)
    :code.purge(mod)
    loaded?
  end

  @doc "The source file `mod` was compiled from, from loaded code or the beam's compile info."
  @spec source(module(), String.t() | nil) :: String.t() | nil
  def source(mod, beam_path \\ nil) do
    from_loaded =
      if :erlang.module_loaded(mod) do
        mod.module_info(:compile)[:source]
      end

    source =
      from_loaded ||
        (beam_path &&
           case :beam_lib.chunks(String.to_charlist(beam_path), [:compile_info]) do
             {:ok, {_, [compile_info: info]}} -> info[:source]
             _ -> nil
           end)

    if source, do: List.to_string(source)
  rescue
    _ -> nil
  end
end
