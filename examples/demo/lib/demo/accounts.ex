defmodule Demo.Accounts do
  @moduledoc "Customer accounts: registration, sign-in, membership."

  alias Demo.Accounts.{Password, Session, User}
  alias Demo.{Events, Orders, Store}

  @doc "Registers a customer; fails when the email is taken."
  @spec register(String.t(), String.t(), String.t()) :: {:ok, %User{}} | {:error, :email_taken}
  def register(email, name, password) do
    if find_by_email(email) do
      {:error, :email_taken}
    else
      user =
        User.new(
          id: "u-" <> Integer.to_string(System.unique_integer([:positive])),
          email: email,
          name: name,
          password_hash: Password.hash(password)
        )

      Store.put(:users, user.id, user)
      Events.publish(:user_registered, %{id: user.id})
      {:ok, user}
    end
  end

  @doc "Signs in with email and password, returning a session token."
  @spec sign_in(String.t(), String.t()) :: {:ok, String.t()} | {:error, :invalid_credentials}
  def sign_in(email, password) do
    with %User{} = user <- find_by_email(email),
         true <- Password.verify?(password, user.password_hash) do
      {:ok, Session.open(user)}
    else
      _ -> {:error, :invalid_credentials}
    end
  end

  @doc "Fetches a user by id."
  @spec get(String.t()) :: %User{} | nil
  def get(id), do: Store.get(:users, id)

  @doc "Finds a user by email."
  @spec find_by_email(String.t()) :: %User{} | nil
  def find_by_email(email), do: Enum.find(Store.all(:users), &(&1.email == email))

  @doc "Members get a discount: anyone with three or more orders."
  @spec member?(%User{}) :: boolean()
  def member?(%User{member?: true}), do: true
  def member?(%User{} = user), do: length(Orders.for_user(user.id)) >= 3
end
