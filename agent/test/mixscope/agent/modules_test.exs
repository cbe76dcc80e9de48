defmodule Mixscope.Agent.ModulesTest do
  use ExUnit.Case, async: true

  alias Mixscope.Agent.{Modules, Project}

  # In `mix test` the current Mix project is the agent itself, so its own modules are the
  # project's modules.
  test "lists the project's modules from its ebin with app, source, hash and loaded" do
    modules = Modules.list()
    names = Map.new(modules, &{&1.mod, &1})

    assert %{app: "mixscope_agent", loaded: true} = info = names["Mixscope.Agent.Names"]
    path = Path.expand("../../../lib/mixscope/agent/names.ex", __DIR__)
    assert info.source == Project.relative(path)
    assert info.source_hash == Base.encode16(:erlang.md5(File.read!(path)), case: :lower)
    assert info.source_hash =~ ~r/\A[0-9a-f]{32}\z/
    assert Enum.map(modules, & &1.mod) == Enum.sort(Enum.map(modules, & &1.mod))
    refute Enum.any?(modules, &String.starts_with?(&1.mod, "Elixir."))
  end

  test "a module is listed as not loaded until something loads it" do
    for %{mod: mod, loaded: loaded} <- Modules.list() do
      atom = String.to_existing_atom("Elixir." <> mod)
      assert loaded == (:code.is_loaded(atom) != false) or loaded == false
    end
  end

  test "source_hash is nil when the source is gone" do
    assert Modules.source_hash(Path.join(System.tmp_dir!(), "mixscope-no-such-file.ex")) == nil
  end

  test "exists? and source" do
    assert Modules.exists?(Mixscope.Agent.Modules)
    refute Modules.exists?(:"Elixir.Mixscope.NoSuchModule")
    assert Modules.source(Mixscope.Agent.Modules) =~ ~r{lib/mixscope/agent/modules\.ex$}
  end
end
