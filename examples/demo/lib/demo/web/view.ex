defmodule Demo.Web.View do
  @moduledoc "Text rendering of books for the web layer."

  alias Demo.Catalog.{Author, Book, Category}
  alias Demo.Pricing
  alias DemoHelpers.{Money, Text}

  @doc "One line describing a book."
  @spec book_line(%Book{}) :: String.t()
  def book_line(%Book{author: %Author{} = author} = book) do
    price = book.price_cents |> Pricing.convert("EUR") |> Money.format()

    "#{Text.truncate(book.title, 40)} — #{Author.sort_name(author)} " <>
      "[#{Category.label(book.category)}] #{price}"
  end

  @doc "One line per book."
  @spec book_list([%Book{}]) :: String.t()
  def book_list(books), do: Enum.map_join(books, "\n", &book_line/1)
end
