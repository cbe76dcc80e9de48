/** The reasons behind one edge of a "why" path, from its source file's `mix xref trace`. */
import type { GraphEdge, TraceEntry } from '../../../shared/agent-protocol';
import type { TraceState } from './graph-slice';

/** Trace reasons props. */
export interface TraceReasonsProps {
  edge: GraphEdge;
  /** The trace of `edge.from`; undefined until it is asked for. */
  trace: TraceState | undefined;
  onRetry: (file: string) => void;
  /** Opens a file at a line in the Source tab; absent where there is no editor (the bench). */
  onOpenSource?: (file: string, line: number | null) => void;
}

const REASON_CAP = 20;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** What an error code means to someone reading the path. */
function errorText(code: string, message: string): string {
  switch (code) {
    case 'trace_unavailable':
      return `No reasons for now: ${message}`;
    case 'compile_failed':
      return `No reasons while the file does not compile: ${message}`;
    case 'not_found':
      return `The file is gone: ${message}`;
    default:
      return `No reasons: ${message}`;
  }
}

function where(entry: TraceEntry, file = entry.file): string {
  return entry.line === null ? file : `${file}:${entry.line}`;
}

function entryKey(e: TraceEntry): string {
  return `${e.file}:${e.line ?? ''}:${e.reason}:${e.label}:${e.target ?? e.mod}`;
}

/** The references to `to`, once each: a line that both requires and uses a module lists twice. */
function reasonsFor(entries: readonly TraceEntry[], to: string): TraceEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (e.to !== to) return false;
    const key = entryKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The list of references `edge.from` makes to `edge.to`, each opening its line. */
export function TraceReasons({ edge, trace, onRetry, onOpenSource }: TraceReasonsProps) {
  if (trace === undefined || trace.status === 'loading') {
    return <div className="muted trace-status">Tracing {edge.from}…</div>;
  }
  if (trace.status === 'error') {
    return (
      <div className="trace-status trace-error" data-testid="trace-error" data-code={trace.code}>
        {errorText(trace.code, trace.message)}{' '}
        <button type="button" className="linkish" onClick={() => onRetry(edge.from)}>
          Try again
        </button>
      </div>
    );
  }
  const entries = reasonsFor(trace.entries, edge.to);
  if (entries.length === 0) {
    // The graph comes from the last compile's manifest, the trace from the file as it is now:
    // between an edit and its compile they can disagree.
    return <div className="muted trace-status">No reference to it in the file as it is now.</div>;
  }
  return (
    <ul className="trace-reasons" aria-label={`Reasons ${edge.from} → ${edge.to}`}>
      {entries.slice(0, REASON_CAP).map((e) => (
        <li
          key={entryKey(e)}
          data-testid="trace-reason"
          data-reason={e.reason}
          data-label={e.label}
        >
          <span className={`reason-tag reason-${e.label}`}>{e.reason}</span>{' '}
          <code className="trace-target">{e.target ?? e.mod}</code>{' '}
          {onOpenSource ? (
            <button
              type="button"
              className="linkish trace-where"
              title={`Open ${where(e)} in the Source tab`}
              onClick={() => onOpenSource(e.file, e.line)}
            >
              {where(e, baseName(e.file))}
            </button>
          ) : (
            <span className="muted trace-where" title={where(e)}>
              {where(e, baseName(e.file))}
            </span>
          )}
        </li>
      ))}
      {entries.length > REASON_CAP && (
        <li className="muted">… and {entries.length - REASON_CAP} more</li>
      )}
    </ul>
  );
}
