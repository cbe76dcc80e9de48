/**
 * Parity with Elixir's own `mix xref graph` on the bundled demo project.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import { blastRadius } from '../../src/shared/graph';
import { prepareXrefProject, type XrefAnswer, type XrefProject } from './helpers/mix-xref';
import { expectParity, graphFromDot } from './helpers/parity';
import { standardQueries } from './helpers/queries';

const EXAMPLES = resolve(__dirname, '..', '..', 'examples');

describe('graph parity with mix xref graph: demo project', () => {
  let project: XrefProject;
  let graph: DependencyGraph;
  let answers: XrefAnswer[];
  let files: string[];

  beforeAll(() => {
    project = prepareXrefProject(join(EXAMPLES, 'demo'), [join(EXAMPLES, 'demo_helpers')]);
    const [full] = project.run([['--format', 'dot']]);
    graph = graphFromDot(full!.output);
    files = graph.nodes.map((n) => n.id);
    answers = project.run(
      standardQueries({
        sources: ['lib/demo/orders/checkout.ex', 'lib/demo/web/router.ex'],
        sinks: ['lib/demo/web/request.ex', 'lib/demo/accounts.ex'],
        blast: files,
        excluded: 'lib/demo/store.ex',
      }),
    );
  });

  afterAll(() => project?.remove());

  it('reads every file and every kind of edge from the dot output', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    const labels = new Set(graph.edges.map((e) => e.label));
    expect([...labels].sort()).toEqual(['compile', 'export', 'runtime']);
  });

  it('prints what mix xref graph prints for every flag combination', () => {
    for (const answer of answers) expectParity(graph, answer);
  });

  it('computes each blast radius as --sink F --label compile --only-nodes lists it', () => {
    const blast = answers.filter((a) => a.args.includes('--only-nodes') && a.args.includes('compile'));
    expect(blast.length).toBe(files.length);
    for (const answer of blast) {
      const file = answer.args[answer.args.indexOf('--sink') + 1]!;
      const listed = answer.output.split('\n').filter(Boolean);
      expect(blastRadius(graph, file), file).toEqual(listed);
    }
    expect(blastRadius(graph, 'lib/demo/schema.ex').length).toBeGreaterThan(3);
  });
});
