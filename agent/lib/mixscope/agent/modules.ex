defmodule Mixscope.Agent.Modules do
  @moduledoc """
  The modules of the project, its umbrella apps and its path deps, found from the `.beam`
  files in their ebin folders (what `mix compile` produced), without loading any of them.
  """

  alias Mixscope.Agent.{Names, Project}
  alias Mixscope.Agent.Modules.Cache

  @typedoc "One module as the `modules` request lists it."
  @type info :: %{
          mod: String.t(),
          app: String.t() | nil,
          source: String.t() | nil,
          source_hash: String.t() | nil,
          loaded: boolean(),
          stale: boolean()
        }

  @doc "Every module of the project's apps, sorted by name."
  @spec list() :: [info()]
  def list do
    root = Project.root()

    # Live sync: whether each module's loaded code, beam and source agree.
    stale? = Mixscope.Agent.Sync.stale_checker()

    Project.apps()
    |> Enum.flat_map(fn %{app: app, ebin: ebin} ->
      for beam <- beams(ebin), do: info(beam, app, root, stale?)
    end)
    |> Enum.uniq_by(& &1.mod)
    |> Enum.sort_by(& &1.mod)
  end

  @doc "Whether `mod` is loaded or can be loaded from the code path."
  @spec exists?(module()) :: boolean()
  def exists?(mod) when is_atom(mod) do
    :code.is_loaded(mod) != false or :code.which(mod) != :non_existing
  end

  @doc "The absolute source file `mod` was compiled from, or nil when unknown."
  @spec source(module()) :: String.t() | nil
  def source(mod) when is_atom(mod) do
    from_loaded =
      if :code.is_loaded(mod) do
        try do
          mod.module_info(:compile)[:source]
        rescue
          _ -> nil
        end
      end

    case from_loaded || beam_source(:code.which(mod)) do
      nil -> nil
      source -> to_string(source)
    end
  end

  @doc "Lowercase hex MD5 of the bytes of `path`, nil when it cannot be read."
  @spec source_hash(String.t() | nil) :: String.t() | nil
  def source_hash(nil), do: nil

  def source_hash(path) do
    case File.stat(path, time: :posix) do
      {:ok, %File.Stat{type: :regular, mtime: mtime, size: size}} ->
        Cache.fetch({:hash, path}, {mtime, size}, fn -> hash_file(path) end)

      _ ->
        nil
    end
  end

  defp hash_file(path) do
    case File.read(path) do
      {:ok, bytes} -> bytes |> :erlang.md5() |> Base.encode16(case: :lower)
      {:error, _} -> nil
    end
  end

  defp beams(ebin) do
    case File.ls(ebin) do
      {:ok, files} -> for file <- files, Path.extname(file) == ".beam", do: Path.join(ebin, file)
      {:error, _} -> []
    end
  end

  defp info(beam, app, root, stale?) do
    # Beam names come from the project's own build folder, not from the wire.
    mod = beam |> Path.basename(".beam") |> String.to_atom()

    source =
      case File.stat(beam, time: :posix) do
        {:ok, %File.Stat{mtime: mtime, size: size}} ->
          Cache.fetch({:source, beam}, {mtime, size}, fn -> beam_source(beam) end)

        _ ->
          nil
      end

    hash = source_hash(source)

    %{
      mod: Names.to_wire(mod),
      app: app && Atom.to_string(app),
      source: source && relative(source, root),
      source_hash: hash,
      loaded: :code.is_loaded(mod) != false,
      stale: stale?.(mod, beam, source, hash)
    }
  end

  # Compile info holds absolute paths; a prefix check is all `relative` needs here, and is
  # much cheaper than expanding thousands of paths.
  defp relative(source, root) do
    case source do
      <<^root::binary-size(byte_size(root)), ?/, rest::binary>> -> rest
      _ -> Project.relative(source)
    end
  end

  defp beam_source(path) when is_list(path) or is_binary(path) do
    case :beam_lib.chunks(to_charlist(path), [:compile_info]) do
      {:ok, {_mod, [compile_info: info]}} ->
        case info[:source] do
          nil -> nil
          source -> to_string(source)
        end

      _ ->
        nil
    end
  end

  defp beam_source(_), do: nil
end
