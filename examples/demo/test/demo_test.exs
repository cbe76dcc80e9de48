defmodule DemoTest do
  use ExUnit.Case

  alias Demo.Web.{Request, Router}

  setup do
    Demo.Store.clear()
    :ok = Demo.seed()
    :ok
  end

  test "the router lists the seeded books" do
    response = Router.dispatch(Request.new(:get, "/"))
    assert response.status == 200
    assert response.body =~ "Pride and Prejudice"
  end

  test "a signed-in customer can check out" do
    {:ok, token} = Demo.Accounts.sign_in("ada@example.com", "correct horse")

    created =
      Router.dispatch(%Request{
        Request.new(:post, "/orders", %{"isbn" => "9780141439518", "quantity" => "2"})
        | token: token
      })

    assert created.status == 201
    checkout = Router.dispatch(Request.new(:post, "/orders/#{created.body}/checkout"))
    assert checkout.status == 200
    assert checkout.body =~ "Total: 19.24 EUR"
    assert Demo.Inventory.stock("9780141439518") == 3
  end
end
