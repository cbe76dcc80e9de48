defmodule Demo.Orders.Invoice do
  @moduledoc "Plain-text invoices."

  alias Demo.Accounts.Address
  alias Demo.Orders.{LineItem, Order}
  alias DemoHelpers.{Money, Text}

  @doc "Renders an invoice for `order` with its `total`."
  @spec render(%Order{}, Money.t(), %Address{} | nil) :: String.t()
  def render(%Order{} = order, %Money{} = total, address) do
    lines =
      Enum.map(order.items, fn %LineItem{} = item ->
        [
          Text.truncate(item.title, 32),
          "x#{item.quantity}",
          Money.format(Money.new(item.unit_cents))
        ]
      end)

    ship_to = if address, do: Address.to_line(address), else: "(collect in store)"

    Enum.join(
      ["Invoice #{order.id}", "Ship to: #{ship_to}" | Text.columns(lines)] ++
        ["Total: " <> Money.format(total)],
      "\n"
    )
  end
end
