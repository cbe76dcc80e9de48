defmodule Demo.Accounts.Session do
  @moduledoc "Signed-in sessions: an opaque token mapped to a user id."

  alias Demo.Accounts.User
  alias Demo.Store

  @doc "Opens a session for `user` and returns its token."
  @spec open(%User{}) :: String.t()
  def open(%User{id: id}) do
    token = 16 |> :crypto.strong_rand_bytes() |> Base.url_encode64(padding: false)
    Store.put(:sessions, token, id)
    token
  end

  @doc "The user id behind `token`, or nil."
  @spec user_id(String.t()) :: String.t() | nil
  def user_id(token), do: Store.get(:sessions, token)
end
