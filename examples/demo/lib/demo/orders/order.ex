defmodule Demo.Orders.Order do
  @moduledoc "An order: who placed it, its line items and its status."
  use Demo.Schema

  schema do
    field :id
    field :user_id
    field :items, []
    field :status, :cart
  end

  @doc "How many books the order holds."
  @spec item_count(%__MODULE__{}) :: non_neg_integer()
  def item_count(%__MODULE__{items: items}), do: Enum.reduce(items, 0, &(&1.quantity + &2))
end
