defmodule Demo.Web.Handlers.AdminHandler do
  @moduledoc "Staff pages: stock, prices and the sales report."

  alias Demo.{Catalog, Inventory, Reports}
  alias Demo.Web.{Request, Response, View}

  @doc "Stock per book."
  @spec stock(Request.t()) :: Response.t()
  def stock(%Request{}) do
    Catalog.list_books()
    |> Enum.map_join("\n", fn book -> "#{View.book_line(book)}: #{Inventory.stock(book.isbn)}" end)
    |> Response.ok()
  end

  @doc "Changes a book's price from the `cents` param."
  @spec reprice(Request.t()) :: Response.t()
  def reprice(%Request{bindings: %{"isbn" => isbn}, params: %{"cents" => cents}}) do
    case Catalog.get_book(isbn) do
      nil ->
        Response.not_found()

      book ->
        book |> Catalog.reprice(String.to_integer(cents)) |> View.book_line() |> Response.ok()
    end
  end

  @doc "The sales report."
  @spec report(Request.t()) :: Response.t()
  def report(%Request{}), do: Response.ok(Reports.sales())
end
