defmodule Mixscope.Agent.Pipeline.CompileProcess do
  @moduledoc false

  # What every compile in the agent (reload, live sync, trace) does around Elixir's compiler.
  #
  # Each compile runs in a fresh process: the parallel compiler keeps warnings in the calling
  # process's dictionary, and a compile in a long-lived process would report a previous
  # compile's warnings again. Compiles outside Mix set the project's `elixirc_options` and
  # tracers themselves, and put the VM's options back afterwards: the options are global.

  @doc "Runs `fun` in a fresh process and returns its result (its crash is the caller's)."
  @spec run((() -> result)) :: result when result: term()
  def run(fun), do: fun |> Task.async() |> Task.await(:infinity)

  @doc """
  Runs `fun` with the current project's `elixirc_options` (module conflicts ignored) and the
  tracers `tracers` makes of the current ones; the previous options are restored after.
  """
  @spec with_project_options(([module()] -> [module()]), (() -> result)) :: result
        when result: term()
  def with_project_options(tracers, fun) do
    options =
      (Mix.Project.config()[:elixirc_options] || [])
      |> Keyword.take(Code.available_compiler_options())
      |> Keyword.merge(ignore_module_conflict: true)

    previous = Code.compiler_options(options)
    current = Code.get_compiler_option(:tracers)
    Code.put_compiler_option(:tracers, tracers.(current))

    try do
      fun.()
    after
      Code.compiler_options(previous |> Map.new() |> Map.put(:tracers, current))
    end
  end

  @doc "Modification time of `path` in POSIX seconds (Mix's resolution), `nil` when missing."
  @spec mtime(Path.t()) :: integer() | nil
  def mtime(path) do
    case File.stat(path, time: :posix) do
      {:ok, %{mtime: mtime}} -> mtime
      _ -> nil
    end
  end
end
