defmodule Demo.Router.DSL do
  @moduledoc """
  A router DSL: `get "/books/:isbn", Handler, :action` inside `use Demo.Router.DSL`.

  Routes are collected at compile time and turned into `routes/0`, `dispatch/1` and `path/2`,
  so every router depends on this module at compile time.
  """

  alias Demo.Web.{Request, Response}

  @doc false
  defmacro __using__(_opts) do
    quote do
      import Demo.Router.DSL, only: [get: 3, post: 3, delete: 3, scope: 2]
      Module.register_attribute(__MODULE__, :routes, accumulate: true)
      @scope ""
      @before_compile Demo.Router.DSL
    end
  end

  @doc "Declares a GET route."
  defmacro get(path, handler, action), do: route(:get, path, handler, action)

  @doc "Declares a POST route."
  defmacro post(path, handler, action), do: route(:post, path, handler, action)

  @doc "Declares a DELETE route."
  defmacro delete(path, handler, action), do: route(:delete, path, handler, action)

  @doc "Prefixes every route declared inside the block with `prefix`."
  defmacro scope(prefix, do: block) do
    quote do
      outer = @scope
      @scope outer <> unquote(prefix)
      unquote(block)
      @scope outer
    end
  end

  defp route(method, path, handler, action) do
    quote do
      @routes {unquote(method), @scope <> unquote(path), unquote(handler), unquote(action)}
    end
  end

  @doc false
  defmacro __before_compile__(_env) do
    quote do
      @doc "Every route as `{method, path, handler, action}`, in declaration order."
      @spec routes() :: [{atom(), String.t(), module(), atom()}]
      def routes, do: Enum.reverse(@routes)

      @doc "Calls the handler whose route matches `request`."
      @spec dispatch(Demo.Web.Request.t()) :: Demo.Web.Response.t()
      def dispatch(%Demo.Web.Request{} = request), do: Demo.Router.DSL.dispatch(routes(), request)
    end
  end

  @doc "Finds the first route matching `request` and calls its handler."
  @spec dispatch([tuple()], Request.t()) :: Response.t()
  def dispatch(routes, %Request{} = request) do
    Enum.find_value(routes, Response.not_found(), fn {method, path, handler, action} ->
      with true <- method == request.method,
           {:ok, bindings} <- match(Request.split(path), request.segments, %{}) do
        apply(handler, action, [%Request{request | bindings: bindings}])
      else
        _ -> nil
      end
    end)
  end

  defp match([], [], bindings), do: {:ok, bindings}

  defp match([":" <> name | rest], [value | more], b),
    do: match(rest, more, Map.put(b, name, value))

  defp match([same | rest], [same | more], bindings), do: match(rest, more, bindings)
  defp match(_, _, _), do: :error
end
