defmodule Mixscope.Agent.Sync.Compile do
  @moduledoc false

  # Runs one `mix compile` of the project inside this VM and reports what it did.
  #
  # The compile runs in its own process: Elixir's compiler keeps per-process state (warnings,
  # compiler options) that would otherwise leak from one compile into the next, and a crash in a
  # user's macro must not take the caller down.

  alias Mixscope.Agent.Pipeline.{Diagnostics, Tracer}

  @doc """
  Compiles the project; `deps?` also lets Mix recompile stale path dependencies (slower: it
  loads and checks the whole dep tree). Returns the status and flattened diagnostics.
  """
  @spec run(boolean(), String.t()) ::
          {:ok | :noop | :error, [Diagnostics.t()], [module()]}
  def run(deps?, root) do
    # The pipeline's tracer records the modules the main project's compile defines; path
    # dependencies compile under their own `compile.elixir` args, which the caller covers by
    # comparing loaded code before and after.
    Tracer.reset()

    task =
      Task.async(fn ->
        try do
          reenable(deps?)

          args = [
            "--return-errors",
            "--no-archives-check" | if(deps?, do: [], else: ["--no-deps-check"])
          ]

          case Mix.Task.run("compile", args) do
            {status, diags} when status in [:ok, :noop, :error] -> {status, diags}
            # A project alias may return anything; no diagnostics then.
            _ -> {:ok, []}
          end
        rescue
          e -> {:error, [Diagnostics.from_exception(e)]}
        catch
          kind, reason -> {:error, [Diagnostics.from_exception({kind, reason})]}
        end
      end)

    {status, diags} = Task.await(task, :infinity)
    severity_default = if status == :error, do: :error, else: :warning
    compiled = Tracer.collected() |> Enum.map(&elem(&1, 0)) |> Enum.uniq()
    {status, Diagnostics.normalize_all(diags, root, severity_default), compiled}
  end

  # `Mix.Task.run/2` runs a task once per project; the compile tasks must be re-enabled. Path
  # dependencies run their compile tasks under their own project, which `reenable/1` cannot
  # reach, so when they matter every task record is cleared (cheap: it is a table of names).
  defp reenable(true), do: Mix.Task.clear()

  defp reenable(false) do
    compilers = Enum.map(Mix.Tasks.Compile.compilers(), &"compile.#{&1}")

    Enum.each(
      ["compile", "compile.all", "compile.protocols", "loadpaths", "deps.loadpaths" | compilers],
      &Mix.Task.reenable/1
    )
  end
end
