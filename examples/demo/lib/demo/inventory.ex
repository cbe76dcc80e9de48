defmodule Demo.Inventory do
  @moduledoc "Stock levels per ISBN."

  import Demo.Guards, only: [is_quantity: 1]

  alias Demo.{Events, Store}
  alias Demo.Inventory.Restock

  @doc "Copies in stock."
  @spec stock(String.t()) :: non_neg_integer()
  def stock(isbn), do: Store.get(:stock, isbn) || 0

  @doc "Adds copies."
  @spec restock(String.t(), pos_integer()) :: :ok
  def restock(isbn, quantity) when is_quantity(quantity) do
    Store.put(:stock, isbn, stock(isbn) + quantity)
  end

  @doc "Takes copies out of stock, failing when there are not enough."
  @spec reserve(String.t(), pos_integer()) :: :ok | {:error, :out_of_stock}
  def reserve(isbn, quantity) when is_quantity(quantity) do
    left = stock(isbn) - quantity

    if left >= 0 do
      Store.put(:stock, isbn, left)
      if Restock.needed?(left), do: Events.publish(:low_stock, %{isbn: isbn, left: left})
      :ok
    else
      {:error, :out_of_stock}
    end
  end
end
