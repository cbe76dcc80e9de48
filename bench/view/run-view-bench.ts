/**
 * Measures the graph view on synthetic graphs: `tsx bench/view/run-view-bench.ts [2000 10000]
 * [--flat] [--expand-all] [--screenshot FILE] [--graph GRAPH.json]` prints one JSON line per size (or for the graph
 * file, such as `mixscope graph --format json` writes). The full bench (`npm run bench`) calls
 * `measureGraphView` with generated projects' graphs instead.
 */
import { readFileSync } from 'node:fs';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import { measureGraphView } from './measure-graph-view';
import { flatGraph, syntheticGraph } from './synthetic-graph';
import { CHROMIUM_PATH } from '../../scripts/chromium';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const screenshot = option('--screenshot');
const graphFile = option('--graph');
const sizes = args.filter((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')).map(Number);

const runs: Array<[number, DependencyGraph]> = graphFile
  ? [[0, JSON.parse(readFileSync(graphFile, 'utf8')) as DependencyGraph]]
  : (sizes.length > 0 ? sizes : [2000, 10000]).map((n) => [
      n,
      args.includes('--flat') ? flatGraph(n) : syntheticGraph(n),
    ]);

for (const [size, graph] of runs) {
  const result = await measureGraphView(graph, {
    chromiumPath: CHROMIUM_PATH,
    expandAll: args.includes('--expand-all'),
    ...(screenshot && graph === runs[0]?.[1] ? { screenshot } : {}),
  });
  console.log(
    JSON.stringify({ files: size || graph.nodes.length, edges: graph.edges.length, ...result }),
  );
}
