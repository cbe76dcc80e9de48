defmodule Demo.Schema do
  @moduledoc """
  A tiny schema DSL: `use Demo.Schema`, then `schema do field :name, default end`.

  The `schema` block defines the struct, `fields/0` and `new/1`. Every module that uses it
  depends on this module at compile time, so editing this file recompiles all of them.
  """

  @doc false
  defmacro __using__(_opts) do
    quote do
      import Demo.Schema, only: [schema: 1, field: 1, field: 2]
    end
  end

  @doc "Declares the struct from the `field` calls in `block`."
  defmacro schema(do: block) do
    quote do
      Module.register_attribute(__MODULE__, :schema_fields, accumulate: true)
      unquote(block)
      @schema_fields_in_order Enum.reverse(@schema_fields)
      defstruct @schema_fields_in_order

      @doc "The schema's field names, in declaration order."
      @spec fields() :: [atom()]
      def fields, do: Enum.map(@schema_fields_in_order, &elem(&1, 0))

      @doc "Builds the struct from a keyword list or map; unknown keys are ignored."
      @spec new(Enumerable.t()) :: struct()
      def new(attrs \\ []), do: Demo.Schema.build(__MODULE__, attrs)
    end
  end

  @doc "Declares a field with an optional default."
  defmacro field(name, default \\ nil) do
    quote do
      @schema_fields {unquote(name), unquote(default)}
    end
  end

  @doc "Builds `module`'s struct from `attrs`, keeping only its declared fields."
  @spec build(module(), Enumerable.t()) :: struct()
  def build(module, attrs) do
    known = module.fields()
    struct(module, Enum.filter(attrs, fn {key, _} -> key in known end))
  end
end
