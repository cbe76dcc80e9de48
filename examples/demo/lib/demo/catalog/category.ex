defmodule Demo.Catalog.Category do
  @moduledoc "Shelf categories, known at compile time."

  @categories [
    fiction: "Fiction",
    science: "Science",
    history: "History",
    children: "Children's books"
  ]

  @doc "Every category key."
  @spec all() :: [atom()]
  def all, do: Keyword.keys(@categories)

  @doc "A category's display name."
  @spec label(atom()) :: String.t()
  def label(key), do: Keyword.fetch!(@categories, key)
end
