/** The explorer's side pane: legend, the selection's blast radius and neighbourhood, the "why"
 * path between two files, cycles and live changes. */
import type { DependencyGraph, GraphEdge } from '../../../shared/agent-protocol';
import { EDGE_LOOK, MARK_COLOUR } from './cy-style';
import { isGroupId, type GroupTree } from './graph-model';
import { formatCount, type SelectionFacts } from './graph-queries';
import {
  ALL_LABELS,
  type GraphScope,
  type NeighbourDirection,
  type TraceState,
} from './graph-slice';
import type { LiveMark } from './live-marks';
import { TraceReasons } from './TraceReasons';

/** Side pane props. */
export interface GraphDetailsProps {
  graph: DependencyGraph;
  tree: GroupTree;
  selection: string[];
  facts: SelectionFacts;
  expanded: ReadonlySet<string>;
  cycles: string[][];
  cycle: number | null;
  marks: Record<string, LiveMark>;
  direction: NeighbourDirection;
  depth: number;
  scope: GraphScope;
  /** Traces of the files the "why" path starts edges from. */
  traces: Record<string, TraceState>;
  onFocus: (id: string) => void;
  onToggleGroup: (id: string) => void;
  onScope: (scope: GraphScope) => void;
  onNeighbourhood: (direction: NeighbourDirection, depth: number) => void;
  onCycle: (index: number | null) => void;
  onClearMarks: () => void;
  onRetryTrace: (file: string) => void;
  /** Opens a file at a line in the Source tab, where the app has one. */
  onOpenSource?: (file: string, line: number | null) => void;
}

const LIST_CAP = 200;

function FileList({ files, onFocus }: { files: string[]; onFocus: (id: string) => void }) {
  return (
    <ul>
      {files.slice(0, LIST_CAP).map((f) => (
        <li key={f}>
          <button type="button" className="linkish" title={f} onClick={() => onFocus(f)}>
            {f}
          </button>
        </li>
      ))}
      {files.length > LIST_CAP && (
        <li className="muted">… and {formatCount(files.length - LIST_CAP)} more</li>
      )}
    </ul>
  );
}

interface EdgeRowProps {
  edge: GraphEdge;
  trace: TraceState | undefined;
  onRetryTrace: (file: string) => void;
  onOpenSource?: (file: string, line: number | null) => void;
}

function EdgeRow({ edge, trace, onRetryTrace, onOpenSource }: EdgeRowProps) {
  const look = EDGE_LOOK[edge.label];
  return (
    <li className="path-edge" data-testid="path-edge">
      <span className="label-tag" style={{ background: look.colour }}>
        {edge.label}
      </span>
      <span title={`${edge.from} → ${edge.to}`}>
        {baseName(edge.from)} → {baseName(edge.to)}
      </span>
      <TraceReasons
        edge={edge}
        trace={trace}
        onRetry={onRetryTrace}
        {...(onOpenSource ? { onOpenSource } : {})}
      />
    </li>
  );
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The side pane. */
export function GraphDetails(props: GraphDetailsProps) {
  const { facts, tree } = props;
  const selected = props.selection[props.selection.length - 1] ?? null;
  const group = selected !== null && isGroupId(selected) ? tree.groups.get(selected) : undefined;
  const node = facts.file !== null ? props.graph.nodes.find((n) => n.id === facts.file) : undefined;
  const marked = Object.entries(props.marks);
  const rowProps = (e: GraphEdge): Omit<EdgeRowProps, 'edge'> => ({
    trace: props.traces[e.from],
    onRetryTrace: props.onRetryTrace,
    ...(props.onOpenSource ? { onOpenSource: props.onOpenSource } : {}),
  });

  return (
    <aside className="graph-details" aria-label="Graph details">
      <h3>Legend</h3>
      {ALL_LABELS.map((l) => (
        <div className="legend-row" key={l}>
          <span
            className="swatch"
            style={{
              borderTopColor: EDGE_LOOK[l].colour,
              borderTopStyle: EDGE_LOOK[l].line,
              borderTopWidth: l === 'runtime' ? 2 : 3,
            }}
          />
          {EDGE_LOOK[l].name}
          <span className="muted">
            {l === 'compile'
              ? 'recompiles with'
              : l === 'export'
                ? 'uses structs/exports'
                : 'calls at run time'}
          </span>
        </div>
      ))}
      <div className="legend-row">
        <span className="dot" style={{ background: MARK_COLOUR.recompiled }} /> recompiled
        <span className="dot" style={{ background: MARK_COLOUR.failed }} /> failed
        <span className="dot" style={{ background: MARK_COLOUR.removed }} /> removed
      </div>

      {selected === null && (
        <p className="muted">
          Click a file or a group. Double-click a group (or press Enter) to open it. Shift-click a
          second file (or pick it with Shift+Enter in the search) to see why the first depends on
          it, with the references behind each link.
        </p>
      )}

      {group && (
        <section aria-label="Selected group">
          <h3>Group</h3>
          <div className="file-title">{group.label}</div>
          <div className="muted">{formatCount(group.fileCount)} files</div>
          <div className="row">
            <button type="button" onClick={() => props.onToggleGroup(group.id)}>
              {props.expanded.has(group.id) ? 'Close group' : 'Open group'}
            </button>
          </div>
        </section>
      )}

      {facts.file !== null && (
        <section aria-label="Selected file">
          <h3>File</h3>
          <div className="file-title" data-testid="selected-file">
            {facts.file}
          </div>
          {node && node.modules.length > 0 && (
            <div className="muted">{node.modules.join(', ')}</div>
          )}
          <h3>Blast radius</h3>
          <div>
            <span className="big" data-testid="blast-radius-count">
              {(facts.blast ?? []).length}
            </span>{' '}
            file{(facts.blast ?? []).length === 1 ? '' : 's'} recompile if it changes
          </div>
          <div className="row">
            <button
              type="button"
              disabled={(facts.blast ?? []).length === 0}
              onClick={() => props.onScope({ kind: 'blast-radius', file: facts.file as string })}
            >
              Show only these
            </button>
          </div>
          <FileList files={facts.blast ?? []} onFocus={props.onFocus} />
          <h3>Neighbourhood</h3>
          <div className="row">
            <select
              aria-label="Direction"
              value={props.direction}
              onChange={(e) =>
                props.onNeighbourhood(e.target.value as NeighbourDirection, props.depth)
              }
            >
              <option value="out">Depends on</option>
              <option value="in">Depended by</option>
              <option value="both">Both</option>
            </select>
            <select
              aria-label="Depth"
              value={props.depth}
              onChange={(e) => props.onNeighbourhood(props.direction, Number(e.target.value))}
            >
              {[1, 2, 3, 4, 5].map((d) => (
                <option key={d} value={d}>
                  depth {d}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() =>
                props.onScope({
                  kind: 'neighbourhood',
                  file: facts.file as string,
                  direction: props.direction,
                  depth: props.depth,
                })
              }
            >
              Show neighbourhood
            </button>
          </div>
        </section>
      )}

      {facts.path && (
        <section aria-label="Why path">
          <h3>Why</h3>
          <div>
            Why does <b>{baseName(facts.path.from)}</b> depend on <b>{baseName(facts.path.to)}</b>?
          </div>
          {facts.path.edges ? (
            <ul data-testid="why-path">
              {facts.path.edges.map((e) => (
                <EdgeRow key={`${e.from}>${e.to}:${e.label}`} edge={e} {...rowProps(e)} />
              ))}
            </ul>
          ) : (
            <p className="muted">
              It does not.
              {facts.path.reverse ? ' The reverse holds:' : ''}
            </p>
          )}
          {facts.path.reverse && (
            <ul data-testid="why-path-reverse">
              {facts.path.reverse.map((e) => (
                <EdgeRow key={`${e.from}>${e.to}:${e.label}`} edge={e} {...rowProps(e)} />
              ))}
            </ul>
          )}
          <div className="row">
            <button
              type="button"
              onClick={() =>
                props.onScope({
                  kind: 'path',
                  from: facts.path?.from ?? '',
                  to: facts.path?.to ?? '',
                })
              }
            >
              Show only the path
            </button>
          </div>
        </section>
      )}

      <h3>Cycles ({props.cycles.length})</h3>
      {props.cycles.length === 0 && <p className="muted">No strongly connected components.</p>}
      <ul aria-label="Strongly connected components">
        {props.cycles.slice(0, 50).map((c, i) => (
          <li key={c.join('|')}>
            <button
              type="button"
              className="linkish"
              aria-pressed={props.cycle === i}
              title={c.join('\n')}
              onClick={() => props.onCycle(props.cycle === i ? null : i)}
            >
              {props.cycle === i ? '● ' : ''}
              {c.length} files: {c.slice(0, 3).map(baseName).join(', ')}
              {c.length > 3 ? '…' : ''}
            </button>
          </li>
        ))}
      </ul>
      {props.cycle !== null && (
        <div className="row">
          <button
            type="button"
            onClick={() =>
              props.onScope({
                kind: 'cycle',
                index: props.cycle ?? 0,
                files: props.cycles[props.cycle ?? 0] ?? [],
              })
            }
          >
            Show only this cycle
          </button>
        </div>
      )}

      {marked.length > 0 && (
        <section aria-label="Live changes">
          <h3>Live</h3>
          <ul data-testid="live-marks">
            {marked.slice(0, LIST_CAP).map(([f, m]) => (
              <li key={f} data-mark={m}>
                <span className="dot" style={{ background: MARK_COLOUR[m] }} />{' '}
                <button type="button" className="linkish" onClick={() => props.onFocus(f)}>
                  {baseName(f)}
                </button>{' '}
                <span className="muted">{m}</span>
              </li>
            ))}
          </ul>
          <div className="row">
            <button type="button" onClick={props.onClearMarks}>
              Clear marks
            </button>
          </div>
        </section>
      )}
    </aside>
  );
}
