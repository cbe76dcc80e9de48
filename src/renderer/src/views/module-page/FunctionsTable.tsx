/** The functions of one module: name/arity, kind, line, doc summary, spec. */
import { Fragment, useMemo, useState } from 'react';
import type { FunctionInfo } from '../../../../shared/agent-protocol';
import { docSummary } from '../../lib/format';
import { useAppStore } from '../../store/app-store';

const KIND_ORDER: Record<FunctionInfo['kind'], number> = {
  def: 0,
  defmacro: 1,
  defp: 2,
  defmacrop: 3,
};

/** The functions table, with a quick filter and private functions toggle. */
export function FunctionsTable({ mod }: { mod: string }) {
  const entry = useAppStore((s) => s.modules[mod]);
  const openSource = useAppStore((s) => s.openSource);
  const [query, setQuery] = useState('');
  const [showPrivate, setShowPrivate] = useState(true);
  const [expanded, setExpanded] = useState<string | null>(null);

  const functions = entry?.functions ?? null;
  const rows = useMemo(() => {
    if (!functions) return [];
    const q = query.trim().toLowerCase();
    return functions
      .filter((f) => showPrivate || f.kind === 'def' || f.kind === 'defmacro')
      .filter((f) => !q || `${f.name}/${f.arity}`.toLowerCase().includes(q))
      .sort(
        (a, b) =>
          KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
          (a.line ?? Infinity) - (b.line ?? Infinity) ||
          a.name.localeCompare(b.name) ||
          a.arity - b.arity,
      );
  }, [functions, query, showPrivate]);

  if (!entry) return null;
  const source = entry.source;
  return (
    <section className="functions" aria-label="Functions">
      <div className="section-head">
        <h2>
          Functions <span className="count">{functions ? functions.length : ''}</span>
        </h2>
        <input
          type="text"
          className="small-input"
          aria-label="Filter functions"
          placeholder="Filter functions"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={showPrivate}
            onChange={(event) => setShowPrivate(event.target.checked)}
          />
          private
        </label>
        {entry.fetch === 'loading' ? <span className="muted">loading…</span> : null}
      </div>
      {entry.fetch === 'error' ? (
        <div className="inline-error">Could not load functions: {entry.fetchError}</div>
      ) : null}
      {functions === null && entry.removed ? (
        <div className="muted pad">The module is no longer loaded.</div>
      ) : null}
      {functions !== null ? (
        <table className="grid" aria-label={`Functions of ${mod}`}>
          <thead>
            <tr>
              <th scope="col">Function</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Doc</th>
              <th scope="col">Spec</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const key = `${f.kind}:${f.name}/${f.arity}`;
              const open = expanded === key;
              return (
                <Fragment key={key}>
                  <tr className={`kind-${f.kind}${open ? ' open' : ''}`}>
                    <td className="mono fn-name">
                      <button
                        type="button"
                        className="fn-toggle"
                        aria-expanded={open}
                        title="Show the full doc and spec"
                        onClick={() => setExpanded(open ? null : key)}
                      >
                        {f.name}
                        <span className="arity">/{f.arity}</span>
                      </button>
                    </td>
                    <td>
                      <span className={`kind kind-${f.kind}`}>{f.kind}</span>
                    </td>
                    <td className="num mono">
                      {f.line !== null && source ? (
                        <button
                          type="button"
                          className="link"
                          aria-label={`Go to line ${f.line} of ${f.name}/${f.arity}`}
                          onClick={() => void openSource(source, f.line ?? undefined)}
                        >
                          {f.line}
                        </button>
                      ) : (
                        (f.line ?? '')
                      )}
                    </td>
                    <td className="doc" title={f.doc ?? undefined}>
                      {docSummary(f.doc)}
                    </td>
                    <td className="mono spec" title={f.spec ?? undefined}>
                      {f.spec ?? ''}
                    </td>
                  </tr>
                  {open ? (
                    <tr className="fn-details">
                      <td colSpan={5}>
                        {f.spec ? <pre className="mono spec">@spec {f.spec}</pre> : null}
                        <div className="doc-full">{f.doc ?? 'No documentation.'}</div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {functions !== null && rows.length === 0 ? (
        <div className="muted pad">No function matches.</div>
      ) : null}
    </section>
  );
}
