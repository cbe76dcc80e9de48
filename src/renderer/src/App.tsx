/** The window: module browser on the left, tabbed views in the middle, status bar below. */
import { useEffect } from 'react';
import { useAppStore } from './store/app-store';
import { TABS } from './store/ui-slice';
import { MainTabs } from './views/layout/MainTabs';
import { Splitter, useBrowserWidth } from './views/layout/Splitter';
import { ModuleBrowser } from './views/module-browser/ModuleBrowser';
import { StatusBar } from './views/status-bar/StatusBar';

/** The whole UI. */
export function App() {
  const projectError = useAppStore((s) => s.projectError);
  const [browserWidth, setBrowserWidth] = useBrowserWidth();
  useGlobalShortcuts();

  return (
    <div className="app">
      {projectError ? (
        <div className="banner" role="alert">
          Cannot reach the project: {projectError}
        </div>
      ) : null}
      <div className="workspace">
        <ModuleBrowser width={browserWidth} />
        <Splitter width={browserWidth} onResize={setBrowserWidth} />
        <MainTabs />
      </div>
      <StatusBar />
    </div>
  );
}

/** Ctrl/Cmd+1…6 switch tabs, Ctrl/Cmd+K or `/` filter modules, Ctrl/Cmd+S saves. */
function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      const store = useAppStore.getState();
      const typing =
        event.target instanceof HTMLElement &&
        (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
      if (mod && /^[1-6]$/.test(event.key)) {
        event.preventDefault();
        const tab = TABS[Number(event.key) - 1];
        if (tab) store.setActiveTab(tab);
      } else if ((mod && event.key.toLowerCase() === 'k') || (!typing && event.key === '/')) {
        event.preventDefault();
        store.requestFilterFocus();
      } else if (mod && event.key.toLowerCase() === 's') {
        // Never the browser's "save page": in the Source tab it saves the file, unless the
        // editor's own keymap already did (it prevents the default when it handles the key).
        const handled = event.defaultPrevented;
        event.preventDefault();
        if (store.activeTab === 'source' && !handled) void store.saveSource();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
