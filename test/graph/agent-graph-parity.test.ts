/**
 * The agent's `dependency_graph`, through a real session, equals `mix xref graph --format dot`
 * for the demo project and for a generated project of 300 files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate/generate-project';
import { createSession, type Session } from '../../src/core/session';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import { prepareXrefProject, type XrefProject } from './helpers/mix-xref';
import { graphFromDot } from './helpers/parity';

const EXAMPLES = resolve(__dirname, '..', '..', 'examples');

const edgeSet = (graph: DependencyGraph): string[] =>
  graph.edges.map((e) => `${e.from} -> ${e.to} (${e.label})`).sort();
const nodeSet = (graph: DependencyGraph): string[] => graph.nodes.map((n) => n.id).sort();

/** Compiles a copy with Mix, reads Mix's graph, then asks a session on the same copy. */
function describeAgentParity(name: string, prepare: () => XrefProject): void {
  describe(`agent dependency_graph equals mix xref graph: ${name}`, () => {
    let project: XrefProject | undefined;
    let session: Session | undefined;
    let mix: DependencyGraph;
    let agent: DependencyGraph;

    beforeAll(async () => {
      project = prepare();
      const [full] = project.run([['--format', 'dot']]);
      mix = graphFromDot(full!.output);
      rmSync(join(project.dir, 'xref_graph.dot'), { force: true });
      session = createSession({ projectRoot: project.dir, watchSources: false });
      await session.start();
      expect(await session.waitForBootCompile()).toBe(true);
      agent = await session.dependencyGraph();
    });

    afterAll(async () => {
      await session?.stop();
      project?.remove();
    });

    it('lists the same files, each with its modules', () => {
      expect(nodeSet(agent)).toEqual(nodeSet(mix));
      for (const node of agent.nodes) expect(node.modules.length, node.id).toBeGreaterThan(0);
    });

    it('lists the same (from, to, label) edges', () => {
      expect(edgeSet(agent)).toEqual(edgeSet(mix));
    });
  });
}

describeAgentParity('demo project', () =>
  prepareXrefProject(join(EXAMPLES, 'demo'), [join(EXAMPLES, 'demo_helpers')]),
);

let scratch: string | undefined;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describeAgentParity('generated 300-file project', () => {
  scratch = mkdtempSync(join(tmpdir(), 'mixscope-agent-gen-'));
  const generated = generateProject({ files: 300, seed: 11, dir: join(scratch, 'app') });
  return prepareXrefProject(generated.dir);
});
