defmodule Demo.Web.Request do
  @moduledoc "An incoming request: method, path segments, params and the session token."

  defstruct method: :get, path: "/", segments: [], params: %{}, token: nil, bindings: %{}

  @type t :: %__MODULE__{}

  @doc "Builds a request for `method` and `path`."
  @spec new(atom(), String.t(), map()) :: t()
  def new(method, path, params \\ %{}) do
    %__MODULE__{method: method, path: path, segments: split(path), params: params}
  end

  @doc "Splits a path into its non-empty segments."
  @spec split(String.t()) :: [String.t()]
  def split(path), do: String.split(path, "/", trim: true)
end
