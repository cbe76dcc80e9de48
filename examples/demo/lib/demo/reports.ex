defmodule Demo.Reports do
  @moduledoc "Sales figures for staff."

  require DemoHelpers.Timing

  alias Demo.Orders.{LineItem, Order}
  alias Demo.{Events, Pricing, Store}
  alias DemoHelpers.{Money, Text}

  @doc "Books sold and revenue per title, as aligned text."
  @spec sales() :: String.t()
  def sales do
    {micros, rows} =
      DemoHelpers.Timing.measure do
        Store.all(:orders)
        |> Enum.flat_map(fn %Order{items: items} -> items end)
        |> Enum.group_by(fn %LineItem{title: title} -> title end)
        |> Enum.map(&row/1)
        |> Enum.sort()
      end

    Events.publish(:report_built, %{micros: micros})
    Enum.join(Text.columns([["title", "copies", "revenue"] | rows]), "\n")
  end

  defp row({title, items}) do
    copies = Enum.reduce(items, 0, &(&1.quantity + &2))
    cents = Enum.reduce(items, 0, &(&1.quantity * &1.unit_cents + &2))
    [title, Integer.to_string(copies), Money.format(Pricing.convert(cents, "EUR"))]
  end
end
