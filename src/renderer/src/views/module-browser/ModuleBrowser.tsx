/** The left pane: every module grouped by app and namespace, filter-as-you-type, keyboard nav. */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import { useVirtualRows } from '../../lib/useVirtualRows';
import { VirtualWindow } from '../../lib/VirtualWindow';
import { buildTreeRows, type TreeRow } from './module-tree';
import { ModuleRow } from './ModuleRow';

const ROW_HEIGHT = 24;

/** The module browser pane. */
export function ModuleBrowser({ width }: { width: number }) {
  const modules = useAppStore((s) => s.modules);
  const filter = useAppStore((s) => s.moduleFilter);
  const collapsed = useAppStore((s) => s.collapsedGroups);
  const mainApp = useAppStore((s) => s.vm?.app ?? s.project?.name ?? null);
  const selected = useAppStore((s) => s.selectedModule);
  const loading = useAppStore((s) => s.modulesLoading);
  const error = useAppStore((s) => s.modulesError);
  const focusRequest = useAppStore((s) => s.filterFocusRequest);
  const setFilter = useAppStore((s) => s.setModuleFilter);
  const toggleGroup = useAppStore((s) => s.toggleGroup);
  const openModule = useAppStore((s) => s.openModule);

  const rows = useMemo(
    () => buildTreeRows(Object.values(modules), { filter, collapsed, mainApp }),
    [modules, filter, collapsed, mainApp],
  );
  const moduleCount = useMemo(() => Object.keys(modules).length, [modules]);
  const shownCount = useMemo(() => rows.filter((r) => r.kind === 'module').length, [rows]);

  const [cursorKey, setCursorKey] = useState<string | null>(null);
  const cursorIndex = useMemo(() => {
    const wanted = cursorKey ?? (selected ? `mod:${selected}` : null);
    const index = wanted ? rows.findIndex((r) => r.key === wanted) : -1;
    return index;
  }, [rows, cursorKey, selected]);

  const { containerRef, onScroll, start, end, totalHeight, offsetTop, scrollIntoView } =
    useVirtualRows(rows.length, ROW_HEIGHT);
  const filterRef = useRef<HTMLInputElement>(null);
  const treeRef = containerRef;

  useEffect(() => {
    if (focusRequest === 0) return;
    filterRef.current?.focus();
    filterRef.current?.select();
  }, [focusRequest]);

  // A module opened elsewhere (event log, failures) is scrolled into view once.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || scrolledTo.current === selected) return;
    const index = rows.findIndex((r) => r.key === `mod:${selected}`);
    if (index !== -1) {
      scrollIntoView(index);
      scrolledTo.current = selected;
    }
  }, [selected, rows, scrollIntoView]);

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setCursorKey(row.key);
    scrollIntoView(rows.indexOf(row));
  };

  const activate = (row: TreeRow): void => {
    setCursorKey(row.key);
    if (row.kind === 'module') openModule(row.mod);
    else toggleGroup(row.key);
  };

  const onTreeKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const row = rows[cursorIndex];
    const handled = (): void => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        handled();
        moveTo(cursorIndex + 1);
        break;
      case 'ArrowUp':
        handled();
        if (cursorIndex <= 0) filterRef.current?.focus();
        else moveTo(cursorIndex - 1);
        break;
      case 'Home':
        handled();
        moveTo(0);
        break;
      case 'End':
        handled();
        moveTo(rows.length - 1);
        break;
      case 'PageDown':
        handled();
        moveTo(cursorIndex + 15);
        break;
      case 'PageUp':
        handled();
        moveTo(cursorIndex - 15);
        break;
      case 'ArrowRight':
        handled();
        if (row && row.kind !== 'module' && !row.expanded) toggleGroup(row.key, false);
        else moveTo(cursorIndex + 1);
        break;
      case 'ArrowLeft':
        handled();
        if (row && row.kind !== 'module' && row.expanded) toggleGroup(row.key, true);
        else if (row && row.kind !== 'app') {
          const parent = rows.findIndex((r) => r.key === row.parentKey);
          if (parent !== -1) moveTo(parent);
        }
        break;
      case 'Enter':
      case ' ':
        handled();
        if (row) activate(row);
        break;
      default:
        break;
    }
  };

  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      treeRef.current?.focus();
      moveTo(rows.findIndex((r) => r.kind === 'module'));
    } else if (event.key === 'Enter') {
      const first = rows.find((r) => r.kind === 'module');
      if (first && first.kind === 'module') openModule(first.mod);
    } else if (event.key === 'Escape') {
      setFilter('');
    }
  };

  const activeRow = rows[cursorIndex];
  return (
    <nav className="browser" aria-label="Modules" style={{ width }}>
      <div className="browser-head">
        <input
          ref={filterRef}
          className="filter-input"
          type="text"
          aria-label="Filter modules"
          placeholder="Filter modules   Ctrl+K"
          value={filter}
          spellCheck={false}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKey}
        />
        <div className="browser-count" aria-live="polite">
          {filter ? `${shownCount} of ${moduleCount}` : `${moduleCount} modules`}
          {loading ? ' · loading…' : ''}
        </div>
      </div>
      {error ? <div className="browser-error">{error}</div> : null}
      <div
        ref={treeRef}
        className="tree"
        role="tree"
        aria-label="Module tree"
        tabIndex={0}
        aria-activedescendant={activeRow ? rowId(activeRow) : undefined}
        onScroll={onScroll}
        onKeyDown={onTreeKey}
        onFocus={() => {
          // Never scroll here: a mouse press focuses the tree before its click lands, and
          // moving the rows under the pointer would swallow that click.
          const firstVisible = rows[start];
          if (cursorIndex === -1 && firstVisible) setCursorKey(firstVisible.key);
        }}
      >
        <VirtualWindow totalHeight={totalHeight} offsetTop={offsetTop}>
          {rows.slice(start, end).map((row, i) => (
            <ModuleRow
              key={row.key}
              id={rowId(row)}
              row={row}
              cursor={start + i === cursorIndex}
              selected={row.kind === 'module' && row.mod === selected}
              onActivate={activate}
            />
          ))}
        </VirtualWindow>
        {rows.length === 0 && !loading ? (
          <div className="empty">{filter ? 'No module matches.' : 'No modules loaded.'}</div>
        ) : null}
      </div>
    </nav>
  );
}

function rowId(row: TreeRow): string {
  return `tree-${row.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
