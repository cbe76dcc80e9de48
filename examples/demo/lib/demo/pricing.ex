defmodule Demo.Pricing do
  @moduledoc "Prices an order: list prices, the best discount, then tax."

  import Demo.Guards, only: [is_cents: 1]

  alias Demo.Pricing.{Currency, Discount, Discounts, Tax}
  alias DemoHelpers.Money

  # Read when this module compiles: editing Currency recompiles Pricing.
  @currencies Currency.codes()
  @rules [Discounts.Bulk, Discounts.Member]

  @doc "The currencies prices can be quoted in."
  @spec currencies() :: [String.t()]
  def currencies, do: @currencies

  @doc "The total of `order` for a customer at `address`, as money."
  @spec total(struct(), struct() | nil) :: Money.t()
  def total(order, address \\ nil) do
    subtotal = Money.new(subtotal_cents(order))
    discounted = Money.discount(subtotal, Discount.best(@rules, order))
    with_tax(discounted, Tax.rate(address))
  end

  @doc "Converts euro cents to `currency`."
  @spec convert(non_neg_integer(), String.t()) :: Money.t()
  def convert(cents, currency) when is_cents(cents) and currency in @currencies do
    Money.new(round(cents * Map.fetch!(Currency.rates(), currency)), currency)
  end

  defp subtotal_cents(order) do
    Enum.reduce(order.items, 0, fn item, acc -> acc + item.unit_cents * item.quantity end)
  end

  defp with_tax(%Money{} = money, percent) do
    %Money{money | cents: round(money.cents * (100 + percent) / 100)}
  end
end
