defmodule Mixscope.Agent.JSONTest do
  use ExUnit.Case, async: true

  alias Mixscope.Agent.JSON
  alias Mixscope.Agent.JSON.{Decoder, Encoder}

  # The agent's own codec runs on every Elixir < 1.18, so it is tested directly; the facade
  # (built-in JSON where present) must agree with it.
  defp own_encode(term), do: term |> Encoder.encode() |> IO.iodata_to_binary()

  describe "round trips" do
    for {label, term} <- [
          scalars: [nil, true, false, 0, -12, 123_456_789_012_345_678_901, 1.5, -0.25, 1.0e-7],
          strings: ["", "plain", "quote \" backslash \\ slash /", "tab\tnl\nret\rbs\bff\f"],
          control: [<<0, 1, 31>> <> "x"],
          unicode: ["héllo wörld", "日本語", "emoji 😀 🧪", "\u2028\u2029"],
          nested: %{"a" => [1, %{"b" => [[], %{}, [nil]]}], "c" => %{"d" => %{"e" => "f"}}}
        ] do
      test "#{label}" do
        term = unquote(Macro.escape(term))
        assert {:ok, ^term} = Decoder.decode(own_encode(term))
        assert {:ok, ^term} = JSON.decode(JSON.encode!(term))
      end
    end

    test "deep nesting" do
      deep = Enum.reduce(1..2_000, "bottom", fn i, acc -> %{"k#{rem(i, 3)}" => [acc]} end)
      assert {:ok, ^deep} = Decoder.decode(own_encode(deep))
    end

    test "atoms encode as strings and atom keys as string keys" do
      assert {:ok, %{"kind" => "recompiled", "mod" => "Elixir.Foo"}} =
               Decoder.decode(own_encode(%{kind: :recompiled, mod: Foo}))
    end
  end

  describe "encoding" do
    test "escapes quotes, backslashes and control characters" do
      assert own_encode("a\"b\\c\nd\u0001") == ~S("a\"b\\c\nd\u0001")
    end

    test "keeps UTF-8 as is and replaces invalid bytes" do
      assert own_encode("é") == "\"é\""
      assert own_encode(<<"a", 0xFF, "b">>) == "\"a\uFFFDb\""
    end

    test "floats print in their shortest form" do
      assert own_encode([0.1, 1.0e20, -2.5]) == "[0.1,1.0e20,-2.5]"
    end

    test "refuses tuples, pids and structs" do
      assert_raise ArgumentError, fn -> own_encode({:a, 1}) end
      assert_raise ArgumentError, fn -> own_encode(self()) end
      assert_raise ArgumentError, fn -> own_encode(%URI{}) end
      assert {:error, _} = JSON.encode({:tuple})
    end
  end

  describe "decoding" do
    test "whitespace, escapes and numbers" do
      input =
        ~s( { "a" : [ 1 , -0 , 2.5e3 , 1E2 , -1.25e-2 ] , "s" : "\\u00e9\\ud83d\\ude00\\/\\n" } )

      assert {:ok, %{"a" => [1, 0, 2500.0, 100.0, -0.0125], "s" => "é😀/\n"}} =
               Decoder.decode(input)
    end

    test "malformed input is an error with a position, never an exception" do
      for bad <- [
            "",
            "{",
            "[1,]",
            "[1 2]",
            ~s({"a" 1}),
            ~s({a: 1}),
            ~s({"a":1,}),
            ~s("unterminated),
            ~s("bad \\x escape"),
            ~s("\\ud800 lone surrogate"),
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "nul",
            "[1] trailing",
            <<?", 0xFF, ?">>,
            "\"raw \n newline\""
          ] do
        assert {:error, message} = Decoder.decode(bad), "expected an error for #{inspect(bad)}"
        assert message =~ "invalid JSON"
        assert {:error, _} = JSON.decode(bad)
      end
    end
  end
end
