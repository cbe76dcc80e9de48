/** Compile diagnostics grouped by file; a click opens the file at the diagnostic's line. */
import { useMemo } from 'react';
import type { Diagnostic } from '../../../../shared/agent-protocol';
import { useAppStore } from '../../store/app-store';
import { countFailures } from '../../store/failures';

const SEVERITY_RANK: Record<Diagnostic['severity'], number> = {
  error: 0,
  warning: 1,
  information: 2,
  hint: 3,
};

/** The Failures tab. */
export function FailuresPanel() {
  const failures = useAppStore((s) => s.failures);
  const modules = useAppStore((s) => s.modules);
  const openSource = useAppStore((s) => s.openSource);

  const files = useMemo(() => {
    const modsByFile = new Map<string, string[]>();
    for (const entry of Object.values(modules)) {
      if (entry.source === null) continue;
      const list = modsByFile.get(entry.source);
      if (list) list.push(entry.mod);
      else modsByFile.set(entry.source, [entry.mod]);
    }
    return Object.entries(failures)
      .map(([file, diagnostics]) => ({
        file,
        mods: modsByFile.get(file) ?? [],
        diagnostics: [...diagnostics].sort(
          (a, b) =>
            SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0),
        ),
        errors: diagnostics.filter((d) => d.severity === 'error').length,
      }))
      .sort(
        (a, b) => (b.errors > 0 ? 1 : 0) - (a.errors > 0 ? 1 : 0) || a.file.localeCompare(b.file),
      );
  }, [failures, modules]);
  const totals = countFailures(failures);

  if (files.length === 0) {
    return (
      <div className="placeholder ok-state">
        <p>
          <span className="ok-mark" aria-hidden="true">
            ✓
          </span>{' '}
          No compile failures.
        </p>
        <p className="hint">Diagnostics appear here when a save or compile fails.</p>
      </div>
    );
  }
  return (
    <section className="failures" aria-label="Compile failures">
      <div className="section-head">
        <h2>
          {totals.errors} error{totals.errors === 1 ? '' : 's'}
          {totals.warnings > 0
            ? `, ${totals.warnings} warning${totals.warnings === 1 ? '' : 's'}`
            : ''}{' '}
          in {files.length} file{files.length === 1 ? '' : 's'}
        </h2>
      </div>
      {files.map(({ file, mods, diagnostics }) => (
        <section key={file} className="failure-file" aria-label={file || 'Project'}>
          <h3 className="mono">
            {file || '(no file)'}
            {mods.length > 0 ? <span className="muted"> · {mods.join(', ')}</span> : null}
          </h3>
          <ul>
            {diagnostics.map((d, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`diagnostic sev-${d.severity}`}
                  disabled={!file}
                  onClick={() => void openSource(file, d.line ?? undefined)}
                  aria-label={`${d.severity} at ${file}:${d.line ?? '?'}: ${firstLine(d.message)}`}
                >
                  <span className={`sev sev-${d.severity}`}>{d.severity}</span>
                  <span className="mono loc">
                    {d.line ?? '?'}
                    {d.column ? `:${d.column}` : ''}
                  </span>
                  <span className="msg mono">{d.message}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
