defmodule Mixscope.Agent.JSON.Decoder do
  @moduledoc false
  # Recursive-descent JSON decoder (RFC 8259) for Elixir versions without `JSON`.
  # Each parse function takes the remaining input and returns `{value, rest}`; errors are
  # thrown as `{:json_error, message, rest}` and turned into `{:error, message}` at the top,
  # with the byte offset computed from what was left unparsed.

  @ws [?\s, ?\t, ?\n, ?\r]

  @spec decode(binary()) :: {:ok, term()} | {:error, String.t()}
  def decode(input) when is_binary(input) do
    {value, rest} = value(skip_ws(input))

    case skip_ws(rest) do
      <<>> -> {:ok, value}
      rest -> fail("unexpected trailing data", rest)
    end
  catch
    {:json_error, message, rest} ->
      {:error, "invalid JSON at byte #{byte_size(input) - byte_size(rest)}: #{message}"}
  end

  defp fail(message, rest), do: throw({:json_error, message, rest})

  defp skip_ws(<<c, rest::binary>>) when c in @ws, do: skip_ws(rest)
  defp skip_ws(rest), do: rest

  defp value(<<?{, rest::binary>>), do: object(skip_ws(rest), %{})
  defp value(<<?[, rest::binary>>), do: array(skip_ws(rest), [])
  defp value(<<?", rest::binary>>), do: string(rest, [])
  defp value(<<"true", rest::binary>>), do: {true, rest}
  defp value(<<"false", rest::binary>>), do: {false, rest}
  defp value(<<"null", rest::binary>>), do: {nil, rest}
  defp value(<<c, _::binary>> = rest) when c == ?- or c in ?0..?9, do: number(rest)
  defp value(<<>>), do: fail("unexpected end of input", <<>>)
  defp value(rest), do: fail("unexpected character", rest)

  defp object(<<?}, rest::binary>>, acc) when acc == %{}, do: {acc, rest}

  defp object(<<?", rest::binary>>, acc) do
    {key, rest} = string(rest, [])

    case skip_ws(rest) do
      <<?:, rest::binary>> ->
        {val, rest} = value(skip_ws(rest))
        acc = Map.put(acc, key, val)

        case skip_ws(rest) do
          <<?,, rest::binary>> -> object(skip_ws(rest), acc)
          <<?}, rest::binary>> -> {acc, rest}
          rest -> fail("expected ',' or '}' in object", rest)
        end

      rest ->
        fail("expected ':' after object key", rest)
    end
  end

  defp object(rest, _acc), do: fail("expected a string key in object", rest)

  defp array(<<?], rest::binary>>, []), do: {[], rest}

  defp array(rest, acc) do
    {val, rest} = value(rest)

    case skip_ws(rest) do
      <<?,, rest::binary>> -> array_next(skip_ws(rest), [val | acc])
      <<?], rest::binary>> -> {Enum.reverse([val | acc]), rest}
      rest -> fail("expected ',' or ']' in array", rest)
    end
  end

  # After a comma another value must follow (no trailing commas).
  defp array_next(<<?], _::binary>> = rest, _acc), do: fail("trailing comma in array", rest)
  defp array_next(rest, acc), do: array(rest, acc)

  defp string(<<?", rest::binary>>, acc) do
    string = IO.iodata_to_binary(Enum.reverse(acc))
    if String.valid?(string), do: {string, rest}, else: fail("invalid UTF-8 in string", rest)
  end

  defp string(<<?\\, esc, rest::binary>> = here, acc) do
    case esc do
      ?" -> string(rest, [?" | acc])
      ?\\ -> string(rest, [?\\ | acc])
      ?/ -> string(rest, [?/ | acc])
      ?b -> string(rest, [?\b | acc])
      ?f -> string(rest, [?\f | acc])
      ?n -> string(rest, [?\n | acc])
      ?r -> string(rest, [?\r | acc])
      ?t -> string(rest, [?\t | acc])
      ?u -> unicode_escape(rest, acc, here)
      _ -> fail("invalid escape", here)
    end
  end

  defp string(<<c, _::binary>> = rest, _acc) when c < 0x20,
    do: fail("control character in string", rest)

  defp string(<<>>, _acc), do: fail("unterminated string", <<>>)

  defp string(rest, acc) do
    # Copy the longest run without quotes, backslashes or control bytes in one step.
    len = plain_run(rest, 0)

    if len == 0 do
      fail("invalid byte in string", rest)
    else
      <<chunk::binary-size(len), rest::binary>> = rest
      string(rest, [chunk | acc])
    end
  end

  defp plain_run(<<c, rest::binary>>, n) when c >= 0x20 and c != ?" and c != ?\\,
    do: plain_run(rest, n + 1)

  defp plain_run(_, n), do: n

  defp unicode_escape(rest, acc, here) do
    {code, rest} = hex4(rest, here)

    cond do
      code in 0xD800..0xDBFF ->
        case rest do
          <<?\\, ?u, low_rest::binary>> ->
            {low, rest2} = hex4(low_rest, here)

            if low in 0xDC00..0xDFFF do
              cp = 0x10000 + Bitwise.bsl(code - 0xD800, 10) + (low - 0xDC00)
              string(rest2, [<<cp::utf8>> | acc])
            else
              fail("invalid low surrogate", here)
            end

          _ ->
            fail("lone high surrogate", here)
        end

      code in 0xDC00..0xDFFF ->
        fail("lone low surrogate", here)

      true ->
        string(rest, [<<code::utf8>> | acc])
    end
  end

  defp hex4(<<hex::binary-size(4), rest::binary>>, here) do
    case Integer.parse(hex, 16) do
      {code, ""} -> {code, rest}
      _ -> fail("invalid \\u escape", here)
    end
  end

  defp hex4(_rest, here), do: fail("invalid \\u escape", here)

  defp number(input) do
    {int_part, rest} = take_int(input)
    {frac, rest} = take_frac(rest)
    {exp, rest} = take_exp(rest)
    text = int_part <> frac <> exp

    if frac == "" and exp == "" do
      {String.to_integer(text), rest}
    else
      # JSON allows "1e5" which Elixir's float parser wants as "1.0e5".
      float_text = if frac == "", do: int_part <> ".0" <> exp, else: text

      case Float.parse(float_text) do
        {float, ""} -> {float, rest}
        _ -> fail("number out of range", input)
      end
    end
  end

  defp take_int(<<?-, rest::binary>>) do
    {digits, rest} = take_int_digits(rest)
    {"-" <> digits, rest}
  end

  defp take_int(rest), do: take_int_digits(rest)

  defp take_int_digits(<<?0, rest::binary>>), do: {"0", rest}

  defp take_int_digits(<<c, _::binary>> = rest) when c in ?1..?9, do: digits(rest, "")
  defp take_int_digits(rest), do: fail("invalid number", rest)

  defp take_frac(<<?., c, _::binary>> = input) when c in ?0..?9 do
    <<?., rest::binary>> = input
    {digits, rest} = digits(rest, "")
    {"." <> digits, rest}
  end

  defp take_frac(<<?., _::binary>> = rest), do: fail("invalid number", rest)
  defp take_frac(rest), do: {"", rest}

  defp take_exp(<<e, rest::binary>>) when e in [?e, ?E] do
    {sign, rest} =
      case rest do
        <<s, r::binary>> when s in [?+, ?-] -> {<<s>>, r}
        r -> {"", r}
      end

    case rest do
      <<c, _::binary>> when c in ?0..?9 ->
        {digits, rest} = digits(rest, "")
        {"e" <> sign <> digits, rest}

      _ ->
        fail("invalid exponent", rest)
    end
  end

  defp take_exp(rest), do: {"", rest}

  defp digits(<<c, rest::binary>>, acc) when c in ?0..?9, do: digits(rest, <<acc::binary, c>>)
  defp digits(rest, acc), do: {acc, rest}
end
