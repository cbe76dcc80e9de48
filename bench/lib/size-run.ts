/**
 * Everything measured for one project size, in one session: edits, graph, burst, memory, view.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchArgs } from './args';
import { measureBurst } from './burst';
import { pickLeaf, pickMacro } from './edits';
import { runEditTrials, type EditContext } from './edit-trials';
import { runGraphTrials } from './graph-trials';
import { IexDriver } from './iex-driver';
import { timeMix } from './mix-cli';
import { MixscopeClient } from './mixscope-client';
import type { SizeMeasurements } from './results';
import { median, round } from './stats';
import { measureView } from './view';
import { prepareWorkspace, restoreAll, restoreFile } from './workspace';

const BURST_EVENTS = 10_000;

/** Runs every measurement for `files` source files. */
export async function runSize(
  files: number,
  args: BenchArgs,
  log: (line: string) => void,
): Promise<SizeMeasurements> {
  const ws = prepareWorkspace(files, args.seed, log);
  const restored = restoreAll(ws);
  if (restored > 0) log(`  restored ${restored} file copies an earlier run left edited`);
  const nonce = (Math.floor(Date.now() / 1000) % 100_000) * 100;

  log(`  starting Mixscope's session and the warm VM…`);
  const [client, iex] = await Promise.all([
    MixscopeClient.start(ws.mixscope),
    IexDriver.start(ws.iex),
  ]);
  const cleanups: Array<() => void> = [];
  try {
    await timeMix(['compile'], ws.cli); // the CLI copy catches up with restored files
    const graph = await client.session.dependencyGraph();
    // Kept next to the copies: the view bench and anyone checking the edit targets can read it.
    writeFileSync(join(ws.mixscope, '..', 'graph.json'), JSON.stringify(graph));
    const leaf = pickLeaf(graph);
    const macro = pickMacro(graph);
    const ctx: EditContext = { ws, client, iex, log };
    cleanups.push(
      () => restoreFile(ws, leaf.path),
      () => restoreFile(ws, macro.path),
    );

    log(`  leaf edit (${leaf.path}), ${args.trials} trials…`);
    const leafRun = await runEditTrials(ctx, leaf, args.trials, nonce);
    // Beyond a few thousand files one macro trial costs minutes per contender.
    const macroTrials = files > 5000 ? 1 : args.macroTrials;
    log(
      `  macro edit (${macro.path}, ${macro.compileDependents.length} files use it at compile time), ${macroTrials} trials…`,
    );
    const macroRun = await runEditTrials(ctx, macro, macroTrials, nonce, false);
    log(`  graph, ${args.trials} trials…`);
    const graphRun = await runGraphTrials(ctx, leaf, args.trials, nonce + 50);

    let burst: SizeMeasurements['burst'] = null;
    if (args.burst) {
      log(`  event burst (${BURST_EVENTS} events)…`);
      const ebin = join(ws.mixscope, '_build', 'dev', 'lib', ws.app, 'ebin');
      const b = await measureBurst(client, ebin, BURST_EVENTS);
      cleanups.push(b.cleanup);
      burst = { events: b.events, lost: b.lost, per_second: b.per_second };
      log(
        `    ${b.events} events, ${b.lost} lost, delivered in ${round(b.delivery_ms)} ms, ${round(b.total_ms)} ms after the request`,
      );
    }
    const mainRss = process.resourceUsage().maxRSS / 1024;

    const ph = leafRun.phases;
    const phases = {
      source_written_ms: round(median(ph.map((p) => p.written_ms))),
      compile_started_ms: round(median(ph.map((p) => p.started_ms))),
      agent_compile_ms: round(median(ph.map((p) => p.agent_compile_ms))),
      event_ms: round(median(ph.map((p) => p.ms))),
    };
    await Promise.all([iex.stop(), client.stop()]);
    let view: SizeMeasurements['view'] = null;
    if (args.view) {
      log(`  graph view (${graph.nodes.length} nodes)…`);
      view = await measureView(graph, log);
    }
    const macroFiles = median(macroRun.files.mixscope);
    return {
      files,
      leaf: leafRun.ms,
      macro: { ...macroRun.ms, files: Number.isFinite(macroFiles) ? macroFiles : null },
      graph: graphRun,
      burst,
      main_rss_mb: mainRss,
      view,
      phases,
      extra: {
        leaf: leaf.path,
        macro: macro.path,
        macro_files: {
          mixscope: macroRun.files.mixscope,
          iex: macroRun.files.iex,
          cli: macroRun.files.cli,
          bare: macroRun.bareFiles,
        },
        graph: { nodes: graphRun.nodes, edges: graphRun.edges },
        graph_first_after_macro_edits_ms: round(graphRun.first_ms),
      },
    };
  } finally {
    await Promise.all([iex.stop(), client.stop()]).catch(() => undefined);
    for (const c of cleanups) c();
  }
}
