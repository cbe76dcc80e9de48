defmodule Mixscope.Agent.Pipeline.Tracer do
  @moduledoc false

  # A compiler tracer (`--tracer` of `compile.elixir`, `:tracers` of the parallel compiler) that
  # records which modules a compile defined and from which file. Mix 1.14 has no listeners and
  # `compile.elixir` does not say what it compiled; the tracer is how the pipeline learns it
  # without diffing ebin folders. Events arrive in the compiler's worker processes, so they are
  # written to a public ETS table the pipeline owns and reads after the compile.

  @table :mixscope_agent_compiled

  @doc "Creates (or empties) the table; called by the pipeline process, which owns it."
  @spec reset() :: :ok
  def reset do
    case :ets.whereis(@table) do
      :undefined -> :ets.new(@table, [:named_table, :public, :bag, write_concurrency: true])
      _ -> :ets.delete_all_objects(@table)
    end

    :ok
  end

  @doc "Modules defined since the last `reset/0`, as `{module, absolute_file}` in compile order."
  @spec collected() :: [{module(), String.t()}]
  def collected do
    case :ets.whereis(@table) do
      :undefined ->
        []

      _ ->
        @table
        |> :ets.tab2list()
        |> Enum.sort_by(fn {_module, _file, order} -> order end)
        |> Enum.map(fn {module, file, _order} -> {module, file} end)
    end
  end

  @doc false
  @spec trace(tuple() | atom(), Macro.Env.t()) :: :ok
  def trace({:on_module, _bytecode, _ignore}, %Macro.Env{module: module, file: file}) do
    if :ets.whereis(@table) != :undefined do
      :ets.insert(@table, {module, file, System.monotonic_time()})
    end

    :ok
  end

  def trace(_event, _env), do: :ok
end
