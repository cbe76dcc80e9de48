import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../shared/agent-protocol';
import { buildGroupTree, bundleId } from './graph-model';
import { highlightClasses, searchFiles, selectionFacts } from './graph-queries';

const graph: DependencyGraph = {
  nodes: [
    { id: 'lib/web/router.ex', modules: ['Web.Router'] },
    { id: 'lib/web/page.ex', modules: ['Web.Page'] },
    { id: 'lib/core/schema.ex', modules: ['Core.Schema'] },
    { id: 'lib/core/macros.ex', modules: ['Core.Macros'] },
  ],
  edges: [
    { from: 'lib/web/router.ex', to: 'lib/web/page.ex', label: 'runtime' },
    { from: 'lib/web/page.ex', to: 'lib/core/macros.ex', label: 'compile' },
    { from: 'lib/core/macros.ex', to: 'lib/core/schema.ex', label: 'runtime' },
  ],
};

describe('selectionFacts', () => {
  it('gives the blast radius of the last selected file and the path between two', () => {
    const facts = selectionFacts(graph, ['lib/web/router.ex', 'lib/core/schema.ex']);
    expect(facts.file).toBe('lib/core/schema.ex');
    // page.ex recompiles: it compiles against macros.ex, which calls schema.ex at run time.
    expect(facts.blast).toEqual(['lib/web/page.ex']);
    expect(facts.path?.edges?.map((e) => e.to)).toEqual([
      'lib/web/page.ex',
      'lib/core/macros.ex',
      'lib/core/schema.ex',
    ]);
    expect(facts.path?.reverse).toBeNull();
  });
});

describe('highlightClasses', () => {
  it('passes marks and path highlights of hidden files to their closed groups', () => {
    const tree = buildGroupTree(graph, 'folder');
    const expanded = new Set(['dir:lib', 'dir:lib/web']);
    const facts = selectionFacts(graph, ['lib/web/router.ex', 'lib/core/schema.ex']);
    const { classes, fade } = highlightClasses({
      tree,
      expanded,
      selection: ['lib/web/router.ex'],
      facts,
      cycle: null,
      cycleLabels: new Set(['compile', 'export', 'runtime']),
      graph,
      marks: { 'lib/core/macros.ex': 'recompiled' },
      match: null,
    });
    expect(fade).toBe(true);
    expect(classes.get('dir:lib/core')).toEqual(
      expect.arrayContaining(['mark-recompiled', 'path']),
    );
    expect(classes.get(bundleId('lib/web/page.ex', 'dir:lib/core'))).toEqual(['path']);
    expect(classes.get('lib/web/router.ex')).toEqual(['path', 'sel']);
  });
});

describe('searchFiles', () => {
  it('ranks file-name prefixes before path and module matches', () => {
    expect(searchFiles(graph, 'page')).toEqual(['lib/web/page.ex']);
    expect(searchFiles(graph, 'core')).toEqual(['lib/core/macros.ex', 'lib/core/schema.ex']);
    expect(searchFiles(graph, 'Web.Router')).toEqual(['lib/web/router.ex']);
  });
});
