/** A popover with the VM's state, why it is not up, and the last lines it printed. */
import { useEffect, useRef } from 'react';
import type { VmStatus } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';

/** VM details popover, closed by Escape or a click outside. */
export function VmDetails({ vm, onClose }: { vm: VmStatus; onClose: () => void }) {
  const restartVm = useAppStore((s) => s.restartVm);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    const onDown = (event: MouseEvent): void => {
      const anchor = ref.current?.parentElement;
      if (anchor && !anchor.contains(event.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  return (
    <div className="popover" role="dialog" aria-label="VM details" ref={ref}>
      <dl className="facts compact">
        <dt>State</dt>
        <dd>{vm.state}</dd>
        <dt>Project</dt>
        <dd className="mono">{vm.projectRoot}</dd>
        <dt>App</dt>
        <dd className="mono">{vm.app ?? '—'}</dd>
        <dt>Elixir / OTP</dt>
        <dd>
          {vm.elixir ?? '?'} / {vm.otp ?? '?'}
        </dd>
        {vm.reason ? (
          <>
            <dt>Reason</dt>
            <dd>{vm.reason}</dd>
          </>
        ) : null}
        {vm.exitCode !== null || vm.signal ? (
          <>
            <dt>Exit</dt>
            <dd className="mono">
              {vm.exitCode !== null ? `code ${vm.exitCode}` : ''} {vm.signal ?? ''}
            </dd>
          </>
        ) : null}
        <dt>Restarts</dt>
        <dd>{vm.restarts}</dd>
      </dl>
      {vm.outputTail.length > 0 ? (
        <>
          <div className="popover-label">Last output</div>
          <pre className="tail mono">{vm.outputTail.join('\n')}</pre>
        </>
      ) : null}
      <div className="toolbar">
        <button type="button" onClick={() => void restartVm()}>
          Restart VM
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
