defmodule Demo.Accounts.Address do
  @moduledoc "A postal address; its country decides the tax rate."
  use Demo.Schema

  schema do
    field :street
    field :city
    field :postcode
    field :country, "DE"
  end

  @doc "One-line rendering for invoices."
  @spec to_line(%__MODULE__{}) :: String.t()
  def to_line(%__MODULE__{} = address) do
    Enum.join([address.street, "#{address.postcode} #{address.city}", address.country], ", ")
  end
end
