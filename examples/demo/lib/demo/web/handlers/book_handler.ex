defmodule Demo.Web.Handlers.BookHandler do
  @moduledoc "Book listing, detail and search pages."

  alias Demo.{Catalog, Inventory}
  alias Demo.Catalog.{Book, Search}
  alias Demo.Web.{Request, Response, Router, View}

  @doc "Lists every book."
  @spec index(Request.t()) :: Response.t()
  def index(%Request{}), do: Response.ok(View.book_list(Catalog.list_books()))

  @doc "Shows one book with its stock."
  @spec show(Request.t()) :: Response.t()
  def show(%Request{bindings: %{"isbn" => isbn}}) do
    case Catalog.get_book(isbn) do
      nil ->
        Response.not_found()

      %Book{} = book ->
        stock = Inventory.stock(book.isbn)
        Response.ok("#{View.book_line(book)} (#{stock} in stock) #{Router.book_path(isbn)}")
    end
  end

  @doc "Searches titles and authors."
  @spec search(Request.t()) :: Response.t()
  def search(%Request{params: params}) do
    params |> Map.get("q", "") |> Search.run() |> View.book_list() |> Response.ok()
  end
end
