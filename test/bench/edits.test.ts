/**
 * How the bench picks and edits its files: Mix 1.14's recompile rule read off a file graph,
 * the leaf (nobody references it), the macro module (median number of files recompiled).
 */
import { describe, expect, it } from 'vitest';
import { compileClosure, incoming, pickLeaf, pickMacro } from '../../bench/lib/edits';
import type { DependencyGraph, EdgeLabel } from '../../src/shared/agent-protocol';

const node = (id: string): DependencyGraph['nodes'][number] => ({
  id,
  modules: [id.replace(/^lib\//, '').replace(/\.ex$/, '')],
});
const edge = (from: string, to: string, label: EdgeLabel): DependencyGraph['edges'][number] => ({
  from,
  to,
  label,
});

const M = (k: number): string => `lib/bench_app/macros/macro${k}.ex`;
const F = (i: number): string => `lib/bench_app/ns0/mod${i}.ex`;

// macro0: used by mod1 and mod2 at compile time; mod3 calls mod1 at runtime and mod4 uses mod3
// in its body (compile), so mod4 recompiles too; mod5 has a struct (export) edge onto mod2 and
// mod6 uses mod5 at compile time. macro1: used by mod7 only. mod8: referenced by nobody.
const graph: DependencyGraph = {
  nodes: [M(0), M(1), M(2), ...[1, 2, 3, 4, 5, 6, 7, 8].map(F)].map(node),
  edges: [
    edge(F(1), M(0), 'compile'),
    edge(F(2), M(0), 'compile'),
    edge(F(3), F(1), 'runtime'),
    edge(F(4), F(3), 'compile'),
    edge(F(5), F(2), 'export'),
    edge(F(6), F(5), 'compile'),
    edge(F(7), M(1), 'compile'),
    edge(F(8), F(7), 'runtime'),
    edge(F(7), F(8), 'runtime'),
  ],
};

describe('compileClosure', () => {
  it('follows compile edges and staleness through runtime and export references', () => {
    const files = compileClosure(incoming(graph), M(0)).sort();
    expect(files).toEqual([F(1), F(2), F(4), F(6)].sort());
  });

  it('recompiles nothing for a file only called at runtime', () => {
    expect(compileClosure(incoming(graph), F(7))).toEqual([]);
  });
});

describe('picking the edited files', () => {
  it('takes the highest-numbered module nobody references as the leaf', () => {
    const leaf = pickLeaf(graph);
    expect(leaf.path).toBe(F(6));
    expect(leaf.mod).toBe('bench_app/ns0/mod6');
  });

  it('takes the macro module with the median number of recompiled files', () => {
    // macro2: 0 files, macro1: 1, macro0: 4 → the median of three is macro1.
    const macro = pickMacro(graph);
    expect(macro.path).toBe(M(1));
    expect(macro.compileDependents).toEqual([F(7)]);
  });

  it('makes a different edit per trial, keeping the rest of the file', () => {
    const source = 'defmodule A do\n  def value(x), do: x + 7\nend\n';
    const leaf = pickLeaf(graph);
    expect(leaf.edit(source, 12)).toBe('defmodule A do\n  def value(x), do: x + 7 + 12\nend\n');
    expect(leaf.edit(source, 13)).not.toBe(leaf.edit(source, 12));
    expect(() => leaf.edit('defmodule A do\nend\n', 1)).toThrow(/no value\/1/);
    const macroSource = '  @doc "Doubles a value at the call site."\n';
    expect(pickMacro(graph).edit(macroSource, 5)).toBe(
      '  @doc "Doubles a value at the call site (rev 5)."\n',
    );
  });
});
