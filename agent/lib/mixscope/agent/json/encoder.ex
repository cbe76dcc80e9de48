defmodule Mixscope.Agent.JSON.Encoder do
  @moduledoc false
  # Iodata JSON encoder for Elixir versions without the built-in `JSON` module.

  @spec encode(term()) :: iodata()
  def encode(nil), do: "null"
  def encode(true), do: "true"
  def encode(false), do: "false"
  def encode(atom) when is_atom(atom), do: string(Atom.to_string(atom))
  def encode(int) when is_integer(int), do: Integer.to_string(int)
  def encode(float) when is_float(float), do: :erlang.float_to_binary(float, [:short])
  def encode(bin) when is_binary(bin), do: string(bin)
  def encode(list) when is_list(list), do: [?[, join(list, &encode/1), ?]]

  def encode(%{__struct__: struct}) do
    raise ArgumentError, "cannot encode struct #{inspect(struct)} as JSON; convert it to a map"
  end

  def encode(map) when is_map(map) do
    [?{, join(Map.to_list(map), &pair/1), ?}]
  end

  def encode(other), do: raise(ArgumentError, "cannot encode #{inspect(other)} as JSON")

  defp pair({key, value}), do: [key(key), ?:, encode(value)]

  defp key(key) when is_binary(key), do: string(key)

  defp key(key) when is_atom(key) and key not in [nil, true, false],
    do: string(Atom.to_string(key))

  defp key(key) when is_integer(key), do: string(Integer.to_string(key))
  defp key(key), do: raise(ArgumentError, "cannot use #{inspect(key)} as a JSON object key")

  defp join([], _fun), do: []
  defp join([first | rest], fun), do: [fun.(first) | Enum.map(rest, &[?, | fun.(&1)])]

  defp string(bin) do
    bin = if String.valid?(bin), do: bin, else: scrub(bin)
    [?", escape(bin, bin, 0, 0, []), ?"]
  end

  # Walks the binary once, copying unescaped runs as sub-binaries of the input.
  defp escape(<<>>, orig, start, len, acc), do: Enum.reverse([chunk(orig, start, len) | acc])

  defp escape(<<byte, rest::binary>>, orig, start, len, acc)
       when byte < 0x20 or byte == ?" or byte == ?\\ do
    acc = [escape_byte(byte), chunk(orig, start, len) | acc]
    escape(rest, orig, start + len + 1, 0, acc)
  end

  defp escape(<<_byte, rest::binary>>, orig, start, len, acc),
    do: escape(rest, orig, start, len + 1, acc)

  defp chunk(_orig, _start, 0), do: []
  defp chunk(orig, start, len), do: binary_part(orig, start, len)

  defp escape_byte(?"), do: "\\\""
  defp escape_byte(?\\), do: "\\\\"
  defp escape_byte(?\n), do: "\\n"
  defp escape_byte(?\r), do: "\\r"
  defp escape_byte(?\t), do: "\\t"
  defp escape_byte(?\b), do: "\\b"
  defp escape_byte(?\f), do: "\\f"

  defp escape_byte(byte) do
    hex = byte |> Integer.to_string(16) |> String.pad_leading(4, "0")
    ["\\u", hex]
  end

  # Compiler messages can carry raw bytes from a source in another encoding; JSON must be
  # UTF-8, so invalid sequences become U+FFFD rather than corrupting the frame.
  defp scrub(bin) do
    bin
    |> String.chunk(:valid)
    |> Enum.map_join(fn chunk ->
      if String.valid?(chunk), do: chunk, else: String.duplicate("\uFFFD", byte_size(chunk))
    end)
  end
end
