import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../shared/agent-protocol';
import {
  autoExpand,
  buildGroupTree,
  bundleId,
  representativeOf,
  visibleElements,
} from './graph-model';

const graph: DependencyGraph = {
  nodes: [
    { id: 'lib/app/accounts/user.ex', modules: ['App.Accounts.User'] },
    { id: 'lib/app/accounts/team.ex', modules: ['App.Accounts.Team'] },
    { id: 'lib/app/billing/invoice.ex', modules: ['App.Billing.Invoice'] },
    { id: 'lib/app/billing/tax/rate.ex', modules: ['App.Billing.Tax.Rate'] },
    { id: 'lib/app/macros.ex', modules: ['App.Macros'] },
    { id: 'mix.exs', modules: ['App.MixProject'] },
  ],
  edges: [
    { from: 'lib/app/billing/invoice.ex', to: 'lib/app/accounts/user.ex', label: 'runtime' },
    { from: 'lib/app/billing/invoice.ex', to: 'lib/app/accounts/team.ex', label: 'export' },
    { from: 'lib/app/billing/tax/rate.ex', to: 'lib/app/accounts/user.ex', label: 'runtime' },
    { from: 'lib/app/accounts/user.ex', to: 'lib/app/macros.ex', label: 'compile' },
    { from: 'lib/app/accounts/user.ex', to: 'lib/app/accounts/team.ex', label: 'runtime' },
  ],
};
const all = new Set(['compile', 'export', 'runtime'] as const);

describe('buildGroupTree', () => {
  it('groups by folder and folds single-child chains into one group', () => {
    const tree = buildGroupTree(graph, 'folder');
    expect(tree.roots).toEqual(['dir:lib']);
    const root = tree.groups.get('dir:lib');
    expect(root?.label).toBe('lib/app');
    expect(root?.files).toEqual(['lib/app/macros.ex']);
    expect(root?.groups).toEqual(['dir:lib/app/accounts', 'dir:lib/app/billing']);
    expect(root?.fileCount).toBe(5);
    expect(tree.rootFiles).toEqual(['mix.exs']);
    expect(tree.fileGroup.get('lib/app/billing/tax/rate.ex')).toBe('dir:lib/app/billing/tax');
  });

  it('groups by module namespace', () => {
    const tree = buildGroupTree(graph, 'namespace');
    expect(tree.fileGroup.get('lib/app/billing/tax/rate.ex')).toBe('ns:App.Billing.Tax');
    expect(tree.fileGroup.get('lib/app/macros.ex')).toBe('ns:App');
    expect(tree.groups.get('ns:App')?.fileCount).toBe(6);
  });
});

describe('visibleElements', () => {
  const tree = buildGroupTree(graph, 'folder');

  it('bundles edges between collapsed groups with per-label counts and the strongest label', () => {
    const view = visibleElements(graph, tree, { expanded: new Set(['dir:lib']), labels: all });
    const ids = view.nodes.map((n) => n.id).sort();
    expect(ids).toEqual([
      'dir:lib',
      'dir:lib/app/accounts',
      'dir:lib/app/billing',
      'lib/app/macros.ex',
      'mix.exs',
    ]);
    const bundle = view.edges.find(
      (e) => e.id === bundleId('dir:lib/app/billing', 'dir:lib/app/accounts'),
    );
    expect(bundle).toMatchObject({
      count: 3,
      label: 'export',
      counts: { compile: 0, export: 1, runtime: 2 },
    });
    // Edges inside one collapsed group are not drawn.
    expect(view.edges.some((e) => e.source === e.target)).toBe(false);
    expect(view.edges.find((e) => e.target === 'lib/app/macros.ex')?.label).toBe('compile');
  });

  it('drops edges whose label is filtered out and restricts to included files', () => {
    const expanded = new Set(tree.groups.keys());
    const onlyCompile = visibleElements(graph, tree, { expanded, labels: new Set(['compile']) });
    expect(onlyCompile.edges.map((e) => e.label)).toEqual(['compile']);
    const include = new Set(['lib/app/accounts/user.ex', 'lib/app/macros.ex']);
    const scoped = visibleElements(graph, tree, { expanded, labels: all, include });
    expect(
      scoped.nodes
        .filter((n) => n.kind === 'file')
        .map((n) => n.id)
        .sort(),
    ).toEqual([...include].sort());
    expect(scoped.nodes.find((n) => n.id === 'dir:lib')?.count).toBe(2);
    expect(scoped.nodes.some((n) => n.id === 'dir:lib/app/billing')).toBe(false);
  });

  it('maps a hidden file to its outermost closed group', () => {
    expect(representativeOf(tree, new Set(), 'lib/app/billing/tax/rate.ex')).toBe('dir:lib');
    expect(representativeOf(tree, new Set(['dir:lib']), 'lib/app/billing/tax/rate.ex')).toBe(
      'dir:lib/app/billing',
    );
    expect(representativeOf(tree, new Set(tree.groups.keys()), 'mix.exs')).toBe('mix.exs');
  });
});

describe('autoExpand', () => {
  it('opens whole levels while they fit the budget', () => {
    const tree = buildGroupTree(graph, 'folder');
    expect([...autoExpand(tree, 6)]).toEqual(['dir:lib']);
    expect([...autoExpand(tree, 100)].sort()).toEqual([...tree.groups.keys()].sort());
  });
});

describe('wide groups', () => {
  it('splits a folder with very many sub-folders into ranges, in natural order', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => ({
      id: `lib/app/ns${i}/mod.ex`,
      modules: [`App.Ns${i}.Mod`],
    }));
    const tree = buildGroupTree({ nodes, edges: [] }, 'folder');
    const root = tree.groups.get('dir:lib');
    expect(root?.groups.length).toBeLessThanOrEqual(20);
    const first = tree.groups.get(root?.groups[0] ?? '');
    expect(first?.label).toBe('ns0 … ns7');
    expect(first?.groups.slice(0, 3)).toEqual([
      'dir:lib/app/ns0',
      'dir:lib/app/ns1',
      'dir:lib/app/ns2',
    ]);
    expect(representativeOf(tree, new Set(['dir:lib']), 'lib/app/ns9/mod.ex')).toBe(
      root?.groups[1],
    );
    expect(root?.fileCount).toBe(150);
  });
});
