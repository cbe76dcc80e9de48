/** The failed / stale / removed badges of one module. */
import { useAppStore } from '../../store/app-store';
import { hasError } from '../../store/failures';
import { isStale } from '../../store/module-entry';

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
