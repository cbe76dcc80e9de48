/**
 * `parseGraphArgs` and the JSON / exit-status behaviour of `formatGraphOutput`.
 */
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import {
  formatGraphOutput,
  GraphArgsError,
  parseGraphArgs,
} from '../../src/core/graph/graph-command';
import { parseXrefDot } from '../../src/core/graph/parse-xref-dot';

const graph: DependencyGraph = {
  nodes: [
    { id: 'lib/a.ex', modules: ['A'] },
    { id: 'lib/b.ex', modules: ['B', 'B.Helper'] },
    { id: 'lib/c.ex', modules: ['C'] },
  ],
  edges: [
    { from: 'lib/a.ex', to: 'lib/b.ex', label: 'compile' },
    { from: 'lib/b.ex', to: 'lib/c.ex', label: 'runtime' },
  ],
};

describe('parseGraphArgs', () => {
  it('reads repeatable and valued flags in both spellings', () => {
    const options = parseGraphArgs([
      '--format=dot',
      '--label',
      'compile-connected',
      '--source',
      'lib/a.ex',
      '--source=lib/b.ex',
      '--sink',
      'lib/c.ex',
      '--only-direct',
      '--only-nodes',
      '--fail-above',
      '3',
      '--project',
      '/somewhere',
    ]);
    expect(options).toEqual({
      format: 'dot',
      label: 'compile-connected',
      sources: ['lib/a.ex', 'lib/b.ex'],
      sinks: ['lib/c.ex'],
      exclude: [],
      onlyDirect: true,
      onlyNodes: true,
      failAbove: 3,
      rest: ['--project', '/somewhere'],
    });
  });

  it('defaults to json and refuses bad values', () => {
    expect(parseGraphArgs([]).format).toBe('json');
    expect(() => parseGraphArgs(['--format', 'svg'])).toThrow(GraphArgsError);
    expect(() => parseGraphArgs(['--label', 'compile-direct'])).toThrow(GraphArgsError);
    expect(() => parseGraphArgs(['--fail-above', 'many'])).toThrow(GraphArgsError);
    expect(() => parseGraphArgs(['--sink'])).toThrow('--sink needs a value');
  });
});

describe('formatGraphOutput', () => {
  it('prints the whole graph as JSON with modules per file', () => {
    const out = formatGraphOutput(graph);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(graph);
  });

  it('prints the filtered graph as JSON, with runtime edges labelled', () => {
    const out = formatGraphOutput(graph, { format: 'json', sources: ['lib/b.ex'] });
    expect(JSON.parse(out.stdout)).toEqual({
      nodes: [
        { id: 'lib/b.ex', modules: ['B', 'B.Helper'] },
        { id: 'lib/c.ex', modules: ['C'] },
      ],
      edges: [{ from: 'lib/b.ex', to: 'lib/c.ex', label: 'runtime' }],
    });
  });

  it('exits 1 above --fail-above and on unknown files, still printing the output', () => {
    const over = formatGraphOutput(graph, { format: 'dot', failAbove: 1 });
    expect(over.exitCode).toBe(1);
    expect(over.stderr).toBe('Too many references (found: 2, permitted: 1)\n');
    expect(over.stdout).toContain('"lib/a.ex" -> "lib/b.ex" [label="(compile)"]');
    expect(formatGraphOutput(graph, { format: 'dot', failAbove: 2 }).exitCode).toBe(0);
    const missing = formatGraphOutput(graph, { sinks: ['lib/x.ex'] });
    expect(missing).toMatchObject({ exitCode: 1, stdout: '' });
    expect(missing.stderr).toContain('Sinks could not be found: lib/x.ex');
  });

  it('writes dot that parses back to the same graph', () => {
    const dot = formatGraphOutput(graph, { format: 'dot' }).stdout;
    const parsed = parseXrefDot(dot);
    expect(parsed.graph.edges).toEqual(graph.edges);
    expect(parsed.roots).toEqual(['lib/a.ex', 'lib/b.ex', 'lib/c.ex']);
  });
});
