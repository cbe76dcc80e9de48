/** The bottom bar: project, versions, VM state (details on click), compile progress, counts. */
import { useEffect, useState } from 'react';
import type { VmState } from '../../../../shared/models';
import { formatDuration, formatTime } from '../../lib/format';
import { useAppStore } from '../../store/app-store';
import { countFailures } from '../../store/failures';
import { VmDetails } from './VmDetails';

const VM_LABEL: Record<VmState, string> = {
  starting: 'VM starting',
  up: 'VM up',
  restarting: 'VM restarting',
  down: 'VM down',
  stopped: 'VM stopped',
};

/** The status bar. */
export function StatusBar() {
  const project = useAppStore((s) => s.project);
  const vm = useAppStore((s) => s.vm);
  const compile = useAppStore((s) => s.compile);
  const failures = useAppStore((s) => s.failures);
  const notice = useAppStore((s) => s.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const setActiveTab = useAppStore((s) => s.setActiveTab);
  const hostConnected = useAppStore((s) => s.hostConnected);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const totals = countFailures(failures);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismiss, notice.tone === 'error' ? 9000 : 4000);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  const state = vm?.state ?? 'starting';
  const percent = compile.total > 0 ? Math.round((compile.done / compile.total) * 100) : 0;
  return (
    <footer
      className={`status-bar${hostConnected ? '' : ' host-disconnected'}`}
      aria-label="Status"
    >
      <span className="sb-item sb-project" title={project?.root}>
        <span className="sb-logo" aria-hidden="true">
          ◆
        </span>
        {project ? project.name : 'connecting…'}
        {project?.isDemo ? <span className="sb-tag">demo</span> : null}
      </span>
      {hostConnected ? null : (
        <span
          className="sb-item sb-disconnected"
          role="alert"
          title="The Mixscope server stopped answering; what is shown may be out of date."
        >
          Disconnected from Mixscope · reconnecting…
        </span>
      )}
      {vm?.elixir ? (
        <span className="sb-item muted" title="Elixir / OTP of the project's VM">
          Elixir {vm.elixir} · OTP {vm.otp ?? '?'}
        </span>
      ) : null}
      <span className="sb-anchor">
        <button
          type="button"
          className={`sb-item sb-vm vm-${state}`}
          aria-label={`${VM_LABEL[state]}${vm?.reason ? `: ${vm.reason}` : ''}`}
          aria-expanded={detailsOpen}
          title={vm?.reason ?? 'VM details'}
          onClick={() => setDetailsOpen((open) => !open)}
        >
          <span className={`vm-dot vm-${state}`} aria-hidden="true" />
          <span className="sb-reason">
            {VM_LABEL[state]}
            {vm?.reason && state !== 'up' ? `: ${vm.reason}` : ''}
          </span>
        </button>
        {detailsOpen && vm ? <VmDetails vm={vm} onClose={() => setDetailsOpen(false)} /> : null}
      </span>
      {compile.active ? (
        <span
          className="sb-item sb-compile"
          role="status"
          aria-label={`Compiling ${compile.done} of ${compile.total} files`}
        >
          <span className="spinner" aria-hidden="true" />
          Compiling {compile.done}/{compile.total}
          <span className="progress" aria-hidden="true">
            <span style={{ width: `${percent}%` }} />
          </span>
        </span>
      ) : null}
      {!compile.active ? <LastCompile /> : null}
      <span className="spacer" />
      {notice ? (
        <span className={`sb-item sb-notice tone-${notice.tone}`} role="status" onClick={dismiss}>
          {notice.text}
        </span>
      ) : null}
      <button
        type="button"
        className={`sb-item sb-failures${totals.errors > 0 ? ' has-errors' : ''}`}
        onClick={() => setActiveTab('failures')}
        aria-label={`${totals.errors} errors, ${totals.warnings} warnings`}
      >
        <span className="sev-dot err" aria-hidden="true" /> {totals.errors}
        <span className="sev-dot warn" aria-hidden="true" /> {totals.warnings}
      </button>
    </footer>
  );
}

/** How the last compile went and how long it took: the number Mixscope exists to keep small. */
function LastCompile() {
  // Selecting the event object itself keeps the selector's result stable between renders.
  const last = useAppStore((s) => {
    for (let i = s.events.length - 1; i >= 0; i -= 1) {
      const event = s.events[i];
      if (event?.kind === 'compile_finished') return event;
    }
    return null;
  });
  if (!last) return null;
  const failed = last.diagnostics?.some((d) => d.severity === 'error') ?? false;
  return (
    <span
      className={`sb-item sb-last ${failed ? 'failed' : 'ok'}`}
      title={`Last compile finished at ${formatTime(last.at)} (${last.origin})`}
    >
      <span className="mark" aria-hidden="true">
        {failed ? '✗' : '✓'}
      </span>
      {failed ? 'compile failed' : 'compiled'}
      {last.duration_ms !== undefined ? ` in ${formatDuration(last.duration_ms)}` : ''}
    </span>
  );
}
