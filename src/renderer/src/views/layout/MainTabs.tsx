/** The main area's tab strip and panels; panels stay mounted once visited to keep their state. */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { DependencyGraphPanel } from '../../graph/DependencyGraphPanel';
import { useAppStore } from '../../store/app-store';
import { countFailures } from '../../store/failures';
import { TABS, type TabId } from '../../store/ui-slice';
import { ConsolePanel } from '../console/ConsolePanel';
import { EventLog } from '../event-log/EventLog';
import { FailuresPanel } from '../failures/FailuresPanel';
import { ModulePage } from '../module-page/ModulePage';
import { SourceEditor } from '../source-editor/SourceEditor';

/** Tab names as shown and as their accessible names. */
export const TAB_LABELS: Record<TabId, string> = {
  module: 'Module',
  source: 'Source',
  graph: 'Graph',
  events: 'Events',
  console: 'Console',
  failures: 'Failures',
};

const PANELS: Record<TabId, () => ReactNode> = {
  module: () => <ModulePage />,
  source: () => <SourceEditor />,
  graph: () => <DependencyGraphPanel />,
  events: () => <EventLog />,
  console: () => <ConsolePanel />,
  failures: () => <FailuresPanel />,
};

/** Tab strip plus the panel of the active tab. */
export function MainTabs() {
  const active = useAppStore((s) => s.activeTab);
  const setActiveTab = useAppStore((s) => s.setActiveTab);
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([active]));
  if (!visited.has(active)) setVisited(new Set(visited).add(active));

  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = TABS.indexOf(active);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const tab = TABS[next] ?? 'module';
    setActiveTab(tab);
    document.getElementById(`tab-${tab}`)?.focus();
  };

  return (
    <main className="main">
      <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onKey}>
        {TABS.map((tab, i) => (
          <button
            key={tab}
            id={`tab-${tab}`}
            type="button"
            role="tab"
            aria-selected={tab === active}
            aria-controls={`panel-${tab}`}
            aria-label={TAB_LABELS[tab]}
            tabIndex={tab === active ? 0 : -1}
            className={`tab${tab === active ? ' active' : ''}`}
            title={`${TAB_LABELS[tab]} (Ctrl+${i + 1})`}
            onClick={() => setActiveTab(tab)}
          >
            {TAB_LABELS[tab]}
            <TabBadge tab={tab} />
          </button>
        ))}
      </div>
      <VmBanner />
      {TABS.map((tab) =>
        visited.has(tab) ? (
          <div
            key={tab}
            id={`panel-${tab}`}
            role="tabpanel"
            aria-labelledby={`tab-${tab}`}
            className="panel"
            hidden={tab !== active}
          >
            {PANELS[tab]()}
          </div>
        ) : null,
      )}
    </main>
  );
}

/** A strip under the tabs while the VM is not up: what the views show may be out of date. */
function VmBanner() {
  const vm = useAppStore((s) => s.vm);
  const restartVm = useAppStore((s) => s.restartVm);
  if (!vm || vm.state === 'up') return null;
  const busy = vm.state === 'starting' || vm.state === 'restarting';
  return (
    <div className={`vm-banner ${busy ? 'busy' : 'down'}`} role="status">
      <span>
        {busy
          ? `${vm.state === 'starting' ? 'Starting' : 'Restarting'} the project VM…`
          : `The project VM is ${vm.state}.`}
        {vm.reason ? <span className="muted"> {vm.reason}</span> : null}
      </span>
      {busy ? null : (
        <button type="button" onClick={() => void restartVm()}>
          Restart VM
        </button>
      )}
    </div>
  );
}

/** A small count next to a tab: failures, unseen events, a dirty editor. */
function TabBadge({ tab }: { tab: TabId }) {
  const errors = useAppStore((s) => (tab === 'failures' ? countFailures(s.failures).errors : 0));
  const dirty = useAppStore(
    (s) => tab === 'source' && s.openFile !== null && s.openFile.draft !== s.openFile.content,
  );
  const mod = useAppStore((s) => (tab === 'module' ? s.selectedModule : null));
  if (errors > 0) {
    return (
      <span className="tab-badge err" aria-hidden="true">
        {errors}
      </span>
    );
  }
  if (dirty) {
    return (
      <span className="tab-dirty" aria-hidden="true">
        ●
      </span>
    );
  }
  if (mod) {
    return (
      <span className="tab-sub mono" aria-hidden="true">
        {mod.slice(mod.lastIndexOf('.') + 1)}
      </span>
    );
  }
  return null;
}
