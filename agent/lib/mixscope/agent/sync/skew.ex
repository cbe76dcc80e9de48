defmodule Mixscope.Agent.Sync.Skew do
  @moduledoc false

  # Whether a module's loaded code, `.beam` and source agree.
  #
  # Loaded vs beam: MD5 of the loaded code against `:beam_lib.md5/1` of the file.
  # Beam vs source: the Elixir compile manifest records each source's digest (MD5 in the
  # versions we know) as of the compile that produced its beams; the source differs when its
  # bytes hash differently now. The
  # manifest's layout is private to Mix (a list of records in 1.14, a map by path later), so it
  # is read defensively; when it cannot be read, a source modified after its beam was written
  # counts as different.

  alias Mixscope.Agent.Sync.{Beams, Project}

  @type t :: %{stale: boolean(), loaded_differs: boolean(), source_differs: boolean()}

  @doc "The skew of `mod` (see the module comment)."
  @spec of(module()) :: t()
  def of(mod) do
    beam = beam_path(mod)
    loaded = Beams.loaded_md5(mod)

    loaded_differs =
      cond do
        loaded == nil -> false
        beam == nil -> match?([_ | _], :code.which(mod))
        true -> Beams.disk_md5(beam) != loaded
      end

    source_differs = beam != nil and source_differs?(mod, beam)

    %{
      stale: loaded_differs or source_differs,
      loaded_differs: loaded_differs,
      source_differs: source_differs
    }
  end

  @doc """
  A staleness check for one listing of many modules: reads each unit's manifest once, then
  answers for a module from what the listing already knows (its `beam`, absolute `source`
  and that source's lowercase hex MD5, nil when the source is gone). Beam MD5s are read for
  loaded modules only (cached by the beam's mtime and size unless written in the last
  seconds).
  """
  @spec checker() :: (module(), String.t(), String.t() | nil, String.t() | nil -> boolean())
  def checker do
    digests = Map.new(Project.units(), &{&1.manifest, read_digests(&1.manifest, &1.root)})

    fn mod, beam, source, hash ->
      loaded_differs?(mod, beam) or listed_source_differs?(beam, source, hash, digests)
    end
  end

  defp loaded_differs?(mod, beam) do
    case Beams.loaded_md5(mod) do
      nil -> false
      loaded -> cached_disk_md5(beam) != loaded
    end
  end

  # A cache keyed by mtime and size cannot tell apart two same-size files written within one
  # second (Mix stamps every beam of a compile with the compile's second), so anything that
  # recent is read again.
  defp cached_disk_md5(beam) do
    case File.stat(beam, time: :posix) do
      {:ok, %{mtime: mtime, size: size}} ->
        if recent?(mtime) do
          Beams.disk_md5(beam)
        else
          Mixscope.Agent.Modules.Cache.fetch({:beam_md5, beam}, {mtime, size}, fn ->
            Beams.disk_md5(beam)
          end)
        end

      _ ->
        nil
    end
  end

  defp recent?(mtime), do: mtime >= System.os_time(:second) - 2

  defp listed_source_differs?(_beam, nil, _hash, _digests), do: false
  defp listed_source_differs?(_beam, _source, nil, _digests), do: true

  defp listed_source_differs?(beam, source, hash, digests) do
    case Map.fetch(Map.get(digests, manifest_of(beam), %{}), source) do
      {:ok, digest} when byte_size(digest) == 16 ->
        Base.encode16(digest, case: :lower) != fresh_hash(source, hash)

      _ ->
        newer?(source, beam)
    end
  end

  # The listing's hash comes from a cache with the same one-second blind spot.
  defp fresh_hash(source, hash) do
    with {:ok, %{mtime: mtime}} <- File.stat(source, time: :posix),
         true <- recent?(mtime),
         {:ok, bytes} <- File.read(source) do
      bytes |> :erlang.md5() |> Base.encode16(case: :lower)
    else
      _ -> hash
    end
  end

  defp source_differs?(mod, beam) do
    case Beams.source(mod, beam) do
      nil ->
        false

      source ->
        case File.read(source) do
          {:error, _} -> true
          {:ok, bytes} -> differs?(source, bytes, beam)
        end
    end
  end

  defp differs?(source, bytes, beam) do
    manifest = manifest_of(beam)

    case Map.fetch(read_digests(manifest, unit_root(manifest)), source) do
      {:ok, digest} when byte_size(digest) == 16 -> :erlang.md5(bytes) != digest
      _ -> newer?(source, beam)
    end
  end

  defp newer?(source, beam) do
    with {:ok, %{mtime: s}} <- File.stat(source, time: :posix),
         {:ok, %{mtime: b}} <- File.stat(beam, time: :posix) do
      s > b
    else
      _ -> false
    end
  end

  defp manifest_of(beam),
    do: Path.join([Path.dirname(Path.dirname(beam)), ".mix", "compile.elixir"])

  # Absolute source path => digest. Manifest paths are relative to the project that owns them
  # (`root`), not to the build folder the manifest sits in.
  defp read_digests(manifest, root) do
    {_modules, sources} = apply(Mix.Compilers.Elixir, :read_manifest, [manifest])

    entries =
      cond do
        is_map(sources) -> Enum.map(sources, fn {path, record} -> {path, record} end)
        is_list(sources) -> Enum.map(sources, &{elem(&1, 1), &1})
        true -> []
      end

    for {path, record} <- entries,
        is_binary(path),
        digest = digest_of(record),
        into: %{},
        do: {Path.expand(path, root), digest}
  rescue
    _ -> %{}
  end

  # `{:source, path, size, digest, ...}` (1.14) or `{:source, size, digest, ...}` (1.15+).
  defp digest_of(record) when is_tuple(record) and tuple_size(record) > 3 do
    record
    |> Tuple.to_list()
    |> Enum.take(4)
    |> Enum.find(&(is_binary(&1) and byte_size(&1) == 16 and not String.printable?(&1)))
  end

  defp digest_of(_), do: nil

  defp unit_root(manifest) do
    Enum.find_value(Project.units(), Project.root(), fn unit ->
      if unit.manifest == manifest, do: unit.root
    end)
  end

  defp beam_path(mod) do
    case :code.which(mod) do
      [_ | _] = file ->
        if File.regular?(file), do: List.to_string(file), else: find_beam(mod)

      _ ->
        find_beam(mod)
    end
  end

  defp find_beam(mod) do
    Project.units()
    |> Enum.map(&Path.join(&1.ebin, "#{mod}.beam"))
    |> Enum.find(&File.regular?/1)
  end
end
