/** Groups modules by app then namespace and flattens the tree into rows for a virtual list. */
import type { ModuleEntry } from '../../store/module-entry';

/** One visible row of the module browser. */
export type TreeRow =
  | { kind: 'app'; key: string; label: string; level: 1; count: number; expanded: boolean }
  | {
      kind: 'namespace';
      key: string;
      label: string;
      level: 2;
      count: number;
      expanded: boolean;
      parentKey: string;
    }
  | { kind: 'module'; key: string; label: string; level: 2 | 3; mod: string; parentKey: string };

/** Label of the group holding modules whose app is unknown. */
export const NO_APP = '(no app)';

/** The namespace of a module: everything before its last segment (`''` for top level). */
export function namespaceOf(mod: string): string {
  const at = mod.lastIndexOf('.');
  return at === -1 ? '' : mod.slice(0, at);
}

/** True when every whitespace-separated term of `filter` occurs in the module name. */
export function matchesFilter(mod: string, filter: string): boolean {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const name = mod.toLowerCase();
  return terms.every((term) => name.includes(term));
}

/**
 * Builds the visible rows: apps (main app first), then per app its top-level modules and its
 * namespaces. While filtering, every group is shown expanded so matches are never hidden.
 */
export function buildTreeRows(
  modules: Iterable<ModuleEntry>,
  options: { filter: string; collapsed: Record<string, true>; mainApp: string | null },
): TreeRow[] {
  const byApp = new Map<string, Map<string, ModuleEntry[]>>();
  for (const entry of modules) {
    if (!matchesFilter(entry.mod, options.filter)) continue;
    const app = entry.app ?? NO_APP;
    let namespaces = byApp.get(app);
    if (!namespaces) byApp.set(app, (namespaces = new Map()));
    const ns = namespaceOf(entry.mod);
    const list = namespaces.get(ns);
    if (list) list.push(entry);
    else namespaces.set(ns, [entry]);
  }

  const filtering = options.filter.trim() !== '';
  const isOpen = (key: string): boolean => filtering || !(key in options.collapsed);
  const rank = (app: string): number => (app === options.mainApp ? 0 : app === NO_APP ? 2 : 1);
  const apps = [...byApp.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

  const rows: TreeRow[] = [];
  for (const app of apps) {
    const namespaces = byApp.get(app) ?? new Map<string, ModuleEntry[]>();
    const appKey = `app:${app}`;
    let count = 0;
    for (const list of namespaces.values()) count += list.length;
    const appOpen = isOpen(appKey);
    rows.push({ kind: 'app', key: appKey, label: app, level: 1, count, expanded: appOpen });
    if (!appOpen) continue;

    const byName = (a: ModuleEntry, b: ModuleEntry): number => a.mod.localeCompare(b.mod);
    // A top-level module that is also a namespace (`Shop` beside `Shop.Cart`) heads its group.
    const topLevel = (namespaces.get('') ?? []).filter((entry) => {
      const group = namespaces.get(entry.mod);
      if (!group) return true;
      group.push(entry);
      return false;
    });
    for (const entry of [...topLevel].sort(byName)) {
      rows.push({
        kind: 'module',
        key: `mod:${entry.mod}`,
        label: entry.mod,
        level: 2,
        mod: entry.mod,
        parentKey: appKey,
      });
    }
    const names = [...namespaces.keys()].filter((ns) => ns !== '').sort();
    for (const ns of names) {
      const list = [...(namespaces.get(ns) ?? [])].sort(
        (a, b) => Number(b.mod === ns) - Number(a.mod === ns) || byName(a, b),
      );
      const nsKey = `ns:${app}:${ns}`;
      const nsOpen = isOpen(nsKey);
      rows.push({
        kind: 'namespace',
        key: nsKey,
        label: ns,
        level: 2,
        count: list.length,
        expanded: nsOpen,
        parentKey: appKey,
      });
      if (!nsOpen) continue;
      for (const entry of list) {
        rows.push({
          kind: 'module',
          key: `mod:${entry.mod}`,
          label: entry.mod === ns ? ns : entry.mod.slice(ns.length + 1),
          level: 3,
          mod: entry.mod,
          parentKey: nsKey,
        });
      }
    }
  }
  return rows;
}
