defmodule DemoHelpersTest do
  use ExUnit.Case, async: true

  alias DemoHelpers.{Money, Slug, Text}

  test "money formats with two decimals" do
    assert Money.format(Money.new(1205)) == "12.05 EUR"
    assert Money.format(Money.discount(Money.new(1000), 15)) == "8.50 EUR"
  end

  test "slugs are lowercase and dashed" do
    assert Slug.slugify("Élixir in Action!") == "elixir-in-action"
  end

  test "text truncates with an ellipsis" do
    assert Text.truncate("abcdef", 4) == "abc…"
  end
end
