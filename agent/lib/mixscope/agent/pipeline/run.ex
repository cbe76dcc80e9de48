defmodule Mixscope.Agent.Pipeline.Run do
  @moduledoc false

  # One compile of the pipeline, from `compile_started` to `compile_finished`, run inside the
  # pipeline process (and the compile lock). Returns the reply and the updated pipeline state.

  alias Mixscope.Agent.{Events, Functions, Names, Preload}
  alias Mixscope.Agent.Pipeline.{Compiler, FastPath, Index, Owner, Paths, Snapshot}

  @doc "Compiles after a save of `file` (already written) owned by `owner`."
  @spec reload(String.t(), Owner.t(), Events.origin(), String.t(), map()) :: {term(), map()}
  def reload(file, owner, origin, root, state) do
    started = System.monotonic_time(:microsecond)
    {manifest, ebin, dir} = target(owner, root)
    {entry, index} = Index.ensure(state.index || %{}, manifest, dir)
    # A dirty file saved back to what the manifest describes still has dependents compiled
    # against its other content: it compiles with them, not alone.
    was_dirty = MapSet.member?(state.dirty, file)
    dirty = Index.prune_dirty(entry, state.dirty)
    overlay = keep(state.overlay, dirty)
    index = if owner == :main, do: Index.catch_up(index, manifest, overlay), else: index
    entry = Map.fetch!(index, manifest)
    state = %{state | dirty: dirty, overlay: overlay}
    snapshot = Snapshot.take(Index.at_risk(entry, file), ebin)

    plan = plan(owner, file, entry, state.dirty, was_dirty)
    files = planned_files(plan, entry, file, state.dirty)
    Events.emit(:compile_started, origin, %{files: files, path: Paths.relative(file, root)})
    {results, dirty} = compile(plan, owner, file, root, entry, ebin, state.dirty)
    results = ensure_compiled(results, owner, file, entry, ebin, root)
    {status, compiled, diagnostics} = merge(results)

    # What the parallel compiler defined is patched in; a manifest Mix wrote is read again.
    index =
      Enum.reduce(results, index, fn {manifest, result}, acc ->
        if Map.has_key?(result, :refs),
          do: Index.patch(acc, manifest, result.compiled, result.refs),
          else: Index.invalidate(acc, manifest)
      end)

    overlay = overlay(state.overlay, results, file, dirty)
    state = %{state | index: index, dirty: dirty, overlay: overlay}

    reply =
      if status == :error do
        Snapshot.restore(snapshot)
        Events.emit(:compile_failed, origin, %{diagnostics: diagnostics})
        message = failure_message(diagnostics)
        {:error, "compile_failed", message, diagnostics}
      else
        payloads = announce(compiled, file, root, origin)
        {:ok, %{recompiled: payloads}}
      end

    finish(origin, diagnostics, started)
    send(self(), :refresh_index)
    {reply, state}
  end

  @doc "Compiles the whole project as `mix compile` would."
  @spec project(Events.origin(), map()) :: {term(), map()}
  def project(origin, state) do
    started = System.monotonic_time(:microsecond)
    root = Mixscope.Agent.Project.root()
    Events.emit(:compile_started, origin, %{})
    result = Compiler.compile_all(root, MapSet.to_list(state.dirty))
    dirty = after_mix(result, state.dirty)
    index = state.index && Index.invalidate(state.index, :all)
    state = %{state | index: index, dirty: dirty, overlay: keep(state.overlay, dirty)}

    if result.status == :error do
      Events.emit(:compile_failed, origin, %{diagnostics: result.diagnostics})
    else
      announce(result.compiled, nil, root, origin)
    end

    finish(origin, result.diagnostics, started)
    send(self(), :refresh_index)
    status = if result.status == :error, do: :error, else: :ok
    {{status, result.diagnostics}, state}
  end

  defp finish(origin, diagnostics, started) do
    duration = (System.monotonic_time(:microsecond) - started) / 1000

    Events.emit(:compile_finished, origin, %{
      duration_ms: Float.round(duration, 3),
      diagnostics: diagnostics
    })
  end

  defp target(:main, root), do: {Compiler.manifest(), Mix.Project.compile_path(), root}

  defp target({:dep, dep}, _root) do
    build = dep.opts[:build]

    {Path.join([build, ".mix", "compile.elixir"]), Path.join(build, "ebin"), dep.opts[:dest]}
  end

  @doc """
  Brings Mix's manifest up to date with files compiled by the fast path (`compile.elixir`
  compiles them again); a no-op when there are none.
  """
  @spec settle(map()) :: {:ok | :error, map()}
  def settle(state) do
    manifest = Compiler.manifest()
    {entry, index} = Index.ensure(state.index || %{}, manifest, Mixscope.Agent.Project.root())
    dirty = Index.prune_dirty(entry, state.dirty)
    overlay = keep(state.overlay, dirty)
    state = %{state | index: index, dirty: dirty, overlay: overlay}

    if MapSet.size(dirty) == 0 do
      {:ok, state}
    else
      root = Mixscope.Agent.Project.root()
      Preload.before_mix(entry, MapSet.to_list(dirty))
      result = Compiler.compile_elixir(MapSet.to_list(dirty), root)
      send(self(), :refresh_index)
      status = if result.status == :error, do: :error, else: :ok
      dirty = after_mix(result, dirty)
      index = Index.invalidate(state.index, manifest)
      {status, %{state | index: index, dirty: dirty, overlay: keep(state.overlay, dirty)}}
    end
  end

  # How a save compiles: `:unchanged` compiles the file alone with the parallel compiler (its
  # content is what Mix's manifest already describes), `{:ok, files}` compiles the file and what
  # Mix would recompile with it with the parallel compiler (see `FastPath`), `:mix` hands it to
  # Mix's compiler.
  defp plan(owner, file, entry, dirty, was_dirty) do
    cond do
      # Mix would compile nothing: the caller asked for this file, so it compiles alone, and the
      # manifest keeps describing it exactly.
      not was_dirty and Index.unchanged?(entry, file) -> :unchanged
      owner != :main -> :mix
      true -> with :no <- FastPath.plan(entry, file, Compiler.manifest(), dirty), do: :mix
    end
  end

  # What Mix compiles first is known from the manifest; files recompiled because an export
  # changed are only known after the compile.
  defp planned_files(:mix, entry, file, dirty) do
    if entry.info == nil and entry.parsed == nil,
      do: 1,
      else: MapSet.size(Index.stale_files(entry, Enum.uniq([file | MapSet.to_list(dirty)])))
  end

  defp planned_files({:ok, files}, _entry, _file, _dirty), do: length(files)
  defp planned_files(_alone, _entry, _file, _dirty), do: 1

  # Returns the compile results (with the manifest each belongs to) and the files compiled
  # outside Mix's manifest since its last update.
  defp compile(:unchanged, owner, file, root, entry, ebin, dirty) do
    {manifest, _ebin, _dir} = target(owner, root)
    {[{manifest, compile_alone(owner, file, entry, ebin, root)}], dirty}
  end

  defp compile({:ok, files}, :main, file, root, entry, ebin, dirty) do
    manifest = Compiler.manifest()
    fast = FastPath.compile(files, entry, ebin, root)

    if fast.status == :error or FastPath.settled?(entry, files, fast.compiled) do
      {[{manifest, fast}], MapSet.put(dirty, file)}
    else
      # The file changed shape or exports others depend on: Mix decides the rest.
      Preload.before_mix(entry, [file | MapSet.to_list(dirty)])
      slow = Compiler.compile_elixir([file | MapSet.to_list(dirty)], root)
      {[{manifest, fast}, {manifest, slow}], after_mix(slow, dirty)}
    end
  end

  defp compile(:mix, :main, file, root, entry, _ebin, dirty) do
    Preload.before_mix(entry, [file | MapSet.to_list(dirty)])
    result = Compiler.compile_elixir([file | MapSet.to_list(dirty)], root)
    {[{Compiler.manifest(), result}], after_mix(result, dirty)}
  end

  defp compile(:mix, {:dep, dep}, file, root, _entry, _ebin, dirty) do
    {compile_dep(dep, file, root), dirty}
  end

  # A save must compile the file it names even when Mix found nothing stale (a manifest layout
  # without digests, content equal to what Mix last compiled).
  defp ensure_compiled(results, owner, file, entry, ebin, root) do
    {status, compiled, _diagnostics} = merge(results)

    if status == :error or Enum.any?(compiled, fn {_m, f} -> f == file end) do
      results
    else
      {manifest, _ebin, _dir} = target(owner, root)
      results ++ [{manifest, compile_alone(owner, file, entry, ebin, root)}]
    end
  end

  defp compile_alone(:main, file, entry, ebin, root),
    do: FastPath.compile([file], entry, ebin, root)

  defp compile_alone({:dep, dep}, file, entry, ebin, root) do
    # The dependency's own compiler options apply.
    Mix.Dep.in_dependency(dep, fn _ -> FastPath.compile([file], entry, ebin, root) end)
  end

  defp after_mix(result, dirty), do: if(result.status == :error, do: dirty, else: MapSet.new())

  defp compile_dep(dep, file, root) do
    {manifest, _ebin, _dir} = target({:dep, dep}, root)
    dep_result = Compiler.compile_dep(dep, [file], root)

    cond do
      dep_result.status == :error ->
        [{manifest, dep_result}]

      Mix.Project.umbrella?() ->
        # An umbrella root has no sources of its own: its other apps are the dependents.
        [{manifest, dep_result} | follow_siblings(dep, root)]

      true ->
        # The main project re-reads a path dependency's exports only when the dependency's
        # manifest is newer than its own.
        Compiler.follow_deps([dep])
        [{manifest, dep_result}, {Compiler.manifest(), Compiler.compile_elixir([], root)}]
    end
  end

  # Siblings in Mix's dependency order, each picking up the changes of those before it; stops at
  # the first failure, as `mix compile` does.
  defp follow_siblings(dep, root) do
    siblings = Enum.filter(Mix.Dep.cached(), &(umbrella_app?(&1) and &1.app != dep.app))

    siblings
    |> Enum.reduce_while({[dep], []}, fn sibling, {done, acc} ->
      {manifest, _ebin, _dir} = target({:dep, sibling}, root)
      result = Compiler.compile_dep(sibling, [], root, done)
      acc = [{manifest, result} | acc]
      if result.status == :error, do: {:halt, {done, acc}}, else: {:cont, {[sibling | done], acc}}
    end)
    |> elem(1)
    |> Enum.reverse()
  end

  # What the fast path compiled, per file Mix's manifest does not describe yet: the references
  # and modules the dependency graph shows in place of the manifest's stale ones. Files compiled
  # because the saved one changed (`cause`) stay until Mix has compiled that one.
  defp overlay(overlay, results, file, dirty) do
    compiled = Enum.flat_map(results, &elem(&1, 1).compiled)

    results
    |> Enum.flat_map(fn {_manifest, result} -> Map.to_list(Map.get(result, :refs, %{})) end)
    |> Enum.reduce(overlay, fn {compiled_file, refs}, acc ->
      modules = for {m, ^compiled_file} <- compiled, do: m
      Map.put(acc, compiled_file, Map.merge(refs, %{modules: modules, cause: file}))
    end)
    |> keep(dirty)
  end

  defp keep(overlay, dirty) do
    Map.filter(overlay, fn {file, refs} -> MapSet.member?(dirty, Map.get(refs, :cause, file)) end)
  end

  # Seen from the umbrella root its apps are `from_umbrella`; seen from a sibling, `in_umbrella`.
  defp umbrella_app?(dep), do: !!(dep.opts[:from_umbrella] || dep.opts[:in_umbrella])

  defp merge(results) do
    results = Enum.map(results, &elem(&1, 1))
    status = if Enum.any?(results, &(&1.status == :error)), do: :error, else: :ok
    compiled = results |> Enum.flat_map(& &1.compiled) |> Enum.uniq_by(&elem(&1, 0))
    {status, compiled, Enum.flat_map(results, & &1.diagnostics)}
  end

  # The saved file's modules first with their hash and functions inline; the rest bare.
  defp announce(compiled, file, root, origin) do
    {own, others} = Enum.split_with(compiled, fn {_m, f} -> f == file end)
    hash = if own != [], do: source_hash(file)

    payloads =
      Enum.map(own, fn {m, f} -> {m, f, payload(m, hash, Functions.list(m))} end) ++
        Enum.map(others, fn {m, f} -> {m, f, payload(m, nil, nil)} end)

    Enum.map(payloads, fn {_m, f, payload} ->
      Events.emit(:recompiled, origin, %{
        mod: payload.mod,
        path: Paths.relative(f, root),
        payload: payload
      })

      payload
    end)
  end

  defp payload(module, hash, functions),
    do: %{mod: Names.to_wire(module), source_hash: hash, functions: functions}

  defp source_hash(file) do
    case File.read(file) do
      {:ok, bytes} -> bytes |> :erlang.md5() |> Base.encode16(case: :lower)
      _ -> nil
    end
  end

  defp failure_message(diagnostics) do
    case Enum.find(diagnostics, &(&1.severity == "error")) do
      %{file: file, line: line, message: message} when is_binary(file) ->
        "#{file}:#{line || "?"}: #{message}"

      %{message: message} ->
        message

      nil ->
        "compilation failed"
    end
  end
end
