defmodule Mixscope.Agent.Purge do
  @moduledoc """
  Drops a module from the VM so a stale copy does not outlive its deleted source file.
  """

  alias Mixscope.Agent.{Events, Modules, Names, Project}

  @doc """
  Purges `mod`'s old code, deletes its current code, then purges again so neither remains;
  emits `source_removed` with the module and its source path. Returns whether any code was
  dropped. Processes still running the module's code are killed by the purge, as with any
  code purge.

  The `.beam` file stays where it is: a later call to the module would load it again, which is
  what `mix compile` cleans up when it notices the source is gone.
  """
  @spec purge(module(), Events.origin()) :: boolean()
  def purge(mod, origin \\ :user) when is_atom(mod) do
    source = Modules.source(mod)
    had_current = :code.is_loaded(mod) != false
    had_old = :erlang.check_old_code(mod)

    :code.purge(mod)
    # code:delete/1 answers true even for a module with no code loaded, so what was loaded
    # before is what tells whether anything was dropped.
    :code.delete(mod)
    :code.purge(mod)

    Events.emit(:source_removed, origin, %{
      mod: Names.to_wire(mod),
      path: source && Project.relative(source)
    })

    had_current or had_old
  end
end
