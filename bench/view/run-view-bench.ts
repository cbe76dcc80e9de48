/**
 * Measures the graph view on synthetic graphs: `tsx bench/view/run-view-bench.ts [2000 10000]
 * [--screenshot FILE]` prints one JSON line per size. The full bench (`npm run bench`) calls
 * `measureGraphView` with generated projects' graphs instead.
 */
import { measureGraphView } from './measure-graph-view';
import { syntheticGraph } from './synthetic-graph';

const args = process.argv.slice(2);
const shotAt = args.indexOf('--screenshot');
const screenshot = shotAt >= 0 ? args[shotAt + 1] : undefined;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && i !== shotAt + 1).map(Number);

for (const size of sizes.length > 0 ? sizes : [2000, 10000]) {
  const graph = syntheticGraph(size);
  const result = await measureGraphView(graph, {
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...(screenshot && size === (sizes[0] ?? 2000) ? { screenshot } : {}),
  });
  console.log(JSON.stringify({ files: size, edges: graph.edges.length, ...result }));
}
