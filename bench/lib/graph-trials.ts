/**
 * Graph trials, interleaved: the dependency graph from Mixscope's warm VM vs `mix xref graph
 * --format dot` as a CLI; then the incremental update after a save that adds or removes a
 * reference (the `graph_changed` event an open graph view applies), and the full graph fetched
 * right after a save.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import type { EditTarget } from './edits';
import type { EditContext } from './edit-trials';
import { timeMix } from './mix-cli';

/** Samples in ms. */
export interface GraphSamples {
  mixscope: number[];
  xref_cli: number[];
  /** Save through Mixscope (untimed), then `dependencyGraph()` (timed). */
  after_save: number[];
  /** A save adding or removing one reference → its `graph_changed` event at the subscriber. */
  incremental: number[];
  /** The same save's `recompiled` event → its `graph_changed` event: the update's own cost. */
  update_after_event: number[];
  nodes: number;
  edges: number;
  /**
   * The untimed-as-a-sample first call, right after the macro-edit trials: it includes settling
   * the files those saves compiled outside Mix's manifest.
   */
  first_ms: number;
}

/** Times `dependencyGraph()` until the graph is in hand. */
async function timeGraph(ctx: EditContext): Promise<{ ms: number; graph: DependencyGraph }> {
  const t0 = performance.now();
  const graph = await ctx.client.session.dependencyGraph();
  return { ms: performance.now() - t0, graph };
}

/** Runs a warm-up and `trials` interleaved trials, then `trials` graphs-after-save. */
export async function runGraphTrials(
  ctx: EditContext,
  leaf: EditTarget,
  trials: number,
  nonce: number,
): Promise<GraphSamples> {
  const warm = await timeGraph(ctx);
  const out: GraphSamples = {
    mixscope: [],
    xref_cli: [],
    after_save: [],
    incremental: [],
    update_after_event: [],
    nodes: warm.graph.nodes.length,
    edges: warm.graph.edges.length,
    first_ms: warm.ms,
  };
  for (let trial = 0; trial <= trials; trial++) {
    const xrefFirst = trial % 2 === 1;
    if (xrefFirst) await xref(ctx, out, trial);
    const g = await timeGraph(ctx);
    if (trial > 0) out.mixscope.push(g.ms);
    if (!xrefFirst) await xref(ctx, out, trial);
  }
  const original = readFileSync(join(ctx.ws.source, leaf.path), 'utf8');
  for (let trial = 0; trial < trials; trial++) {
    await ctx.client.save(leaf.path, leaf.edit(original, nonce + trial), leaf.mod);
    out.after_save.push((await timeGraph(ctx)).ms);
  }
  const target = referenceTarget(warm.graph, leaf.path);
  // Odd trials take the reference the even ones added away again; one more save ends without it.
  const saves = trials % 2 === 0 ? trials : trials + 1;
  for (let trial = 0; trial < saves; trial++) {
    const edited = leaf.edit(original, nonce + trials + trial);
    const content = trial % 2 === 0 ? withReference(edited, target) : edited;
    const change = await timeGraphChange(ctx, leaf, content);
    if (trial < trials) {
      out.incremental.push(change.ms);
      out.update_after_event.push(change.afterEvent);
    }
  }
  return out;
}

/** A module of another file the leaf does not reference yet. */
function referenceTarget(graph: DependencyGraph, leafPath: string): string {
  const referenced = new Set(graph.edges.filter((e) => e.from === leafPath).map((e) => e.to));
  const node = graph.nodes.find(
    (n) => n.id !== leafPath && !referenced.has(n.id) && n.modules[0] !== undefined,
  );
  if (!node?.modules[0]) throw new Error('no module to reference');
  return node.modules[0];
}

/** Adds a function calling `mod` at runtime: one new runtime edge. */
function withReference(content: string, mod: string): string {
  return content.replace(/end\s*$/, `  def bench_graph_ref, do: ${mod}.__info__(:module)\nend\n`);
}

const GRAPH_CHANGE_TIMEOUT_MS = 30_000;

/** Saves `content` and times the call → `graph_changed`, and `recompiled` → `graph_changed`. */
async function timeGraphChange(
  ctx: EditContext,
  leaf: EditTarget,
  content: string,
): Promise<{ ms: number; afterEvent: number }> {
  let recompiledAt = NaN;
  let done: (at: number) => void = () => undefined;
  const changed = new Promise<number>((resolve) => (done = resolve));
  const stop = ctx.client.listen((e, at) => {
    if (e.kind === 'recompiled' && e.mod === leaf.mod && Number.isNaN(recompiledAt))
      recompiledAt = at;
    if (e.kind === 'graph_changed' && e.origin === 'user') done(at);
  });
  try {
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => resolve(NaN), GRAPH_CHANGE_TIMEOUT_MS).unref(),
    );
    const t0 = performance.now();
    await ctx.client.session.reload(leaf.path, content);
    const at = await Promise.race([changed, timeout]);
    if (Number.isNaN(at)) ctx.log(`  no graph_changed event after a save of ${leaf.path}`);
    return { ms: at - t0, afterEvent: at - recompiledAt };
  } finally {
    stop();
  }
}

async function xref(ctx: EditContext, out: GraphSamples, trial: number): Promise<void> {
  const run = await timeMix(['xref', 'graph', '--format', 'dot'], ctx.ws.cli);
  if (run.code !== 0) ctx.log(`  mix xref graph: exit ${run.code}: ${run.output.slice(-300)}`);
  if (trial > 0) out.xref_cli.push(run.code === 0 ? run.ms : NaN);
}
