/** The module page: facts about one module, its functions, and Reload / Purge / Open in editor. */
import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store';
import { shortHash } from '../../lib/format';
import { ModuleBadges } from '../module-browser/ModuleBadges';
import { FunctionsTable } from './FunctionsTable';
import { ModuleActivity } from './ModuleActivity';

/** The page of the selected module (or a hint when none is selected). */
export function ModulePage() {
  const mod = useAppStore((s) => s.selectedModule);
  const entry = useAppStore((s) => (mod ? s.modules[mod] : undefined));
  const busy = useAppStore((s) => s.busyModule !== null && s.busyModule === mod);
  const ensureFunctions = useAppStore((s) => s.ensureFunctions);
  const reloadModule = useAppStore((s) => s.reloadModule);
  const purgeModule = useAppStore((s) => s.purgeModule);
  const openInEditor = useAppStore((s) => s.openInEditor);
  const openSource = useAppStore((s) => s.openSource);

  const needsFetch =
    entry !== undefined && !entry.removed && (entry.functions === null || entry.needsRefetch);
  useEffect(() => {
    // Only a module that is shown and out of date is fetched; inline payloads never get here.
    if (mod && needsFetch) void ensureFunctions(mod);
  }, [mod, needsFetch, ensureFunctions]);

  if (!mod || !entry) {
    return (
      <div className="placeholder">
        <p>Select a module in the browser to see its functions.</p>
        <p className="hint">
          <kbd>Ctrl</kbd>+<kbd>K</kbd> filter modules · <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Enter</kbd> open
        </p>
      </div>
    );
  }

  const source = entry.source;
  return (
    <section className="module-page" aria-label={`Module ${mod}`}>
      <header className="page-head">
        <div className="page-title">
          <h1 className="mono">{mod}</h1>
          <ModuleBadges mod={mod} />
        </div>
        <div className="toolbar">
          <button type="button" onClick={() => void reloadModule(mod)} disabled={busy || !source}>
            Reload
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => void purgeModule(mod)}
            disabled={busy || entry.removed}
          >
            Purge
          </button>
          <button
            type="button"
            onClick={() => source && void openSource(source)}
            disabled={!source}
            title="Edit the source here (Ctrl+2)"
          >
            Edit source
          </button>
          <button
            type="button"
            onClick={() => source && void openInEditor(source)}
            disabled={!source}
            title="Open the source file in $EDITOR or the system editor"
          >
            Open in editor
          </button>
        </div>
      </header>
      <dl className="facts">
        <dt>App</dt>
        <dd>{entry.app ?? '—'}</dd>
        <dt>Source</dt>
        <dd className="mono">
          {source ? (
            <button type="button" className="link" onClick={() => void openSource(source)}>
              {source}
            </button>
          ) : (
            '—'
          )}
        </dd>
        <dt>source_hash</dt>
        <dd className="mono" title={entry.sourceHash ?? undefined} aria-label="source_hash">
          {shortHash(entry.sourceHash)}
        </dd>
        <dt>Loaded</dt>
        <dd>{entry.removed ? 'no (removed)' : entry.loaded ? 'yes' : 'no'}</dd>
      </dl>
      <FunctionsTable mod={mod} />
      <ModuleActivity mod={mod} source={source} />
    </section>
  );
}
