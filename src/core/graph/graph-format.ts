/**
 * Text renderings of an xref query result, byte-compatible with `mix xref graph` (Elixir 1.14).
 */
import {
  xrefCycles,
  xrefStats,
  type GraphIndex,
  type XrefCycle,
  type XrefResult,
} from '../../shared/graph';

interface TreeNode {
  name: string;
  info: string | null;
}

function childrenOf(result: XrefResult, file: string, onlyNodes: boolean): TreeNode[] {
  if (onlyNodes) return [];
  return (result.references.get(file) ?? []).map((n) => ({
    name: n.file,
    info: n.label === 'runtime' ? null : `(${n.label})`,
  }));
}

/**
 * `--format dot`, as `Mix.Utils.write_dot_graph!/5` writes `xref_graph.dot`.
 *
 * Mix walks the tree from the sorted roots and emits each (parent, child) pair once; meeting a
 * pair it already emitted ends that sibling list (the rest was emitted with it earlier), which
 * is why each file's edges appear right after the first line that reaches it.
 */
export function formatDot(result: XrefResult, onlyNodes = false): string {
  const ROOT = '\0';
  const lines: string[] = ['digraph "xref graph" {\n'];
  const seen = new Set<string>();
  const frames: Array<{ parent: string; items: TreeNode[]; next: number }> = [
    { parent: ROOT, items: result.roots.map((name) => ({ name, info: null })), next: 0 },
  ];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const node = frame.items[frame.next];
    if (!node) {
      frames.pop();
      continue;
    }
    const key = `${frame.parent}\0${node.name}`;
    if (seen.has(key)) {
      frames.pop();
      continue;
    }
    seen.add(key);
    frame.next++;
    const from = frame.parent === ROOT ? '' : `"${frame.parent}" -> `;
    const label = node.info ? ` [label="${node.info}"]` : '';
    lines.push(`  ${from}"${node.name}"${label}\n`);
    frames.push({ parent: node.name, items: childrenOf(result, node.name, onlyNodes), next: 0 });
  }
  lines.push('}\n');
  return lines.join('');
}

/**
 * The default tree output (`--format pretty` or `plain`), as `Mix.Utils.print_tree/3` prints it.
 *
 * A file already printed is printed again where it recurs, without its children.
 */
export function formatTree(result: XrefResult, pretty: boolean, onlyNodes = false): string {
  const seen = new Set<string>();
  const expand = (nodes: TreeNode[]): Array<TreeNode & { children: TreeNode[] }> =>
    nodes.map((node) => {
      if (seen.has(node.name)) return { ...node, children: [] };
      seen.add(node.name);
      return { ...node, children: childrenOf(result, node.name, onlyNodes) };
    });
  const lines: string[] = [];
  const frames: Array<{ items: ReturnType<typeof expand>; next: number; depth: boolean[] }> = [
    { items: expand(result.roots.map((name) => ({ name, info: null }))), next: 0, depth: [] },
  ];
  const [bar, last, middle] = pretty ? ['│   ', '└── ', '├── '] : ['|   ', '`-- ', '|-- '];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const node = frame.items[frame.next++];
    if (!node) {
      frames.pop();
      continue;
    }
    const more = frame.next < frame.items.length;
    // `depth` holds, outermost first, whether each enclosing level has siblings still to come.
    const indent = frame.depth
      .slice(1)
      .map((open) => (open ? bar : '    '))
      .join('');
    const prefix = frame.depth.length === 0 ? '' : more ? middle : last;
    lines.push(`${indent}${prefix}${node.name}${node.info ? ` ${node.info}` : ''}\n`);
    frames.push({ items: expand(node.children), next: 0, depth: [...frame.depth, more] });
  }
  return lines.join('');
}

/** The cycles of a query result, as `--format cycles` lists them. */
export function cyclesOf(result: XrefResult, minCycleSize?: number): XrefCycle[] {
  return xrefCycles(result.references, minCycleSize);
}

/** `--format cycles` text. */
export function formatCycles(cycles: readonly XrefCycle[]): string {
  if (cycles.length === 0) return 'No cycles found\n';
  const lines = [`${cycles.length} cycles found. Showing them in decreasing size:\n\n`];
  for (const cycle of cycles) {
    lines.push(`Cycle of length ${cycle.length}:\n\n`);
    for (const file of cycle.files) lines.push(`    ${file}\n`);
    lines.push('\n');
  }
  return lines.join('');
}

/** `--format stats` text. */
export function formatStats(result: XrefResult, minCycleSize?: number): string {
  const stats = xrefStats(result.references, minCycleSize);
  const lines = [
    `Tracked files: ${stats.files} (nodes)`,
    `Compile dependencies: ${stats.compile} (edges)`,
    `Exports dependencies: ${stats.export} (edges)`,
    `Runtime dependencies: ${stats.runtime} (edges)`,
    `Cycles: ${stats.cycles}`,
    '',
    `Top ${stats.topOutgoing.length} files with most outgoing dependencies:`,
    ...stats.topOutgoing.map((d) => `  * ${d.file} (${d.count})`),
    '',
    `Top ${stats.topIncoming.length} files with most incoming dependencies:`,
    ...stats.topIncoming.map((d) => `  * ${d.file} (${d.count})`),
  ];
  return lines.join('\n') + '\n';
}

/**
 * `--format json`: `{"nodes":[{"id","modules"}],"edges":[{"from","to","label"}]}`.
 *
 * Nodes are the roots and every edge end, with their modules; `--only-nodes` keeps the roots and
 * no edges.
 */
export function formatJson(result: XrefResult, index: GraphIndex, onlyNodes = false): string {
  const ids = onlyNodes ? [...new Set(result.roots)] : result.nodes;
  const body = {
    nodes: ids.map((id) => ({ id, modules: [...(index.modules.get(id) ?? [])] })),
    edges: onlyNodes ? [] : result.edges,
  };
  return JSON.stringify(body) + '\n';
}
