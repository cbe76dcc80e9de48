defmodule Mixscope.Agent.Functions do
  @moduledoc """
  The functions and macros a module defines: name, arity, kind, definition line, the first
  paragraph of its `@doc` and its `@spec` as Elixir prints it.

  Definitions and their lines come from the debug_info chunk (`Code.fetch_docs/1` only knows
  the line of the `@doc`). A module compiled without debug_info still lists its exported
  functions and macros, with `line` null.
  """

  @typedoc "One function as the wire protocol's `FunctionInfo`."
  @type info :: %{
          name: String.t(),
          arity: non_neg_integer(),
          kind: String.t(),
          line: pos_integer() | nil,
          doc: String.t() | nil,
          spec: String.t() | nil
        }

  @doc "The functions of `mod`, sorted by definition line; `[]` for an unknown module."
  @spec list(module()) :: [info()]
  def list(mod) when is_atom(mod) do
    docs = docs(mod)
    specs = specs(mod)

    mod
    |> definitions()
    |> Enum.map(fn {name, arity, kind, line} ->
      doc_kind = if kind in [:defmacro, :defmacrop], do: :macro, else: :function

      %{
        name: Atom.to_string(name),
        arity: arity,
        kind: Atom.to_string(kind),
        line: line,
        doc: Map.get(docs, {doc_kind, name, arity}),
        spec: Map.get(specs, {doc_kind, name, arity})
      }
    end)
    |> Enum.sort_by(&{&1.line || :infinity, &1.name, &1.arity})
  end

  defp definitions(mod) do
    case object_code(mod) do
      nil -> []
      beam -> debug_definitions(mod, beam) || exported_definitions(beam)
    end
  end

  # The .beam the module was loaded from (or would be), else the object code the code
  # server finds for it.
  defp object_code(mod) do
    with path when is_list(path) <- :code.which(mod),
         true <- File.regular?(path) do
      path
    else
      _ ->
        case :code.get_object_code(mod) do
          {_mod, binary, _file} -> binary
          :error -> nil
        end
    end
  end

  defp debug_definitions(mod, beam) do
    with {:ok, {_, [debug_info: {:debug_info_v1, backend, data}]}} <-
           :beam_lib.chunks(beam, [:debug_info]),
         {:ok, %{definitions: definitions}} <- backend.debug_info(:elixir_v1, mod, data, []) do
      for {{name, arity}, kind, meta, _clauses} <- definitions,
          do: {name, arity, kind, Keyword.get(meta, :line)}
    else
      _ -> nil
    end
  end

  defp exported_definitions(beam) do
    case :beam_lib.chunks(beam, [:exports]) do
      {:ok, {_, [exports: exports]}} ->
        for {name, arity} <- exports,
            name not in [:module_info, :__info__],
            do: export_definition(Atom.to_string(name), name, arity)

      _ ->
        []
    end
  end

  defp export_definition("MACRO-" <> macro, _name, arity),
    do: {String.to_atom(macro), arity - 1, :defmacro, nil}

  defp export_definition(_string, name, arity), do: {name, arity, :def, nil}

  defp docs(mod) do
    case Code.fetch_docs(mod) do
      {:docs_v1, _anno, _lang, _format, _moduledoc, _meta, entries} ->
        # A function with default arguments is documented once, under its highest arity;
        # the lower arities the defaults generate share that doc.
        for {{kind, name, arity}, _anno, _sig, %{} = doc, meta} <- entries,
            text = doc["en"] || doc |> Map.values() |> List.first(),
            is_binary(text),
            summary = summary(text),
            defaults = if(is_map(meta), do: Map.get(meta, :defaults, 0), else: 0),
            each <- (arity - defaults)..arity,
            into: %{},
            do: {{kind, name, each}, summary}

      _ ->
        %{}
    end
  end

  defp summary(text) do
    text
    |> String.trim()
    |> String.split(~r/\r?\n\s*\r?\n/, parts: 2)
    |> hd()
    |> String.trim()
  end

  defp specs(mod) do
    case Code.Typespec.fetch_specs(mod) do
      {:ok, specs} ->
        for {{name, arity}, clauses} <- specs, into: %{} do
          {key, quoted_name} = spec_key(Atom.to_string(name), name, arity)
          text = Enum.map_join(clauses, "\n", &spec_string(quoted_name, &1, key))
          {key, text}
        end

      :error ->
        %{}
    end
  rescue
    # Typespec internals differ across versions; a spec we cannot print is a missing spec.
    _ -> %{}
  end

  defp spec_key("MACRO-" <> macro, name, arity),
    do: {{:macro, String.to_atom(macro), arity - 1}, name}

  defp spec_key(_string, name, arity), do: {{:function, name, arity}, name}

  defp spec_string(name, spec, {:macro, macro, _arity}) do
    # Macro specs carry the caller env as an extra first argument under a MACRO- name.
    case Code.Typespec.spec_to_quoted(name, spec) do
      {:"::", meta, [{_name, call_meta, [_env | args]}, result]} ->
        to_string_flat({:"::", meta, [{macro, call_meta, args}, result]})

      {:when, wmeta, [{:"::", meta, [{_name, call_meta, [_env | args]}, result]}, guards]} ->
        to_string_flat(
          {:when, wmeta, [{:"::", meta, [{macro, call_meta, args}, result]}, guards]}
        )

      quoted ->
        to_string_flat(quoted)
    end
  end

  defp spec_string(name, spec, _key), do: to_string_flat(Code.Typespec.spec_to_quoted(name, spec))

  # The quoted spec keeps the source's line numbers, and the printer would reproduce a
  # multi-line layout from them; without them a spec prints as `IEx`'s `h` shows it.
  defp to_string_flat(quoted) do
    quoted
    |> Macro.prewalk(&Macro.update_meta(&1, fn meta -> Keyword.drop(meta, [:line]) end))
    |> Macro.to_string()
  end
end
