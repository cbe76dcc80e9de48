defmodule Demo.Web.Response do
  @moduledoc "A response: status and body."

  defstruct status: 200, body: ""

  @type t :: %__MODULE__{status: pos_integer(), body: String.t()}

  @doc "A 200 response."
  @spec ok(String.t()) :: t()
  def ok(body), do: %__MODULE__{status: 200, body: body}

  @doc "A 404 response."
  @spec not_found() :: t()
  def not_found, do: %__MODULE__{status: 404, body: "not found"}

  @doc "A response with any status."
  @spec status(pos_integer(), String.t()) :: t()
  def status(code, body), do: %__MODULE__{status: code, body: body}
end
