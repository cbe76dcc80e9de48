defmodule DemoHelpers.Timing do
  @moduledoc "A macro that measures how long a block takes, in microseconds."

  @doc """
  Runs `block` and returns `{microseconds, result}`.

  A macro so that the measured code is inlined at the call site.
  """
  defmacro measure(do: block) do
    quote do
      started = System.monotonic_time(:microsecond)
      result = unquote(block)
      {System.monotonic_time(:microsecond) - started, result}
    end
  end
end
