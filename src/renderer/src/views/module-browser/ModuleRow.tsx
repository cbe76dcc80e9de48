/** One row of the module tree: a group header or a module with its badges. */
import { memo } from 'react';
import { ModuleBadges } from './ModuleBadges';
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
