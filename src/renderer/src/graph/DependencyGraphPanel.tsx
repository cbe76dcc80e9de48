/** The Graph tab: the dependency graph explorer over the app's store. */
import { useAppStore } from '../store/app-store';
import { GraphExplorer } from './GraphExplorer';

/** The dependency graph explorer as the app mounts it. */
export function DependencyGraphPanel() {
  const root = useAppStore((s) => s.project?.root ?? null);
  const openSource = useAppStore((s) => s.openSource);
  return (
    <GraphExplorer
      store={useAppStore}
      projectRoot={root}
      onOpenSource={(file, line) => void openSource(file, line ?? undefined)}
    />
  );
}
