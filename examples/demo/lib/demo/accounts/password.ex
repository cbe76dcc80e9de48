defmodule Demo.Accounts.Password do
  @moduledoc "Salted password hashing (a demo, not a recommendation)."

  @doc "Hashes `password` with a random salt."
  @spec hash(String.t()) :: String.t()
  def hash(password) when is_binary(password) do
    salt = 8 |> :crypto.strong_rand_bytes() |> Base.encode16(case: :lower)
    salt <> "$" <> digest(salt, password)
  end

  @doc "Checks `password` against a hash made by `hash/1`."
  @spec verify?(String.t(), String.t()) :: boolean()
  def verify?(password, stored) do
    case String.split(stored, "$", parts: 2) do
      [salt, digest] -> digest(salt, password) == digest
      _ -> false
    end
  end

  defp digest(salt, password) do
    :sha256 |> :crypto.hash(salt <> password) |> Base.encode16(case: :lower)
  end
end
