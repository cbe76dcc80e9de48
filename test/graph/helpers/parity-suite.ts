/**
 * The parity suite run against each project: Mix's answers versus ours for many flag sets.
 */
import { expect } from 'vitest';
import type { DependencyGraph } from '../../../src/shared/agent-protocol';
import { blastRadius, indexGraph } from '../../../src/shared/graph';
import type { XrefAnswer, XrefProject } from './mix-xref';
import {
  expectParity,
  graphFromDot,
  LABEL_DUMPS,
  multiLabelGraph,
  needsAllReferences,
} from './parity';
import { standardQueries, type QueryFiles } from './queries';

/** Everything a parity test needs, gathered with two Mix runs. */
export interface ParityData {
  /** The graph read from `mix xref graph --format dot`: one edge per file pair. */
  graph: DependencyGraph;
  /** The graph with every reference of every label (see `multiLabelGraph`). */
  multi: DependencyGraph;
  answers: XrefAnswer[];
}

/** Asks Mix for the full graph and for every query built around the chosen files. */
export function collectParityData(
  project: XrefProject,
  choose: (files: string[]) => QueryFiles,
): ParityData {
  const [full, ...dumps] = project.run([['--format', 'dot'], ...LABEL_DUMPS]);
  const graph = graphFromDot(full!.output);
  const multi = multiLabelGraph(full!.output, dumps);
  const answers = project.run(standardQueries(choose(graph.nodes.map((n) => n.id))));
  return { graph, multi, answers };
}

/** Every answer must match on the full-reference graph, and on the dot graph where it can. */
export function expectAllParity(data: ParityData): void {
  // Mix merges a file pair's references keeping the strongest label: the two graphs agree.
  expect(indexGraph(data.multi).edges).toEqual(indexGraph(data.graph).edges);
  for (const answer of data.answers) {
    expectParity(data.multi, answer);
    if (!needsAllReferences(answer.args)) expectParity(data.graph, answer);
  }
}

/** Each `--sink F --label compile --only-nodes` answer must equal `blastRadius(graph, F)`. */
export function expectBlastRadiusParity(data: ParityData): number {
  let checked = 0;
  for (const answer of data.answers) {
    const args = answer.args;
    if (!(args.includes('--only-nodes') && args.includes('compile') && args.includes('--sink'))) {
      continue;
    }
    const file = args[args.indexOf('--sink') + 1]!;
    const listed = answer.output.split('\n').filter(Boolean);
    expect(blastRadius(data.graph, file), file).toEqual(listed);
    checked++;
  }
  return checked;
}
