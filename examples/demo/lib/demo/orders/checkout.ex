defmodule Demo.Orders.Checkout do
  @moduledoc "Turns a cart into a placed order: reserve stock, price it, save it."

  alias Demo.{Accounts, Inventory, Orders, Pricing}
  alias Demo.Orders.{Invoice, Order}

  @doc "Checks out `order`, returning the invoice text."
  @spec run(%Order{}) :: {:ok, String.t()} | {:error, atom()}
  def run(%Order{items: []}), do: {:error, :empty_cart}

  def run(%Order{} = order) do
    with :ok <- reserve_all(order) do
      user = Accounts.get(order.user_id)
      address = user && user.address
      total = Pricing.total(order, address)
      order = Orders.save(order)
      {:ok, Invoice.render(order, total, address)}
    end
  end

  defp reserve_all(order) do
    Enum.reduce_while(order.items, :ok, fn item, :ok ->
      case Inventory.reserve(item.isbn, item.quantity) do
        :ok -> {:cont, :ok}
        error -> {:halt, error}
      end
    end)
  end
end
