defmodule Demo.Web.AdminRouter do
  @moduledoc "Staff-only routes under `/admin`."
  use Demo.Router.DSL

  alias Demo.Web.Handlers.AdminHandler

  scope "/admin" do
    get "/stock", AdminHandler, :stock
    post "/books/:isbn/price", AdminHandler, :reprice
    get "/report", AdminHandler, :report
  end
end
