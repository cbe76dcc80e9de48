defmodule Demo.Web.Router do
  @moduledoc "The shop's public routes."
  use Demo.Router.DSL

  alias Demo.Web.Handlers.{AccountHandler, BookHandler, OrderHandler}

  get "/", BookHandler, :index
  get "/books/:isbn", BookHandler, :show
  get "/search", BookHandler, :search
  post "/accounts", AccountHandler, :register
  post "/sessions", AccountHandler, :sign_in

  scope "/orders" do
    post "/", OrderHandler, :create
    post "/:id/checkout", OrderHandler, :checkout
  end

  @doc "The path to a book's page."
  @spec book_path(String.t()) :: String.t()
  def book_path(isbn), do: "/books/" <> isbn
end
