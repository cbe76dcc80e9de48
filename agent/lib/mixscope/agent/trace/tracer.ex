defmodule Mixscope.Agent.Trace.Tracer do
  @moduledoc false

  # The compiler tracer behind `Mixscope.Agent.Trace`: records each reference to a module of
  # the project with the reason and label `mix xref trace` gives it (Elixir 1.14's rules), plus
  # the modules the compile defined. Events arrive in compiler processes, so they go to a public
  # ETS table created by the tracing process.

  @table :mixscope_agent_trace

  @doc "Creates the table for one trace; `modules` are the project's modules worth reporting."
  @spec start(MapSet.t(module())) :: :ok
  def start(modules) do
    if :ets.whereis(@table) != :undefined, do: :ets.delete(@table)
    :ets.new(@table, [:named_table, :public, :duplicate_bag])
    :ets.insert(@table, {:config, modules})
    :ok
  end

  @doc "The references recorded (`{file, line, module | mfa, label, reason}`) and modules defined."
  @spec stop() :: {[tuple()], [module()]}
  def stop do
    entries = for {:entry, entry} <- :ets.lookup(@table, :entry), do: entry
    defined = for {:defined, module} <- :ets.lookup(@table, :defined), do: module
    :ets.delete(@table)
    {entries, defined}
  end

  @doc false
  @spec trace(tuple() | atom(), Macro.Env.t()) :: :ok
  def trace({:require, meta, module, _opts}, env),
    do: add(:export, :require, module, module, meta, env)

  def trace({:struct_expansion, meta, module, _keys}, env),
    do: add(:export, :struct, module, module, meta, env)

  def trace({:alias_reference, meta, module}, env) when env.module != module,
    do: add(mode(env), :alias, module, module, meta, env)

  def trace({:remote_function, meta, module, name, arity}, env),
    do: add(mode(env), :call, module, {module, name, arity}, meta, env)

  def trace({:remote_macro, meta, module, name, arity}, env),
    do: add(:compile, :call, module, {module, name, arity}, meta, env)

  def trace({:imported_function, meta, module, name, arity}, env),
    do: add(mode(env), :import, module, {module, name, arity}, meta, env)

  def trace({:imported_macro, meta, module, name, arity}, env),
    do: add(:compile, :import, module, {module, name, arity}, meta, env)

  def trace({:on_module, _bytecode, _ignore}, env) do
    :ets.insert(@table, {:defined, env.module})
    :ok
  end

  def trace(_event, _env), do: :ok

  defp mode(%{function: nil}), do: :compile
  defp mode(_env), do: :runtime

  defp add(mode, reason, module, target, meta, env) do
    [{:config, modules}] = :ets.lookup(@table, :config)

    if MapSet.member?(modules, module) do
      line = meta[:line] || env.line
      :ets.insert(@table, {:entry, {env.file, line, target, mode, reason}})
    end

    :ok
  end
end
