defmodule Demo.Pricing.Currency do
  @moduledoc "Currencies the shop accepts, with conversion rates from euros."

  @doc "Rates by ISO code, relative to EUR."
  @spec rates() :: %{String.t() => float()}
  def rates, do: %{"EUR" => 1.0, "USD" => 1.08, "GBP" => 0.86}

  @doc "The accepted ISO codes, sorted."
  @spec codes() :: [String.t()]
  def codes, do: rates() |> Map.keys() |> Enum.sort()
end
