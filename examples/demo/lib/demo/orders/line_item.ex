defmodule Demo.Orders.LineItem do
  @moduledoc "One book in an order, with the price it was sold at."

  alias Demo.Catalog.Book

  @enforce_keys [:isbn, :quantity, :unit_cents]
  defstruct [:isbn, :title, :quantity, :unit_cents]

  @type t :: %__MODULE__{}

  @doc "A line for `quantity` copies of `book` at its current price."
  @spec from_book(%Book{}, pos_integer()) :: t()
  def from_book(%Book{} = book, quantity) do
    %__MODULE__{
      isbn: book.isbn,
      title: book.title,
      quantity: quantity,
      unit_cents: book.price_cents
    }
  end
end
