defmodule Mixscope.Agent.SyncTest do
  # Live sync inside this VM against a generated Mix project (with a path dependency): batches of
  # changed/new/deleted files, compiles by another OS process, skew, and the request params.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Sync
  alias Mixscope.Agent.Sync.Requests
  alias Mixscope.Agent.Test.{EventCapture, FixtureProject}

  import Mixscope.Agent.Test.FixtureSetup

  @moduletag timeout: 180_000

  setup_all :fixture
  setup :capture_events

  defp module_source(name, n) do
    "defmodule #{name} do\n  def version, do: #{n}\nend\n"
  end

  test "a batch of new, changed and deleted files is one compile", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      names = for i <- 1..5, do: "#{fx.prefix}.Batch#{i}"
      paths = for i <- 1..5, do: Path.join(fx.root, "lib/batch#{i}.ex")
      Enum.zip(names, paths) |> Enum.each(fn {n, p} -> File.write!(p, module_source(n, 1)) end)

      assert {:ok, result} = Sync.compile_paths(paths, :watcher)
      # Written within a second of the fixture's own compile, so Mix may also recompile the
      # dependents of the path dependency; the new modules are there in any case.
      assert names -- result.recompiled == []
      events = EventCapture.until_finished()
      assert Enum.count(events, &(&1["kind"] == "compile_started")) == 1
      assert Enum.all?(events, &(&1["origin"] == "watcher"))
      assert FixtureProject.mod(fx, "Batch3").version() == 1

      # Same size, same second: Mix 1.14 alone would skip these edits.
      [p1, p2 | _] = paths
      File.write!(p1, module_source(Enum.at(names, 0), 2))
      File.rm!(p2)
      assert {:ok, result} = Sync.compile_paths([p1, p2], :watcher)
      assert Enum.at(names, 0) in result.recompiled
      refute Enum.any?(Enum.drop(names, 1), &(&1 in result.recompiled))
      assert result.removed == [Enum.at(names, 1)]
      events = EventCapture.until_finished()
      removed = Enum.find(events, &(&1["kind"] == "source_removed"))
      assert removed["mod"] == Enum.at(names, 1)
      assert removed["path"] == "lib/batch2.ex"
      assert FixtureProject.mod(fx, "Batch1").version() == 2
      refute :erlang.module_loaded(FixtureProject.mod(fx, "Batch2"))
    end)
  end

  test "a failed compile reports diagnostics and keeps the loaded code", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      path = Path.join(fx.root, "lib/fragile.ex")
      name = "#{fx.prefix}.Fragile"
      File.write!(path, module_source(name, 1))
      assert {:ok, _} = Sync.compile_paths([path], :watcher)
      EventCapture.until_finished()

      File.write!(path, "defmodule #{name} do\n  def version(, do: 2\nend\n")
      assert {:ok, result} = Sync.compile_paths([path], :watcher)
      assert [%{severity: "error", file: "lib/fragile.ex"} | _] = result.diagnostics
      assert result.removed == []
      events = EventCapture.until_finished()
      assert "compile_failed" in EventCapture.kinds(events)
      refute "source_removed" in EventCapture.kinds(events)
      assert FixtureProject.mod(fx, "Fragile").version() == 1

      # Leave the shared fixture compiling for the other tests.
      File.rm!(path)
      assert {:ok, %{removed: [^name], diagnostics: []}} = Sync.compile_paths([path], :watcher)
      EventCapture.until_finished()
    end)
  end

  test "a file of the path dependency compiles the dependency", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      path = Path.join(fx.dep_root, "lib/helper.ex")
      File.write!(path, FixtureProject.helper_source(fx, 777))
      assert {:ok, result} = Sync.compile_paths([path], :watcher)
      assert "#{fx.prefix}.Dep.Helper" in result.recompiled
      EventCapture.until_finished()
      assert FixtureProject.mod(fx, "Dep.Helper").value() == 777
    end)
  end

  test "paths outside the project are refused", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      assert {:error, "path_outside_project", _, []} = Sync.compile_paths(["/etc/passwd"])
      assert EventCapture.drain() == []
    end)
  end

  test "sync_loaded loads what another OS process compiled and purges what it removed",
       %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      gone = "#{fx.prefix}.Gone"
      gone_path = Path.join(fx.root, "lib/gone.ex")
      File.write!(gone_path, module_source(gone, 1))
      {out, 0} = FixtureProject.mix(fx, ["compile"])
      assert {:ok, _} = Sync.sync_loaded(:external)
      _ = EventCapture.drain()
      assert leaf.value() != 31_337
      assert FixtureProject.mod(fx, "Gone").version() == 1, out

      File.write!(Path.join(fx.root, "lib/leaf.ex"), FixtureProject.leaf_source(fx, 31_337))
      File.rm!(gone_path)
      # Edited on disk, not compiled yet: the beam is older than the source.
      assert %{stale: true, source_differs: true, loaded_differs: false} = Sync.skew(leaf)
      {out, 0} = FixtureProject.mix(fx, ["compile"])
      # Compiled by another OS process: the VM still runs the old code.
      assert %{stale: true, source_differs: false, loaded_differs: true} = Sync.skew(leaf), out

      assert {:ok, result} = Sync.sync_loaded(:external)
      assert "#{fx.prefix}.Leaf" in result.reloaded
      assert result.purged == [gone]
      assert leaf.value() == 31_337
      refute :erlang.module_loaded(FixtureProject.mod(fx, "Gone"))
      refute Sync.stale?(leaf)

      events = EventCapture.drain()
      assert Enum.all?(events, &(&1["origin"] == "external"))
      assert Enum.any?(events, &(&1["kind"] == "recompiled" and &1["mod"] == "#{fx.prefix}.Leaf"))
      assert Enum.any?(events, &(&1["kind"] == "source_removed" and &1["mod"] == gone))

      # Nothing changed since: nothing to do.
      assert {:ok, %{reloaded: [], purged: []}} = Sync.sync_loaded(:external)
    end)
  end

  test "a batch a terminal compiled first still reaches the VM", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = FixtureProject.mod(fx, "Leaf")
      path = Path.join(fx.root, "lib/leaf.ex")
      assert {:ok, _} = Sync.compile_paths([path], :watcher)
      EventCapture.until_finished()
      # Loaded, so the VM holds code that can fall behind.
      assert is_integer(leaf.value())

      File.write!(path, FixtureProject.leaf_source(fx, 8086))
      {out, 0} = FixtureProject.mix(fx, ["compile"])
      # Mix finds nothing stale now; the loaded code is still the old one.
      assert {:ok, result} = Sync.compile_paths([path], :watcher)
      assert "#{fx.prefix}.Leaf" in result.recompiled, out
      EventCapture.until_finished()
      assert leaf.value() == 8086
    end)
  end

  test "the modules listing marks stale modules", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      leaf = "#{fx.prefix}.Leaf"
      path = Path.join(fx.root, "lib/leaf.ex")
      stale = fn -> Enum.find(Mixscope.Agent.Modules.list(), &(&1.mod == leaf)).stale end

      assert {:ok, _} = Sync.compile_paths([path], :watcher)
      EventCapture.until_finished()
      refute stale.()

      File.write!(path, FixtureProject.leaf_source(fx, 5150))
      assert stale.()
      assert {:ok, _} = Sync.compile_paths([path], :watcher)
      EventCapture.until_finished()
      refute stale.()
    end)
  end

  test "requests validate their params", %{fixture: fx} do
    FixtureProject.in_project(fx, fn ->
      assert {:error, "bad_request", _} = Requests.dispatch("compile_paths", %{})
      assert {:error, "bad_request", _} = Requests.dispatch("compile_paths", %{"paths" => [1]})

      assert {:error, "bad_request", _} =
               Requests.dispatch("sync_loaded", %{"origin" => "somebody"})

      # A path outside every ebin folder is not a beam of the project: nothing to reload.
      assert {:ok, %{reloaded: []}} =
               Requests.dispatch("sync_loaded", %{"beams" => ["/etc/passwd"]})
    end)
  end

  test "the Mix listener is used on Elixir 1.18+ and refused before" do
    if Version.match?(System.version(), ">= 1.18.0") do
      assert Mixscope.Agent.Sync.Listener.supported?()
      assert Mixscope.Agent.Sync.Listener.own_compile?(%{os_pid: System.pid()})
      refute Mixscope.Agent.Sync.Listener.own_compile?(%{os_pid: "0"})
    else
      IO.puts(
        "\nskipped listener subscription: Elixir #{System.version()} has no Mix listeners " <>
          "(1.18+); ebin watching covers compiles by other OS processes here"
      )

      refute Mixscope.Agent.Sync.Listener.supported?()
      assert Sync.start_listener() == {:error, :unsupported}
    end
  end
end
