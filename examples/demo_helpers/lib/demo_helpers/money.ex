defmodule DemoHelpers.Money do
  @moduledoc "An amount of money in integer cents with an ISO currency code."

  @enforce_keys [:cents]
  defstruct cents: 0, currency: "EUR"

  @type t :: %__MODULE__{cents: integer(), currency: String.t()}

  @doc "Builds an amount from cents and a currency code."
  @spec new(integer(), String.t()) :: t()
  def new(cents, currency \\ "EUR") when is_integer(cents) do
    %__MODULE__{cents: cents, currency: currency}
  end

  @doc "Adds two amounts of the same currency."
  @spec add(t(), t()) :: t()
  def add(%__MODULE__{currency: c} = a, %__MODULE__{currency: c} = b) do
    %__MODULE__{a | cents: a.cents + b.cents}
  end

  @doc "Multiplies an amount by an integer quantity."
  @spec multiply(t(), integer()) :: t()
  def multiply(%__MODULE__{} = money, quantity) when is_integer(quantity) do
    %__MODULE__{money | cents: money.cents * quantity}
  end

  @doc "Applies a percentage (0–100) reduction, rounding to the nearest cent."
  @spec discount(t(), number()) :: t()
  def discount(%__MODULE__{} = money, percent) when percent >= 0 and percent <= 100 do
    %__MODULE__{money | cents: round(money.cents * (100 - percent) / 100)}
  end

  @doc "Formats an amount as `12.34 EUR`."
  @spec format(t()) :: String.t()
  def format(%__MODULE__{cents: cents, currency: currency}) do
    sign = if cents < 0, do: "-", else: ""
    abs_cents = abs(cents)
    units = div(abs_cents, 100)
    rest = abs_cents |> rem(100) |> Integer.to_string() |> String.pad_leading(2, "0")
    "#{sign}#{units}.#{rest} #{currency}"
  end
end
