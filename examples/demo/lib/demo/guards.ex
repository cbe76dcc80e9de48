defmodule Demo.Guards do
  @moduledoc "Guards shared across the shop; importing them is a compile-time dependency."

  @doc "A positive whole number of items."
  defguard is_quantity(value) when is_integer(value) and value > 0

  @doc "A non-negative amount in cents."
  defguard is_cents(value) when is_integer(value) and value >= 0

  @doc "A 13-digit ISBN given as a binary."
  defguard is_isbn(value) when is_binary(value) and byte_size(value) == 13
end
