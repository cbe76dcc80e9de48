defmodule Mixscope.Agent.Preload do
  @moduledoc false

  # Loads, just before Mix's compiler runs, the modules its checker would otherwise look up on
  # disk. Elixir 1.14's checker, run by every `compile.elixir`, looks up each module that calls
  # a recompiled one at runtime; when that module is not loaded it uses `:code.where_is_file/2`,
  # which lists every code-path folder (the project's ebin holds a beam per module) once per
  # module. The VM runs with interactive code loading, so almost nothing of the project is
  # loaded. Measured on the generated 2,000-file project, a macro edit (50 files) through
  # `compile.elixir`: 3.3-4.3 s lazily loaded, 0.7 s with the modules loaded.
  #
  # Not everything is loaded up front, in the background: in OTP 25 every load and purge copies
  # the whole export table (code staging), so each one slows down with the number of modules
  # loaded. On the 10,000-file project, with all of them loaded, `:code.load_binary/3` went from
  # 1.1 to 3.5 ms, `:code.purge/1` from 0.15 to 2.2 ms, and a one-file save's compile from 9 to
  # 22 ms, a cost every save would pay for the benefit of the rare save Mix compiles. So only the
  # modules the checker will ask for are loaded, right before the compile that needs them (the
  # modules Mix will see as stale, from the pipeline's index: see `Index.stale_modules/2`), in chunks
  # through `:code.ensure_modules_loaded/1`, which prepares a chunk's modules in parallel.

  alias Mixscope.Agent.Pipeline.Index

  @chunk 500

  @doc """
  Loads the not yet loaded modules Mix will see as stale when `files` changed: those it
  recompiles and, transitively, those referencing a stale module at runtime. Returns how many
  it loaded.
  """
  @spec before_mix(Index.entry() | nil, [String.t()]) :: non_neg_integer()
  def before_mix(nil, _files), do: 0

  def before_mix(entry, files) do
    modules =
      entry
      |> Index.stale_modules(files)
      |> Enum.reject(&:erlang.module_loaded/1)

    modules |> Enum.chunk_every(@chunk) |> Enum.each(&:code.ensure_modules_loaded/1)
    length(modules)
  end
end
