defmodule Demo.Catalog.Isbn do
  @moduledoc "ISBN-13 checksums."

  import Demo.Guards, only: [is_isbn: 1]

  @doc "True when `isbn` is 13 digits with a valid check digit."
  @spec valid?(term()) :: boolean()
  def valid?(isbn) when is_isbn(isbn) do
    digits = for <<c <- isbn>>, c in ?0..?9, do: c - ?0
    length(digits) == 13 and rem(checksum(digits), 10) == 0
  end

  def valid?(_), do: false

  defp checksum(digits) do
    digits
    |> Enum.with_index()
    |> Enum.reduce(0, fn {d, i}, acc -> acc + if(rem(i, 2) == 0, do: d, else: d * 3) end)
  end
end
