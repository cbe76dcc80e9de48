/**
 * The edits the bench makes: which file is the leaf and which the macro module, and how each
 * trial changes it (a new number each time, so there is always something to compile).
 */
import type { DependencyGraph } from '../../src/shared/agent-protocol';

/** A file the bench edits and how. */
export interface EditTarget {
  /** Relative to the project root. */
  path: string;
  /** The module whose `recompiled` event ends a Mixscope trial. */
  mod: string;
  /**
   * Files Mix recompiles with this one: those with a compile edge onto it, transitively (a
   * recompiled module is stale in turn for files that use it at compile time).
   */
  compileDependents: string[];
  /** The content of trial `n`, from the original content. */
  edit(original: string, n: number): string;
}

const LEAF_LINE = /def value\(x\), do: x \+ (\d+)/;
const MACRO_DOC = '@doc "Doubles a value at the call site."';

/** Edges by their target file. */
export function incoming(graph: DependencyGraph): Map<string, DependencyGraph['edges']> {
  const map = new Map<string, DependencyGraph['edges']>();
  for (const e of graph.edges) map.set(e.to, [...(map.get(e.to) ?? []), e]);
  return map;
}

function moduleOf(graph: DependencyGraph, path: string): string {
  const mod = graph.nodes.find((n) => n.id === path)?.modules[0];
  if (!mod) throw new Error(`no module in ${path}`);
  return mod;
}

/**
 * The files Mix 1.14 recompiles when `file` changes (exports unchanged): a module that uses a
 * stale module at compile time is recompiled and stale; one that references a stale module
 * otherwise (runtime or export) becomes stale without being recompiled, so its own
 * compile-time users recompile. Checked against Mix's "Compiling N files" on the 2,000 project.
 */
export function compileClosure(
  into: ReadonlyMap<string, DependencyGraph['edges']>,
  file: string,
): string[] {
  const stale = new Set<string>([file]);
  const recompiled = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    for (const e of into.get(queue.pop()!) ?? []) {
      if (e.label === 'compile') recompiled.add(e.from);
      if (stale.has(e.from)) continue;
      stale.add(e.from);
      queue.push(e.from);
    }
  }
  recompiled.delete(file);
  return [...recompiled];
}

const modIndex = (path: string): number => Number(/mod(\d+)\.ex$/.exec(path)?.[1] ?? -1);

/**
 * The leaf: an ordinary module nobody references (else only at runtime), the highest-numbered
 * such, so a save recompiles that file alone under Mix's rules.
 */
export function pickLeaf(graph: DependencyGraph): EditTarget {
  const into = incoming(graph);
  const regular = graph.nodes
    .map((n) => n.id)
    .filter((id) => /\/ns\d+\/mod\d+\.ex$/.test(id))
    .sort((a, b) => modIndex(b) - modIndex(a));
  const strength = (id: string): number => {
    const edges = into.get(id) ?? [];
    if (edges.length === 0) return 0;
    return edges.every((e) => e.label === 'runtime') ? 1 : 2;
  };
  const path = regular.find((id) => strength(id) === 0) ?? regular.find((id) => strength(id) === 1);
  if (!path) throw new Error('no leaf module in the graph');
  return {
    path,
    mod: moduleOf(graph, path),
    compileDependents: [],
    edit: (original, n) => {
      if (!LEAF_LINE.test(original)) throw new Error(`${path} has no value/1 to edit`);
      return original.replace(LEAF_LINE, (_m, k: string) => `def value(x), do: x + ${k} + ${n}`);
    },
  };
}

/**
 * The macro module: of the project's macro modules, the one with the median number of files
 * that use it at compile time (the most-used one makes a trial take many seconds per contender).
 */
export function pickMacro(graph: DependencyGraph): EditTarget {
  const into = incoming(graph);
  const macros = graph.nodes
    .map((n) => n.id)
    .filter((id) => /\/macros\/macro\d+\.ex$/.test(id))
    .map((id) => ({ id, users: compileClosure(into, id) }))
    .sort((a, b) => a.users.length - b.users.length || a.id.localeCompare(b.id));
  const chosen = macros[Math.floor(macros.length / 2)];
  if (!chosen) throw new Error('no macro module in the graph');
  return {
    path: chosen.id,
    mod: moduleOf(graph, chosen.id),
    compileDependents: chosen.users.sort(),
    edit: (original, n) => {
      if (!original.includes(MACRO_DOC)) throw new Error(`${chosen.id} has no doc to edit`);
      return original.replace(MACRO_DOC, `@doc "Doubles a value at the call site (rev ${n})."`);
    },
  };
}
