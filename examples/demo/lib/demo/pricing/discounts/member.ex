defmodule Demo.Pricing.Discounts.Member do
  @moduledoc "Five percent off for members."
  @behaviour Demo.Pricing.Discount

  alias Demo.Accounts
  alias Demo.Orders.Order

  @impl true
  def applies?(%Order{user_id: user_id}) do
    case Accounts.get(user_id) do
      nil -> false
      user -> Accounts.member?(user)
    end
  end

  @impl true
  def percent(_order), do: 5
end
