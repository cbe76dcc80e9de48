defmodule Demo.Pricing.Tax do
  @moduledoc "VAT on books by country (books are taxed at reduced rates)."

  alias Demo.Accounts.Address

  @rates %{"DE" => 7, "FR" => 5.5, "GB" => 0, "NL" => 9}

  @doc "The VAT percentage for an address; unknown countries pay the German rate."
  @spec rate(%Address{} | nil) :: number()
  def rate(%Address{country: country}), do: Map.get(@rates, country, 7)
  def rate(nil), do: 7
end
