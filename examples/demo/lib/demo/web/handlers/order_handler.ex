defmodule Demo.Web.Handlers.OrderHandler do
  @moduledoc "Carts and checkout over the web."

  alias Demo.Accounts.Session
  alias Demo.{Orders, Store}
  alias Demo.Orders.Checkout
  alias Demo.Web.{Request, Response}

  @doc "Creates a cart holding one book for the signed-in user."
  @spec create(Request.t()) :: Response.t()
  def create(%Request{token: token, params: %{"isbn" => isbn} = params}) do
    with user_id when is_binary(user_id) <- Session.user_id(token),
         {:ok, order} <- Orders.add_item(Orders.new_cart(user_id), isbn, quantity(params)) do
      Store.put(:carts, order.id, order)
      Response.status(201, order.id)
    else
      nil -> Response.status(401, "sign in first")
      {:error, reason} -> Response.status(422, Atom.to_string(reason))
    end
  end

  @doc "Checks out a cart."
  @spec checkout(Request.t()) :: Response.t()
  def checkout(%Request{bindings: %{"id" => id}}) do
    with order when not is_nil(order) <- Store.get(:carts, id),
         {:ok, invoice} <- Checkout.run(order) do
      Response.ok(invoice)
    else
      nil -> Response.not_found()
      {:error, reason} -> Response.status(409, Atom.to_string(reason))
    end
  end

  defp quantity(params), do: params |> Map.get("quantity", "1") |> String.to_integer()
end
