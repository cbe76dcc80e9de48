defmodule Demo do
  @moduledoc """
  A small bookshop: accounts, a catalog, inventory, pricing, orders and a tiny web layer.

  Try `Demo.seed()` then `Demo.Web.Router.dispatch(Demo.Web.Request.new(:get, "/books"))`.
  """

  alias Demo.{Accounts, Catalog, Inventory}

  @doc "The shop's display name."
  @spec name() :: String.t()
  def name, do: "Mixscope Books"

  @doc "Loads a handful of books, stock and one customer into the running store."
  @spec seed() :: :ok
  def seed do
    for attrs <- Catalog.Seeds.books() do
      book = Catalog.add_book(attrs)
      Inventory.restock(book.isbn, 5)
    end

    {:ok, _user} = Accounts.register("ada@example.com", "Ada", "correct horse")
    :ok
  end
end
