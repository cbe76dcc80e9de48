/**
 * Graph trials, interleaved: the dependency graph from Mixscope's warm VM vs `mix xref graph
 * --format dot` as a CLI; then the graph right after a save (what an open graph view needs).
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
  return out;
}

async function xref(ctx: EditContext, out: GraphSamples, trial: number): Promise<void> {
  const run = await timeMix(['xref', 'graph', '--format', 'dot'], ctx.ws.cli);
  if (run.code !== 0) ctx.log(`  mix xref graph: exit ${run.code}: ${run.output.slice(-300)}`);
  if (trial > 0) out.xref_cli.push(run.code === 0 ? run.ms : NaN);
}
