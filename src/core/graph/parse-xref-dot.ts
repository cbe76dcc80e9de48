/**
 * Reads the `xref_graph.dot` that `mix xref graph --format dot` writes back into a graph.
 *
 * Mix writes one statement per line: `"file"` for a root, `"a" -> "b"` for a runtime edge and
 * `"a" -> "b" [label="(compile)"]` / `[label="(export)"]` for the others. File names are written
 * between double quotes without escaping, so a name containing `"` cannot be read back (Mix's own
 * output is ambiguous there too).
 */
import type { DependencyGraph, EdgeLabel, GraphEdge } from '../../shared/agent-protocol';
import { compareFiles } from '../../shared/graph';

const NODE = /^\s*"([^"]*)"\s*$/;
const EDGE = /^\s*"([^"]*)"\s*->\s*"([^"]*)"\s*(?:\[label="\((compile|export)\)"\])?\s*$/;

/** A parsed dot file: the graph plus the statements in the order Mix wrote them. */
export interface ParsedXrefDot {
  /** Every file named anywhere (modules unknown: dot does not carry them) and every edge. */
  graph: DependencyGraph;
  /** Root lines in file order. */
  roots: string[];
  /** Edge lines in file order (duplicates kept, should Mix ever write one twice). */
  edges: GraphEdge[];
}

/** Parses Mix's dot output; throws on a line it does not recognise. */
export function parseXrefDot(text: string): ParsedXrefDot {
  const lines = text.split('\n');
  const roots: string[] = [];
  const edges: GraphEdge[] = [];
  const files = new Set<string>();
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed === '}' || /^digraph\s+".*"\s*\{$/.test(trimmed)) return;
    const edge = EDGE.exec(line);
    if (edge) {
      const [, from, to, label] = edge as unknown as [string, string, string, string | undefined];
      edges.push({ from, to, label: (label ?? 'runtime') as EdgeLabel });
      files.add(from);
      files.add(to);
      return;
    }
    const node = NODE.exec(line);
    if (node) {
      roots.push(node[1]!);
      files.add(node[1]!);
      return;
    }
    throw new Error(`xref dot line ${i + 1} not understood: ${line}`);
  });
  const unique = new Map<string, GraphEdge>();
  for (const edge of edges) unique.set(`${edge.from}\0${edge.to}`, edge);
  const graph: DependencyGraph = {
    nodes: [...files].sort(compareFiles).map((id) => ({ id, modules: [] })),
    edges: [...unique.values()],
  };
  return { graph, roots, edges };
}
