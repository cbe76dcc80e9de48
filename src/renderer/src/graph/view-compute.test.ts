import { afterEach, describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../shared/agent-protocol';
import type { WorkerInbound, WorkerOutbound } from './layout.worker';
import { graphHash, ViewComputer } from './view-compute';

function sampleGraph(areas: number, perArea: number): DependencyGraph {
  const nodes: DependencyGraph['nodes'] = [];
  const edges: DependencyGraph['edges'] = [];
  for (let a = 0; a < areas; a++)
    for (let f = 0; f < perArea; f++) {
      const id = `lib/app/area_${a}/file_${f}.ex`;
      nodes.push({ id, modules: [`App.Area${a}.File${f}`] });
      if (f > 0) edges.push({ from: id, to: `lib/app/area_${a}/file_0.ex`, label: 'runtime' });
      if (a > 0 && f === 1)
        edges.push({ from: id, to: 'lib/app/area_0/file_0.ex', label: 'compile' });
    }
  return { nodes, edges };
}

describe('ViewComputer', () => {
  it('draws a first view of groups, positioned, within the budget', () => {
    const graph = sampleGraph(12, 50);
    const result = new ViewComputer(graph).compute({
      id: 1,
      mode: 'folder',
      expanded: 'auto',
      labels: ['compile', 'export', 'runtime'],
      include: null,
    });
    expect(result.expanded).toEqual(['dir:lib']);
    expect(result.elements.nodes.length).toBe(13);
    for (const n of result.elements.nodes) expect(result.positions[n.id]).toBeDefined();
    expect(result.elements.edges.every((e) => e.label === 'compile')).toBe(true);
    expect(result.elements.edges.length).toBe(11);
  });

  it('keeps given positions and places only new nodes when asked to', () => {
    const graph = sampleGraph(2, 3);
    const computer = new ViewComputer(graph);
    const req = {
      id: 1,
      mode: 'folder' as const,
      expanded: ['dir:lib', 'dir:lib/app/area_0', 'dir:lib/app/area_1'],
      labels: ['runtime' as const],
      include: null,
    };
    const fresh = computer.compute(req);
    const keep = { ...fresh.positions, 'lib/app/area_0/file_1.ex': { x: 5000, y: 5000 } };
    const kept = computer.compute({ ...req, keep });
    expect(kept.positions['lib/app/area_0/file_1.ex']).toEqual({ x: 5000, y: 5000 });
    expect(kept.positions['lib/app/area_1/file_2.ex']).toEqual(
      fresh.positions['lib/app/area_1/file_2.ex'],
    );
  });
});

describe('graphHash', () => {
  it('ignores order and notices a changed edge', () => {
    const g = sampleGraph(3, 4);
    const shuffled = { nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() };
    expect(graphHash(shuffled)).toBe(graphHash(g));
    const changed = {
      ...g,
      edges: g.edges.map((e, i) => (i === 0 ? { ...e, label: 'export' as const } : e)),
    };
    expect(graphHash(changed)).not.toBe(graphHash(g));
  });
});

describe('layout worker', () => {
  const scope = globalThis as unknown as { self?: unknown };
  afterEach(() => {
    delete scope.self;
  });

  it('answers view and cycle requests for the graph it was sent', async () => {
    const sent: WorkerOutbound[] = [];
    const fake: {
      onmessage: ((ev: { data: WorkerInbound }) => void) | null;
      postMessage: (m: WorkerOutbound) => void;
    } = {
      onmessage: null,
      postMessage: (m) => sent.push(m),
    };
    scope.self = fake;
    await import('./layout.worker');
    const post = (data: WorkerInbound) => fake.onmessage?.({ data });
    const graph = sampleGraph(3, 4);
    graph.edges.push({
      from: 'lib/app/area_0/file_0.ex',
      to: 'lib/app/area_0/file_1.ex',
      label: 'runtime',
    });
    post({
      type: 'view',
      version: 1,
      request: { id: 1, mode: 'folder', expanded: 'auto', labels: ['runtime'], include: null },
    });
    post({ type: 'graph', version: 1, graph });
    post({
      type: 'view',
      version: 1,
      request: { id: 2, mode: 'folder', expanded: 'auto', labels: ['runtime'], include: null },
    });
    post({ type: 'cycles', version: 1, id: 3 });
    expect(sent[0]).toMatchObject({ type: 'error', id: 1 });
    expect(sent[1]).toMatchObject({ type: 'view', version: 1, result: { id: 2 } });
    expect(sent[2]).toEqual({
      type: 'cycles',
      version: 1,
      id: 3,
      cycles: [['lib/app/area_0/file_0.ex', 'lib/app/area_0/file_1.ex']],
    });
  });
});
