defmodule Mixscope.Agent.Names do
  @moduledoc """
  Module names on the wire: as Elixir prints them (`MyApp.Accounts`, never
  `Elixir.MyApp.Accounts`); Erlang modules keep their atom name (`crypto`).

  Names arriving from the wire are never turned into new atoms: atoms are not garbage
  collected, so a peer could exhaust the atom table. A name whose atom does not exist yet
  cannot name a module this VM has, so `from_wire/1` answers `:error` for it.
  """

  @doc "The wire name of `module`."
  @spec to_wire(module()) :: String.t()
  def to_wire(module) when is_atom(module) do
    case Atom.to_string(module) do
      "Elixir." <> rest -> rest
      other -> other
    end
  end

  @doc """
  The module atom for a wire name, if that atom already exists.

  Accepts `MyApp.Foo`, `Elixir.MyApp.Foo` and Erlang names (`crypto`, `:crypto`).
  """
  @spec from_wire(term()) :: {:ok, module()} | :error
  def from_wire(name) when is_binary(name) and byte_size(name) > 0 do
    candidate =
      case name do
        "Elixir." <> _ -> name
        ":" <> erlang -> erlang
        <<first, _::binary>> when first in ?A..?Z -> "Elixir." <> name
        _ -> name
      end

    existing_atom(candidate)
  end

  def from_wire(_name), do: :error

  defp existing_atom(""), do: :error

  defp existing_atom(string) do
    {:ok, String.to_existing_atom(string)}
  rescue
    ArgumentError -> :error
  end
end
