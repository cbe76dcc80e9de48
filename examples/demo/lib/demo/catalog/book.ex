defmodule Demo.Catalog.Book do
  @moduledoc "A book for sale."
  use Demo.Schema

  schema do
    field :isbn
    field :title
    field :author
    field :category, :fiction
    field :price_cents, 0
    field :slug
  end
end
