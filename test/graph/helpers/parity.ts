/**
 * Compares `formatGraphOutput` with what `mix xref graph` printed for the same flags.
 */
import { expect } from 'vitest';
import type { DependencyGraph } from '../../../src/shared/agent-protocol';
import { formatGraphOutput, parseGraphArgs } from '../../../src/core/graph/graph-command';
import { parseXrefDot } from '../../../src/core/graph/parse-xref-dot';
import { cyclicComponents, queryGraph } from '../../../src/shared/graph';
import type { XrefAnswer } from './mix-xref';

/** A cycle read back from `--format cycles` text. */
export interface PrintedCycle {
  length: number;
  files: string[];
}

/** Parses `--format cycles` output. */
export function parseCycles(text: string): PrintedCycle[] {
  const cycles: PrintedCycle[] = [];
  let current: PrintedCycle | null = null;
  for (const line of text.split('\n')) {
    const header = /^Cycle of length (\d+):$/.exec(line);
    if (header) {
      current = { length: Number(header[1]), files: [] };
      cycles.push(current);
    } else if (current && line.startsWith('    ')) {
      current.files.push(line.slice(4));
    }
  }
  return cycles;
}

/** The full graph as Mix sees it, from `mix xref graph --format dot` output. */
export function graphFromDot(dot: string): DependencyGraph {
  return parseXrefDot(dot).graph;
}

/** The `--only-direct` dumps that, together, list every reference Mix's manifest holds. */
export const LABEL_DUMPS: readonly string[][] = ['compile', 'export', 'runtime'].map((label) => [
  '--format',
  'dot',
  '--label',
  label,
  '--only-direct',
]);

/**
 * The graph with every (file, file, label) reference, not only the strongest per pair: the
 * union of the `--only-direct` dumps (answers to `LABEL_DUMPS`) and the full dot's nodes.
 */
export function multiLabelGraph(fullDot: string, dumps: readonly XrefAnswer[]): DependencyGraph {
  const full = parseXrefDot(fullDot).graph;
  const edges = dumps.flatMap((dump) => parseXrefDot(dump.output).edges);
  return { nodes: full.nodes, edges };
}

/**
 * True for the queries a graph with one edge per file pair cannot answer exactly:
 * `--only-direct` with a label weaker than compile also sees the weaker references a stronger
 * one hides (see `GraphIndex.labelled`).
 */
export function needsAllReferences(args: readonly string[]): boolean {
  const label = args[args.indexOf('--label') + 1];
  return args.includes('--only-direct') && (label === 'export' || label === 'runtime');
}

/**
 * Asserts that our answer to `answer.args` equals Mix's.
 *
 * dot, plain and pretty output, stats (but the cycle count) and errors must match byte for byte.
 * Cycles are compared as sets: the same files in cycles per strongly connected component, and
 * every printed cycle a real cycle of the graph (which cycle `:digraph` picks depends on ETS
 * ordering, so the individual cycles may differ).
 */
export function expectParity(graph: DependencyGraph, answer: XrefAnswer): void {
  const options = parseGraphArgs(answer.args);
  expect(options.rest, 'flags the command does not know').toEqual([]);
  const ours = formatGraphOutput(graph, options);
  const what = `mix xref graph ${answer.args.join(' ')}`;

  if (answer.error !== null) {
    expect(ours.exitCode, what).toBe(1);
    // Which cycles Mix lists depends on ETS ordering (see cycles.ts), so their count may differ.
    const count = (text: string): string =>
      options.format === 'cycles' ? text.replace(/found: \d+/, 'found: N') : text;
    expect(count(ours.stderr.trimEnd()), what).toBe(count(answer.error));
    if (ours.stdout === '' || options.format !== 'cycles') return;
  } else {
    expect(ours.stderr, what).toBe('');
    expect(ours.exitCode, what).toBe(0);
  }

  switch (options.format) {
    case 'cycles':
      expectSameCycles(graph, options, ours.stdout, answer.output, what);
      break;
    case 'stats': {
      const withoutCycles = (text: string): string => text.replace(/^Cycles: \d+\n/m, '');
      expect(withoutCycles(ours.stdout), what).toBe(withoutCycles(answer.output));
      break;
    }
    default:
      expect(ours.stdout, what).toBe(answer.output);
  }
}

function expectSameCycles(
  graph: DependencyGraph,
  options: ReturnType<typeof parseGraphArgs>,
  ours: string,
  theirs: string,
  what: string,
): void {
  const { references } = queryGraph(graph, options);
  const mine = parseCycles(ours);
  const mix = parseCycles(theirs);
  expect(mix.length === 0, what).toBe(mine.length === 0);
  for (const cycle of [...mine, ...mix]) {
    expect(cycle.files.length, what).toBe(cycle.length);
    expect(cycle.files[0], what).toBe(cycle.files[cycle.files.length - 1]);
    for (let i = 0; i + 1 < cycle.files.length; i++) {
      const from = cycle.files[i]!;
      const to = cycle.files[i + 1]!;
      expect(
        references.get(from)?.some((n) => n.file === to),
        `${what}: ${from} -> ${to} is an edge`,
      ).toBe(true);
    }
  }
  // Group every printed cycle by the strongly connected component holding it.
  const components = cyclicComponents(references);
  const covered = (cycles: PrintedCycle[]): string[][] =>
    components
      .map((component) => {
        const inside = new Set(component);
        const files = new Set(cycles.flatMap((c) => c.files).filter((f) => inside.has(f)));
        return [...files].sort();
      })
      .filter((files) => files.length > 0);
  expect(covered(mine), what).toEqual(covered(mix));
}
