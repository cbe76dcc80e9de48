/**
 * `mix xref graph`'s filtering, step for step (Elixir 1.14's `Mix.Tasks.Xref.write_graph/3`).
 *
 * The order of the steps is what gives the flags their meaning, so it is kept exactly:
 * 1. `--only-direct` drops every edge without the label *before* anything else; without it the
 *    label is applied only after the source/sink trees were taken over the whole graph.
 * 2. `--exclude` drops files and the edges pointing at them.
 * 3. `--sink` wins over `--source`: the tree is every edge pointing into the set of files that
 *    reach a sink (by any path); otherwise `--source` keeps every file reachable from a source,
 *    with all its edges. With both, the sink tree is printed from the sources as roots.
 * 4. The label filter: `compile`/`export`/`runtime` keep edges with that label;
 *    `compile-connected` keeps compile edges whose target has edges of its own (in the tree).
 * 5. With any `--label`, files left without edges are dropped.
 * 6. Roots are the sources when given, otherwise every remaining file except the sinks.
 */
import type { DependencyGraph, EdgeLabel, GraphEdge } from '../agent-protocol';
import { compareFiles, indexGraph, type GraphIndex, type Neighbour } from './graph-index';

/** The labels `mix xref graph --label` accepts. */
export type XrefLabel = EdgeLabel | 'compile-connected';

/** The graph-shaping flags of `mix xref graph`. */
export interface XrefQuery {
  /** `--source` (repeatable): files whose transitive dependencies to show. */
  sources?: readonly string[];
  /** `--sink` (repeatable): files whose transitive dependents to show. */
  sinks?: readonly string[];
  /** `--label`. */
  label?: XrefLabel;
  /** `--only-direct`: apply the label to direct edges before taking trees. */
  onlyDirect?: boolean;
  /** `--exclude` (repeatable): files left out entirely. */
  exclude?: readonly string[];
}

/** What is left after the query: Mix's `file_references` map and the roots it prints from. */
export interface XrefResult {
  /** Remaining files and their (sorted) outgoing edges; the keys are the tracked files. */
  references: ReadonlyMap<string, readonly Neighbour[]>;
  /** Files the printed tree starts from, sorted (sources keep duplicates, as Mix does). */
  roots: readonly string[];
  /** Every remaining edge, sorted by source then target. */
  edges: readonly GraphEdge[];
  /** Roots and edge endpoints, sorted and unique. */
  nodes: readonly string[];
  /** Number of edges, the figure `--fail-above` compares against for tree and dot output. */
  edgeCount: number;
}

/** A query Mix itself would refuse, with Mix's message. */
export class XrefQueryError extends Error {
  override name = 'XrefQueryError';
}

type References = Map<string, Neighbour[]>;

/** Runs a `mix xref graph` query over a dependency graph. */
export function queryGraph(graph: DependencyGraph | GraphIndex, query: XrefQuery = {}): XrefResult {
  const index = indexGraph(graph);
  const label = query.label;
  if (query.onlyDirect && label === 'compile-connected') {
    throw new XrefQueryError('Cannot use --only-direct with --label=compile-connected');
  }
  const directLabel = query.onlyDirect ? label : undefined;
  const laterLabel = query.onlyDirect ? undefined : label;

  let references: References = new Map();
  for (const file of index.files) {
    if (directLabel) {
      // Mix builds one map per label here, so a weaker reference hidden behind a stronger one
      // on the same file pair shows up (see GraphIndex.labelled).
      const all = index.labelled.get(file) ?? [];
      references.set(
        file,
        all.filter((n) => n.label === directLabel),
      );
    } else {
      references.set(file, [...(index.out.get(file) ?? [])]);
    }
  }

  const excluded = presentOrThrow(query.exclude, references, 'Excluded files');
  if (excluded) references = exclude(references, excluded);
  const sources = presentOrThrow(query.sources, references, 'Sources');
  const sinks = presentOrThrow(query.sinks, references, 'Sinks');

  if (sinks) references = sinkTree(references, sinks);
  else if (sources) references = sourceTree(references, sources);

  if (laterLabel) references = filterLabel(references, laterLabel);
  if (label) {
    for (const [file, children] of references) if (children.length === 0) references.delete(file);
  }

  let roots: string[];
  if (sources) {
    roots = [...sources];
  } else {
    const dropped = new Set(sinks ?? []);
    roots = [...references.keys()].filter((file) => !dropped.has(file));
  }
  roots.sort(compareFiles);

  const edges: GraphEdge[] = [];
  const nodes = new Set<string>(roots);
  for (const file of [...references.keys()].sort(compareFiles)) {
    const children = references.get(file)!.sort((a, b) => compareFiles(a.file, b.file));
    for (const child of children) {
      edges.push({ from: file, to: child.file, label: child.label });
      nodes.add(file);
      nodes.add(child.file);
    }
  }
  return {
    references,
    roots,
    edges,
    nodes: [...nodes].sort(compareFiles),
    edgeCount: edges.length,
  };
}

function presentOrThrow(
  files: readonly string[] | undefined,
  references: References,
  what: string,
): readonly string[] | null {
  if (!files || files.length === 0) return null;
  const missing = files.filter((file) => !references.has(file));
  if (missing.length > 0) {
    throw new XrefQueryError(`${what} could not be found: ${missing.join(', ')}`);
  }
  return files;
}

function exclude(references: References, excluded: readonly string[]): References {
  const drop = new Set(excluded);
  const result: References = new Map();
  for (const [file, children] of references) {
    if (!drop.has(file))
      result.set(
        file,
        children.filter((n) => !drop.has(n.file)),
      );
  }
  return result;
}

/** Every file reachable from `keys`, each with all of its edges. */
function sourceTree(references: References, keys: readonly string[]): References {
  const result: References = new Map();
  const stack = [...keys].reverse();
  while (stack.length > 0) {
    const file = stack.pop()!;
    const children = references.get(file);
    if (!children || result.has(file)) continue;
    result.set(file, children);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!.file);
  }
  return result;
}

/** Every edge pointing into a file from which a sink can be reached (the sink included). */
function sinkTree(references: References, sinks: readonly string[]): References {
  return invert(sourceTree(invert(references), sinks));
}

/** Reverses every edge; only files with at least one incoming edge become keys, as in Mix. */
function invert(references: References): References {
  const result: References = new Map();
  for (const [file, children] of references) {
    for (const child of children) {
      const list = result.get(child.file);
      const entry = { file, label: child.label };
      if (list) list.push(entry);
      else result.set(child.file, [entry]);
    }
  }
  return result;
}

function filterLabel(references: References, label: XrefLabel): References {
  const result: References = new Map();
  for (const [file, children] of references) {
    const kept =
      label === 'compile-connected'
        ? children.filter((n) => n.label === 'compile' && (references.get(n.file)?.length ?? 0) > 0)
        : children.filter((n) => n.label === label);
    result.set(file, kept);
  }
  return result;
}
