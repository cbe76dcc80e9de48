/** One row of the module tree: a group header or a module with its badges. */
import { memo } from 'react';
import { useAppStore } from '../../store/app-store';
import { hasError } from '../../store/failures';
import { isStale } from '../../store/module-entry';
import type { TreeRow } from './module-tree';

interface Props {
  id: string;
  row: TreeRow;
  cursor: boolean;
  selected: boolean;
  onActivate: (row: TreeRow) => void;
}

/** A tree row; module rows subscribe to their own entry so a batch re-renders only them. */
export const ModuleRow = memo(function ModuleRow({ id, row, cursor, selected, onActivate }: Props) {
  const className = `tree-row level-${row.level}${cursor ? ' cursor' : ''}${selected ? ' selected' : ''}`;
  if (row.kind !== 'module') {
    return (
      <div
        id={id}
        className={`${className} group`}
        role="treeitem"
        aria-level={row.level}
        aria-expanded={row.expanded}
        aria-label={`${row.label} ${row.kind === 'app' ? 'app' : 'namespace'}, ${row.count} modules`}
        onClick={() => onActivate(row)}
      >
        <span className={`chevron${row.expanded ? ' open' : ''}`} aria-hidden="true" />
        <span className="tree-label">{row.label}</span>
        <span className="tree-count">{row.count}</span>
      </div>
    );
  }
  return (
    <div
      id={id}
      className={className}
      role="treeitem"
      aria-level={row.level}
      aria-selected={selected}
      aria-label={row.mod}
      title={row.mod}
      onClick={() => onActivate(row)}
    >
      <span className="tree-label mono">{row.label}</span>
      <ModuleBadges mod={row.mod} />
    </div>
  );
});

/** Badges for failed / stale / removed modules, shared by the tree and the module page. */
export function ModuleBadges({ mod }: { mod: string }) {
  const entry = useAppStore((s) => s.modules[mod]);
  const failed = useAppStore((s) => {
    const source = s.modules[mod]?.source;
    return mod in s.failedModules || (source != null && hasError(s.failures[source]));
  });
  if (!entry) return null;
  return (
    <span className="badges">
      {failed ? (
        <span className="badge badge-failed" title="Its source file has compile errors">
          failed
        </span>
      ) : null}
      {isStale(entry) && !entry.removed ? (
        <span
          className="badge badge-stale"
          title={
            entry.diskStale
              ? 'Loaded code differs from the code on disk'
              : 'Recompiled as a dependent; details refresh when shown'
          }
        >
          stale
        </span>
      ) : null}
      {entry.removed ? (
        <span className="badge badge-removed" title="Purged, or its source file was deleted">
          removed
        </span>
      ) : null}
    </span>
  );
}
