/**
 * Parity with Elixir's own `mix xref graph` on the bundled demo project.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blastRadius } from '../../src/shared/graph';
import { prepareXrefProject, type XrefProject } from './helpers/mix-xref';
import {
  collectParityData,
  expectAllParity,
  expectBlastRadiusParity,
  type ParityData,
} from './helpers/parity-suite';

const EXAMPLES = resolve(__dirname, '..', '..', 'examples');

describe('graph parity with mix xref graph: demo project', () => {
  let project: XrefProject | undefined;
  let data: ParityData;

  beforeAll(() => {
    project = prepareXrefProject(join(EXAMPLES, 'demo'), [join(EXAMPLES, 'demo_helpers')]);
    data = collectParityData(project, (files) => ({
      sources: ['lib/demo/orders/checkout.ex', 'lib/demo/web/router.ex'],
      sinks: ['lib/demo/web/request.ex', 'lib/demo/accounts.ex'],
      blast: files,
      excluded: 'lib/demo/store.ex',
    }));
  });

  afterAll(() => project?.remove());

  it('reads every file and every kind of edge from the dot output', () => {
    expect(data.graph.nodes.length).toBeGreaterThanOrEqual(30);
    const labels = new Set(data.graph.edges.map((e) => e.label));
    expect([...labels].sort()).toEqual(['compile', 'export', 'runtime']);
  });

  it('prints what mix xref graph prints for every flag combination', () => {
    expect(data.answers.length).toBeGreaterThan(60);
    expectAllParity(data);
  });

  it('computes every blast radius as --sink F --label compile --only-nodes lists it', () => {
    expect(expectBlastRadiusParity(data)).toBe(data.graph.nodes.length);
    // The schema macro is used by four schemas: they, and what compiles against them, recompile.
    expect(blastRadius(data.graph, 'lib/demo/schema.ex').length).toBeGreaterThanOrEqual(4);
  });
});
