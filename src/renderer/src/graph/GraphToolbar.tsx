/** The explorer's toolbar: file search, label filters, grouping, scope and counts. */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DependencyGraph, EdgeLabel } from '../../../shared/agent-protocol';
import { EDGE_LOOK } from './cy-style';
import type { GroupMode } from './graph-model';
import { searchFiles } from './graph-queries';
import { ALL_LABELS, type GraphScope } from './graph-slice';

/** Toolbar props: state to show and the actions it triggers. */
export interface GraphToolbarProps {
  graph: DependencyGraph;
  labels: EdgeLabel[];
  mode: GroupMode;
  scope: GraphScope;
  scopeTitle: string;
  onToggleLabel: (label: EdgeLabel) => void;
  onMode: (mode: GroupMode) => void;
  onScope: (scope: GraphScope) => void;
  /** Selects and centres a file; `additive` keeps the previous file (a "why" path). */
  onFocus: (file: string, additive?: boolean) => void;
  onFit: () => void;
  onCollapseAll: () => void;
}

/** The toolbar above the canvas. */
export function GraphToolbar(props: GraphToolbarProps) {
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  // Closing on blur waits so a click on a match lands; typing or focusing again cancels it.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = (): void => {
    if (closeTimer.current !== null) clearTimeout(closeTimer.current);
    closeTimer.current = null;
    setOpen(true);
  };
  const matches = useMemo(() => searchFiles(props.graph, query), [props.graph, query]);

  const pick = (file: string | undefined, additive = false): void => {
    if (file === undefined) return;
    props.onFocus(file, additive);
    setOpen(false);
  };
  const onKey = (ev: KeyboardEvent<HTMLInputElement>): void => {
    if (ev.key === 'ArrowDown') {
      setCursor((c) => Math.min(matches.length - 1, c + 1));
      ev.preventDefault();
    } else if (ev.key === 'ArrowUp') {
      setCursor((c) => Math.max(0, c - 1));
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      pick(matches[cursor] ?? matches[0], ev.shiftKey);
    } else if (ev.key === 'Escape') {
      setOpen(false);
    }
  };
  const scopeValue =
    props.scope.kind === 'compile-connected'
      ? 'compile-connected'
      : props.scope.kind === 'all'
        ? 'all'
        : 'other';

  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph controls">
      <div className="graph-search">
        <input
          type="search"
          aria-label="Search files"
          placeholder="Search files…"
          title="Enter selects a file; Shift+Enter adds it to the selection (two files: why the first depends on the second)"
          value={query}
          role="combobox"
          aria-expanded={open && matches.length > 0}
          aria-controls="graph-search-results"
          onChange={(e) => {
            setQuery(e.target.value);
            setCursor(0);
            show();
          }}
          onFocus={show}
          onBlur={() => {
            closeTimer.current = setTimeout(() => setOpen(false), 150);
          }}
          onKeyDown={onKey}
        />
        {open && matches.length > 0 && (
          <ul id="graph-search-results" role="listbox" aria-label="Matching files">
            {matches.map((f, i) => (
              <li
                key={f}
                role="option"
                aria-selected={i === cursor}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(f, e.shiftKey);
                }}
              >
                {f}
              </li>
            ))}
          </ul>
        )}
      </div>
      <fieldset>
        <legend>Edges</legend>
        {ALL_LABELS.map((label) => {
          const look = EDGE_LOOK[label];
          return (
            <label key={label}>
              <input
                type="checkbox"
                checked={props.labels.includes(label)}
                onChange={() => props.onToggleLabel(label)}
              />
              <span
                className="swatch"
                aria-hidden="true"
                style={{
                  borderTopColor: look.colour,
                  borderTopStyle: look.line,
                  borderTopWidth: label === 'runtime' ? 2 : 3,
                }}
              />
              {look.name}
            </label>
          );
        })}
      </fieldset>
      <label>
        Group by
        <select value={props.mode} onChange={(e) => props.onMode(e.target.value as GroupMode)}>
          <option value="folder">Folder</option>
          <option value="namespace">Namespace</option>
        </select>
      </label>
      <label>
        Show
        <select
          aria-label="Show"
          value={scopeValue}
          onChange={(e) =>
            props.onScope(
              e.target.value === 'compile-connected'
                ? { kind: 'compile-connected' }
                : { kind: 'all' },
            )
          }
        >
          <option value="all">All files</option>
          <option value="compile-connected">Compile-connected</option>
          {scopeValue === 'other' && <option value="other">{props.scopeTitle}</option>}
        </select>
      </label>
      <button type="button" onClick={props.onFit}>
        Fit
      </button>
      <button type="button" onClick={props.onCollapseAll}>
        Collapse all
      </button>
    </div>
  );
}
