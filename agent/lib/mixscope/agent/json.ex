defmodule Mixscope.Agent.JSON do
  @moduledoc """
  JSON for the agent link.

  Elixir 1.18 ships a `JSON` module; older versions have none and the agent may not pull Hex
  packages into the user's VM, so this module carries its own encoder and decoder and delegates
  to the built-in one when the running Elixir has it.

  Encoding accepts maps (atom or string keys), lists, binaries (UTF-8), integers, floats,
  `true`/`false`/`nil` and other atoms (as strings). Decoding returns maps with string keys.
  """

  alias Mixscope.Agent.JSON.{Decoder, Encoder}

  @typedoc "A term the encoder accepts."
  @type encodable ::
          nil
          | boolean()
          | atom()
          | number()
          | String.t()
          | [encodable()]
          | %{optional(atom() | String.t()) => encodable()}

  @doc "Encodes `term` as a JSON binary; raises `ArgumentError` on terms JSON cannot hold."
  @spec encode!(encodable()) :: String.t()
  def encode!(term) do
    if builtin?() do
      # `apply/3` keeps the call opaque to the compiler: on Elixir < 1.18 the module is absent
      # and a direct call would be an "undefined module" warning (an error in CI).
      apply(JSON, :encode!, [term])
    else
      term |> Encoder.encode() |> IO.iodata_to_binary()
    end
  end

  @doc "Encodes `term`, returning `{:ok, json}` or `{:error, message}`."
  @spec encode(term()) :: {:ok, String.t()} | {:error, String.t()}
  def encode(term) do
    {:ok, encode!(term)}
  rescue
    e -> {:error, Exception.message(e)}
  end

  @doc "Decodes a JSON binary; `{:error, message}` on malformed input."
  @spec decode(binary()) :: {:ok, term()} | {:error, String.t()}
  def decode(binary) when is_binary(binary) do
    if builtin?() do
      case apply(JSON, :decode, [binary]) do
        {:ok, term} -> {:ok, term}
        {:error, reason} -> {:error, "invalid JSON: #{inspect(reason)}"}
      end
    else
      Decoder.decode(binary)
    end
  end

  @doc "Whether the running Elixir has the built-in `JSON` module (1.18+)."
  @spec builtin?() :: boolean()
  def builtin? do
    case :persistent_term.get({__MODULE__, :builtin}, :unknown) do
      :unknown ->
        value = Code.ensure_loaded?(JSON) and function_exported?(JSON, :encode!, 1)
        :persistent_term.put({__MODULE__, :builtin}, value)
        value

      value ->
        value
    end
  end
end
