/**
 * A minimal `graph` formatter (json and dot, `--label` filter) used while the full one in
 * `src/core/graph/graph-command.ts` is absent; same two functions, same contract.
 */
import { parseArgs } from 'node:util';
import { EdgeLabel, type DependencyGraph } from '../shared/agent-protocol';

/** Options of the minimal formatter. */
export interface FallbackGraphOptions {
  format: 'json' | 'dot';
  label: EdgeLabel | null;
}

/** Parses `[--format json|dot] [--label compile|export|runtime]`; throws on anything else. */
export function parseGraphArgs(argv: string[]): FallbackGraphOptions {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, label: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'dot') {
    throw new Error(`--format must be json or dot, got ${format}`);
  }
  let label: EdgeLabel | null = null;
  if (values.label !== undefined) {
    const parsed = EdgeLabel.safeParse(values.label);
    if (!parsed.success) throw new Error(`--label must be compile, export or runtime`);
    label = parsed.data;
  }
  return { format, label };
}

/** Formats the graph as JSON or as `mix xref graph --format dot` writes it. */
export function formatGraphOutput(
  graph: DependencyGraph,
  options: FallbackGraphOptions,
): { stdout: string; exitCode: number } {
  const edges = options.label ? graph.edges.filter((e) => e.label === options.label) : graph.edges;
  if (options.format === 'json') {
    return { stdout: `${JSON.stringify({ nodes: graph.nodes, edges }, null, 2)}\n`, exitCode: 0 };
  }
  // mix xref: every file as a bare node, then its edges; runtime edges carry no label.
  const lines = ['digraph "xref graph" {'];
  for (const node of [...graph.nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(`  ${JSON.stringify(node.id)}`);
    for (const edge of edges.filter((e) => e.from === node.id)) {
      const label = edge.label === 'runtime' ? '' : ` [label="(${edge.label})"]`;
      lines.push(`  ${JSON.stringify(edge.from)} -> ${JSON.stringify(edge.to)}${label}`);
    }
  }
  lines.push('}');
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}
