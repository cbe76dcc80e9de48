defmodule Demo.Catalog.Search do
  @moduledoc "Searches the catalog by words in titles and author names."

  alias Demo.Catalog
  alias Demo.Catalog.{Author, Book}

  @doc "Books whose title or author contains every word of `query`."
  @spec run(String.t()) :: [%Book{}]
  def run(query) do
    words = query |> String.downcase() |> String.split()
    Enum.filter(Catalog.list_books(), &matches?(&1, words))
  end

  defp matches?(%Book{title: title, author: %Author{name: name}}, words) do
    haystack = String.downcase(title <> " " <> name)
    Enum.all?(words, &String.contains?(haystack, &1))
  end
end
