# Profiles the reload pipeline against the alternatives a user has, in one warm VM, interleaved.
#
# Run in a compiled generated project (bench/generate), with the agent compiled (`mix compile` in
# agent/):
#
#   cd PROJECT && MIXSCOPE_AGENT_EBIN=/path/to/agent/_build/dev/lib/mixscope_agent/ebin \
#     mix run --no-compile --no-deps-check --no-start /path/to/agent/test/support/pipeline_bench.exs
#
# Per trial: a leaf edit saved through the pipeline (until the `recompiled` event reaches this
# process), the same kind of edit followed by a warm `IEx.Helpers.recompile()`, and the bare
# compile of the edited file alone (parallel compiler to a scratch folder). A second passes
# between trials so Mix's one-second mtime check treats every variant alike. Also times the
# dependency graph. With MACRO=path/to/macro.ex, also a macro module edit (until
# `compile_finished`), with the number of files recompiled and their bare compile time.
# Prints medians and p95 in milliseconds.
#
# Measured on the 2-core machine (load ~12 from other jobs), 2,000-file project, seed 1:
# leaf save 17 ms (recompile() 535 ms, bare 24 ms); macro7 edit (3 files) 76 ms (recompile()
# 744 ms, bare 35 ms; 930 ms before the pipeline compiled the stale set itself); macro0 edit
# (152 files) 2.68 s (bare 2.68 s, recompile() 10.5 s).

Code.prepend_path(System.fetch_env!("MIXSCOPE_AGENT_EBIN"))
trials = String.to_integer(System.get_env("TRIALS", "9"))

alias Mixscope.Agent.{Events, Graph, Pipeline}

{:ok, _} = Events.start_link(sink: self())
# No idle settle: the warm `recompile()` trials below compile in this process, outside the lock.
{:ok, _} = Pipeline.start_link(settle_after: nil)

root = File.cwd!()
graph = Graph.dependency_graph()
incoming = graph.edges |> Enum.map(& &1.to) |> MapSet.new()

leaf =
  graph.nodes
  |> Enum.map(& &1.id)
  |> Enum.filter(&String.contains?(&1, "/ns"))
  |> Enum.reject(&MapSet.member?(incoming, &1))
  |> Enum.sort()
  |> List.first() || raise("no leaf file without dependents")

IO.puts("leaf file: #{leaf} (#{length(graph.nodes)} files, #{length(graph.edges)} edges)")
path = Path.join(root, leaf)
original = File.read!(path)

edit = fn k ->
  Regex.replace(
    ~r/def value\(x\), do: x \+ (\d+)[^\n]*/,
    original,
    "def value(x), do: x + \\1 + #{k}"
  )
end

flush = fn flush ->
  receive do
    {:mixscope_frame, _} -> flush.(flush)
  after
    0 -> :ok
  end
end

await_recompiled = fn await ->
  receive do
    {:mixscope_frame, %{"kind" => "recompiled"}} -> :ok
    {:mixscope_frame, %{"kind" => "compile_failed"} = f} -> raise inspect(f)
    {:mixscope_frame, _} -> await.(await)
  after
    30_000 -> raise "no recompiled event"
  end
end

time = fn fun ->
  t = System.monotonic_time(:microsecond)
  fun.()
  (System.monotonic_time(:microsecond) - t) / 1000
end

scratch = Path.join(System.tmp_dir!(), "mixscope-bench-bare")
File.mkdir_p!(scratch)

bare = fn ->
  Task.async(fn ->
    Code.put_compiler_option(:ignore_module_conflict, true)
    {:ok, _, _} = Kernel.ParallelCompiler.compile_to_path([path], scratch)
  end)
  |> Task.await(:infinity)
end

graph_time = fn -> time.(fn -> Graph.dependency_graph() end) end

# Warm everything once.
Pipeline.reload(leaf, edit.(0), :user)
flush.(flush)
Process.sleep(1100)
File.write!(path, edit.(1))
IEx.Helpers.recompile()
Process.sleep(1100)

results =
  for k <- 2..(trials + 1) do
    content = edit.(k * 10)

    mixscope =
      time.(fn ->
        :ok = Pipeline.reload_async(leaf, content, :user)
        await_recompiled.(await_recompiled)
      end)

    flush.(flush)
    # The graph right after a save: the manifest is in memory, only the save is new.
    incremental = graph_time.()
    Process.sleep(1100)
    File.write!(path, edit.(k * 10 + 1))
    iex = time.(fn -> :ok = IEx.Helpers.recompile() end)
    Process.sleep(1100)
    bare_ms = time.(bare)
    g = graph_time.()
    %{mixscope: mixscope, iex: iex, bare: bare_ms, graph: g, graph_incremental: incremental}
  end

File.write!(path, original)

stats = fn key ->
  values = results |> Enum.map(&Map.fetch!(&1, key)) |> Enum.sort()
  n = length(values)
  median = Enum.at(values, div(n, 2))
  p95 = Enum.at(values, min(n - 1, round(n * 0.95) - 1))
  {median, p95}
end

for key <- [:mixscope, :iex, :bare, :graph, :graph_incremental] do
  {median, p95} = stats.(key)
  IO.puts("#{key}: median #{Float.round(median, 1)} ms, p95 #{Float.round(p95, 1)} ms")
end

{m, _} = stats.(:mixscope)
{i, _} = stats.(:iex)
{b, _} = stats.(:bare)

IO.puts(
  "mixscope / recompile = #{Float.round(m / i, 2)} (target <= 0.6); overhead over bare = #{Float.round(m - b, 1)} ms (target <= 20)"
)

if macro = System.get_env("MACRO") do
  macro_path = Path.join(root, macro)
  macro_original = File.read!(macro_path)

  macro_edit = fn k ->
    String.replace(
      macro_original,
      "quote do: unquote(x) * 2",
      "quote do: unquote(x) * 2 + #{k} - #{k}"
    )
  end

  await_finished = fn await, acc ->
    receive do
      {:mixscope_frame, %{"kind" => "compile_finished"}} -> acc
      {:mixscope_frame, %{"kind" => "recompiled", "path" => p}} -> await.(await, [p | acc])
      {:mixscope_frame, _} -> await.(await, acc)
    after
      120_000 -> raise "no compile_finished"
    end
  end

  macro_results =
    for k <- 1..String.to_integer(System.get_env("MACRO_TRIALS", "3")) do
      Process.sleep(1100)
      flush.(flush)
      t = System.monotonic_time(:microsecond)
      :ok = Pipeline.reload_async(macro, macro_edit.(k * 10), :user)
      files = await_finished.(await_finished, []) |> Enum.uniq()
      mixscope = (System.monotonic_time(:microsecond) - t) / 1000
      Process.sleep(1100)
      File.write!(macro_path, macro_edit.(k * 10 + 1))
      iex = time.(fn -> :ok = IEx.Helpers.recompile() end)
      absolute = Enum.map(files, &Path.expand(&1, root))

      bare_ms =
        time.(fn ->
          Task.async(fn ->
            Code.put_compiler_option(:ignore_module_conflict, true)
            {:ok, _, _} = Kernel.ParallelCompiler.compile_to_path(absolute, scratch)
          end)
          |> Task.await(:infinity)
        end)

      %{mixscope: mixscope, iex: iex, bare: bare_ms, files: length(files)}
    end

  File.write!(macro_path, macro_original)
  IEx.Helpers.recompile()

  for key <- [:mixscope, :iex, :bare, :files] do
    values = macro_results |> Enum.map(&Map.fetch!(&1, key)) |> Enum.sort()
    IO.puts("macro #{key}: median #{Enum.at(values, div(length(values), 2))}")
  end
end
