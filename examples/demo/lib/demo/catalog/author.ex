defmodule Demo.Catalog.Author do
  @moduledoc "A book's author."

  defstruct [:name, :born]

  @type t :: %__MODULE__{name: String.t(), born: integer() | nil}

  @doc "Builds an author from a name."
  @spec new(String.t(), integer() | nil) :: t()
  def new(name, born \\ nil), do: %__MODULE__{name: name, born: born}

  @doc "Surname first, as shelves sort them."
  @spec sort_name(t()) :: String.t()
  def sort_name(%__MODULE__{name: name}) do
    case name |> String.split(" ") |> Enum.reverse() do
      [last | rest] when rest != [] -> last <> ", " <> Enum.join(Enum.reverse(rest), " ")
      _ -> name
    end
  end
end
