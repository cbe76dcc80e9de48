defmodule Demo.Orders do
  @moduledoc "Carts and orders."

  import Demo.Guards, only: [is_quantity: 1]

  alias Demo.{Accounts, Catalog, Events, Store}
  alias Demo.Orders.{LineItem, Order}

  @doc "Opens an empty cart for a user."
  @spec new_cart(String.t()) :: %Order{}
  def new_cart(user_id) do
    %Order{id: "o-" <> Integer.to_string(System.unique_integer([:positive])), user_id: user_id}
  end

  @doc "Adds copies of a book to a cart."
  @spec add_item(%Order{}, String.t(), pos_integer()) :: {:ok, %Order{}} | {:error, :unknown_book}
  def add_item(%Order{} = order, isbn, quantity) when is_quantity(quantity) do
    case Catalog.get_book(isbn) do
      nil -> {:error, :unknown_book}
      book -> {:ok, %Order{order | items: order.items ++ [LineItem.from_book(book, quantity)]}}
    end
  end

  @doc "Stores a placed order."
  @spec save(%Order{}) :: %Order{}
  def save(%Order{} = order) do
    order = %Order{order | status: :placed}
    Store.put(:orders, order.id, order)
    Events.publish(:order_placed, %{id: order.id, user: owner_name(order)})
    order
  end

  @doc "Every order a user has placed."
  @spec for_user(String.t()) :: [%Order{}]
  def for_user(user_id), do: Enum.filter(Store.all(:orders), &(&1.user_id == user_id))

  defp owner_name(%Order{user_id: user_id}) do
    case Accounts.get(user_id) do
      nil -> nil
      user -> user.name
    end
  end
end
