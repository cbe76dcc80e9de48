defmodule Demo.Catalog.Seeds do
  @moduledoc "Sample books for demos and tests."

  alias Demo.Catalog.Author

  @doc "Attributes of a few well-known books."
  @spec books() :: [keyword()]
  def books do
    [
      [
        isbn: "9780262510875",
        title: "Structure and Interpretation of Computer Programs",
        author: Author.new("Harold Abelson", 1947),
        category: :science,
        price_cents: 5500
      ],
      [
        isbn: "9780141439518",
        title: "Pride and Prejudice",
        author: Author.new("Jane Austen", 1775),
        category: :fiction,
        price_cents: 899
      ],
      [
        isbn: "9780679783268",
        title: "Crime and Punishment",
        author: Author.new("Fyodor Dostoevsky", 1821),
        category: :fiction,
        price_cents: 1250
      ]
    ]
  end
end
