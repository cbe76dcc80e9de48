defmodule Demo.Catalog do
  @moduledoc "The books the shop sells."

  import Demo.Guards, only: [is_cents: 1]

  alias Demo.Catalog.{Book, Category, Isbn}
  alias Demo.{Events, Store}
  alias DemoHelpers.Slug

  @doc "Adds a book to the catalog."
  @spec add_book(keyword()) :: %Book{}
  def add_book(attrs) do
    book = Book.new(attrs)
    true = Isbn.valid?(book.isbn)
    true = book.category in Category.all()
    book = %Book{book | slug: Slug.slugify(book.title)}
    Store.put(:books, book.isbn, book)
    Events.publish(:book_added, %{isbn: book.isbn})
    book
  end

  @doc "Every book, sorted by title."
  @spec list_books() :: [%Book{}]
  def list_books, do: Enum.sort_by(Store.all(:books), & &1.title)

  @doc "Fetches a book by ISBN."
  @spec get_book(String.t()) :: %Book{} | nil
  def get_book(isbn), do: Store.get(:books, isbn)

  @doc "Changes a book's list price."
  @spec reprice(%Book{}, non_neg_integer()) :: %Book{}
  def reprice(%Book{} = book, cents) when is_cents(cents) do
    book = %Book{book | price_cents: cents}
    Store.put(:books, book.isbn, book)
    book
  end
end
