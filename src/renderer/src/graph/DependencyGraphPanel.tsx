/** The Graph tab: the dependency graph explorer over the app's store. */
import { useAppStore } from '../store/app-store';
import { GraphExplorer } from './GraphExplorer';

/** The dependency graph explorer as the app mounts it. */
export function DependencyGraphPanel() {
  const root = useAppStore((s) => s.project?.root ?? null);
  return <GraphExplorer store={useAppStore} projectRoot={root} />;
}
