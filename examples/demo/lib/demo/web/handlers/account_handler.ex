defmodule Demo.Web.Handlers.AccountHandler do
  @moduledoc "Registration and sign-in."

  alias Demo.Accounts
  alias Demo.Web.{Request, Response}

  @doc "Registers a customer from `email`, `name` and `password` params."
  @spec register(Request.t()) :: Response.t()
  def register(%Request{params: %{"email" => email, "name" => name, "password" => password}}) do
    case Accounts.register(email, name, password) do
      {:ok, user} -> Response.status(201, user.id)
      {:error, reason} -> Response.status(422, Atom.to_string(reason))
    end
  end

  @doc "Signs in, answering with a session token."
  @spec sign_in(Request.t()) :: Response.t()
  def sign_in(%Request{params: %{"email" => email, "password" => password}}) do
    case Accounts.sign_in(email, password) do
      {:ok, token} -> Response.ok(token)
      {:error, _} -> Response.status(401, "invalid credentials")
    end
  end
end
