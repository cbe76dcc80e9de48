defmodule Demo.Pricing.Discounts.Bulk do
  @moduledoc "Ten percent off orders of five books or more."
  @behaviour Demo.Pricing.Discount

  alias Demo.Orders.Order

  @impl true
  def applies?(%Order{} = order), do: Order.item_count(order) >= 5

  @impl true
  def percent(_order), do: 10
end
