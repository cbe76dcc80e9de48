defmodule DemoHelpers.Text do
  @moduledoc "Text helpers for listings and reports."

  @doc "Truncates `text` to `max` characters, adding an ellipsis when it was cut."
  @spec truncate(String.t(), pos_integer()) :: String.t()
  def truncate(text, max) when is_binary(text) and is_integer(max) and max > 1 do
    if String.length(text) <= max do
      text
    else
      String.slice(text, 0, max - 1) <> "…"
    end
  end

  @doc "Pads each row's columns to the widest cell so rows line up."
  @spec columns([[String.t()]]) :: [String.t()]
  def columns([]), do: []

  def columns(rows) do
    widths =
      rows
      |> Enum.zip_with(& &1)
      |> Enum.map(fn column -> column |> Enum.map(&String.length/1) |> Enum.max() end)

    Enum.map(rows, fn row ->
      row
      |> Enum.zip(widths)
      |> Enum.map_join("  ", fn {cell, width} -> String.pad_trailing(cell, width) end)
      |> String.trim_trailing()
    end)
  end
end
