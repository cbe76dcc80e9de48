defmodule Mixscope.Agent.NamesTest do
  use ExUnit.Case, async: true

  alias Mixscope.Agent.Names

  test "to_wire prints Elixir modules without the Elixir. prefix and Erlang ones bare" do
    assert Names.to_wire(Mixscope.Agent.Names) == "Mixscope.Agent.Names"
    assert Names.to_wire(String) == "String"
    assert Names.to_wire(:crypto) == "crypto"
  end

  test "from_wire finds existing modules in every accepted spelling" do
    assert Names.from_wire("Mixscope.Agent.Names") == {:ok, Mixscope.Agent.Names}
    assert Names.from_wire("Elixir.String") == {:ok, String}
    assert Names.from_wire("lists") == {:ok, :lists}
    assert Names.from_wire(":lists") == {:ok, :lists}
  end

  test "from_wire never creates atoms" do
    name = "Mixscope.Never.Seen#{System.unique_integer([:positive])}"
    assert Names.from_wire(name) == :error
    assert_raise ArgumentError, fn -> String.to_existing_atom("Elixir." <> name) end
    assert Names.from_wire("") == :error
    assert Names.from_wire(nil) == :error
    assert Names.from_wire(42) == :error
  end

  test "round trip" do
    for mod <- [Enum, Mixscope.Agent.JSON.Decoder, :erlang] do
      assert Names.from_wire(Names.to_wire(mod)) == {:ok, mod}
    end
  end
end
