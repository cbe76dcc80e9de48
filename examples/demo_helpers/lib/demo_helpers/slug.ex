defmodule DemoHelpers.Slug do
  @moduledoc "Turns titles and names into URL-safe slugs."

  @doc "Lowercases, strips accents and joins words with dashes."
  @spec slugify(String.t()) :: String.t()
  def slugify(text) when is_binary(text) do
    text
    |> String.normalize(:nfd)
    |> String.replace(~r/[^\x00-\x7F]/u, "")
    |> String.downcase()
    |> String.replace(~r/[^a-z0-9]+/, "-")
    |> String.trim("-")
  end
end
