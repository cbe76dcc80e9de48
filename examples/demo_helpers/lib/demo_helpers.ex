defmodule DemoHelpers do
  @moduledoc """
  Small utilities shared by the demo bookshop: money, slugs, text and timing.

  Kept in its own Mix project so the demo has a path dependency to inspect.
  """

  @doc "The helpers' version string."
  @spec version() :: String.t()
  def version, do: "0.1.0"
end
