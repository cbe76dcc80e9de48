defmodule Demo.Pricing.Discount do
  @moduledoc "A discount rule: whether it applies to an order and the percentage it takes off."

  @doc "True when the rule applies to `order`."
  @callback applies?(order :: struct()) :: boolean()

  @doc "The percentage, 0 to 100, this rule takes off."
  @callback percent(order :: struct()) :: number()

  @doc "The largest percentage among `rules` that apply to `order`."
  @spec best([module()], struct()) :: number()
  def best(rules, order) do
    rules
    |> Enum.filter(& &1.applies?(order))
    |> Enum.map(& &1.percent(order))
    |> Enum.max(fn -> 0 end)
  end
end
