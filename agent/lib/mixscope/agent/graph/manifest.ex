defmodule Mixscope.Agent.Graph.Manifest do
  @moduledoc false

  # Reads Mix's Elixir compile manifest (`_build/ENV/lib/APP/.mix/compile.elixir`), which holds
  # every source file's compile, export and runtime references: the same data `mix xref graph`
  # prints, without compiling or a new OS process.
  #
  # Its layout is private to Mix and changes between versions, so there are two readers:
  #
  #   * `:v14` decodes the file itself and accepts only the exact Elixir 1.14 layout
  #     (`{14, modules, sources, ...}` with 6-field module and 11-field source records);
  #   * `:mix` asks Mix's own `Mix.Compilers.Elixir.read_manifest/1` (the function `mix xref`
  #     uses) and recognises its records by shape, both as lists (1.14) and as maps keyed by
  #     module / path (1.15 upward).
  #
  # `read/2` tries them in that order; a layout neither recognises is `{:error, :unknown_layout}`.

  @typedoc "References of one source file, by kind (and its MD5 digest when the layout is known)."
  @type refs :: %{
          required(:compile) => [module()],
          required(:export) => [module()],
          required(:runtime) => [module()],
          optional(:digest) => binary()
        }

  @typedoc """
  A manifest reduced to what the graph needs; files relative to the project root. `info`
  (each module's kind and exports digest) only comes from a reader that knows the exact layout.
  """
  @type t :: %{
          required(:modules) => [{module(), [String.t()]}],
          required(:sources) => %{String.t() => refs()},
          optional(:info) => %{module() => %{kind: term(), export: term()}}
        }

  @doc "Reads `manifest`; `readers` picks and orders the readers (default `[:v14, :mix]`)."
  @spec read(String.t(), String.t(), [:v14 | :mix]) :: {:ok, t()} | {:error, term()}
  def read(manifest, root, readers \\ [:v14, :mix]) do
    if File.regular?(manifest) do
      Enum.reduce_while(readers, {:error, :unknown_layout}, fn reader, acc ->
        case safe(fn -> read_with(reader, manifest, root) end) do
          {:ok, parsed} -> {:halt, {:ok, parsed}}
          _ -> {:cont, acc}
        end
      end)
    else
      {:error, :no_manifest}
    end
  end

  defp read_with(:v14, manifest, root) do
    case manifest |> File.read!() |> :erlang.binary_to_term() do
      {14, modules, sources, _exports, _parents, _cache_key, _deps_config}
      when is_list(modules) and is_list(sources) ->
        mods =
          for {:module, module, _kind, files, _export, _recompile?} <- modules,
              do: {module, Enum.map(files, &relative(&1, root))}

        info =
          for {:module, module, kind, _files, export, _recompile?} <- modules,
              into: %{},
              do: {module, %{kind: kind, export: export}}

        srcs =
          for {:source, file, _size, digest, compile, export, runtime, _env, _ext, _warn, _mods} <-
                sources,
              into: %{},
              do:
                {relative(file, root),
                 %{compile: compile, export: export, runtime: runtime, digest: digest}}

        if length(mods) == length(modules) and map_size(srcs) == length(sources),
          do: {:ok, %{modules: mods, sources: srcs, info: info}},
          else: :error

      _ ->
        :error
    end
  end

  defp read_with(:mix, manifest, root) do
    reader = Mix.Compilers.Elixir

    if Code.ensure_loaded?(reader) and function_exported?(reader, :read_manifest, 1) do
      # Mix answers an empty manifest for a layout it does not know; a project with no modules
      # has no manifest at all (Mix deletes it), so empty means "not understood" here.
      case reader.read_manifest(manifest) do
        {modules, sources} when modules != [] and modules != %{} -> shape(modules, sources, root)
        _ -> :error
      end
    else
      :error
    end
  end

  @doc """
  Recognises `{modules, sources}` as `Mix.Compilers.Elixir.read_manifest/1` returns them, by
  shape: a module record holds the module and a list of source paths; a source record holds
  its path and, after size and digest, three lists of referenced modules (compile, export,
  runtime), the order Mix has kept since 1.11. Lists of records (1.14) and maps keyed by
  module / path (1.15 upward) are both accepted.
  """
  @spec shape(list() | map(), list() | map(), String.t()) :: {:ok, t()} | :error
  def shape(modules, sources, root) do
    mods = Enum.map(modules, &module_entry(&1, root))
    srcs = Enum.map(sources, &source_entry(&1, root))

    if Enum.all?(mods, &match?({_, _}, &1)) and Enum.all?(srcs, &match?({_, _}, &1)) do
      {:ok, %{modules: mods, sources: Map.new(srcs)}}
    else
      :error
    end
  end

  defp module_entry({module, record}, root) when is_atom(module) and is_tuple(record),
    do: module_fields(module, record |> Tuple.to_list() |> tl(), root)

  defp module_entry(record, root) when is_tuple(record) and tuple_size(record) > 2 do
    case Tuple.to_list(record) do
      [:module, module | fields] when is_atom(module) -> module_fields(module, fields, root)
      _ -> :error
    end
  end

  defp module_entry(_, _root), do: :error

  defp module_fields(module, fields, root) do
    case Enum.find(fields, &paths?/1) do
      nil -> :error
      files -> {module, Enum.map(files, &relative(&1, root))}
    end
  end

  defp source_entry({file, record}, root) when is_binary(file) and is_tuple(record),
    do: source_fields(file, record |> Tuple.to_list() |> tl(), root)

  defp source_entry(record, root) when is_tuple(record) and tuple_size(record) > 2 do
    case Tuple.to_list(record) do
      [:source, file | fields] when is_binary(file) -> source_fields(file, fields, root)
      _ -> :error
    end
  end

  defp source_entry(_, _root), do: :error

  defp source_fields(file, [size, digest, compile, export, runtime | _], root)
       when is_integer(size) and is_binary(digest) do
    if Enum.all?([compile, export, runtime], &modules?/1),
      do: {relative(file, root), %{compile: compile, export: export, runtime: runtime}},
      else: :error
  end

  defp source_fields(_file, _fields, _root), do: :error

  defp paths?([_ | _] = list), do: Enum.all?(list, &is_binary/1)
  defp paths?(_), do: false

  defp modules?(list) when is_list(list), do: Enum.all?(list, &is_atom/1)
  defp modules?(_), do: false

  # Mix 1.14 stores paths relative to the project root already; only absolute ones (newer
  # versions, sources outside the root) need work. Path.expand on every entry would cost more
  # than decoding the whole manifest.
  defp relative("/" <> _ = file, root) do
    if String.starts_with?(file, root <> "/"),
      do: binary_part(file, byte_size(root) + 1, byte_size(file) - byte_size(root) - 1),
      else: file
  end

  defp relative(file, _root), do: file

  defp safe(fun) do
    fun.()
  rescue
    _ -> :error
  catch
    _, _ -> :error
  end
end
