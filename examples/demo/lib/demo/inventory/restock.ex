defmodule Demo.Inventory.Restock do
  @moduledoc "When to reorder, and how much."

  @threshold Application.compile_env(:demo, :low_stock_threshold, 3)

  @doc "True when `left` copies is at or below the reorder threshold."
  @spec needed?(integer()) :: boolean()
  def needed?(left), do: left <= @threshold

  @doc "Copies to order so that stock returns to twice the threshold."
  @spec amount(integer()) :: non_neg_integer()
  def amount(left), do: max(2 * @threshold - left, 0)
end
