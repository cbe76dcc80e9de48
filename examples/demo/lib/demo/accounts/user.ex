defmodule Demo.Accounts.User do
  @moduledoc "A customer account."
  use Demo.Schema

  schema do
    field :id
    field :email
    field :name
    field :password_hash
    field :member?, false
    field :address
  end
end
