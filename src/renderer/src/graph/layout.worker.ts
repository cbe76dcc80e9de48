/**
 * The layout worker: holds the graph and answers view requests off the UI thread, so grouping
 * and layout of 10,000 files never blocks pan, zoom or typing.
 */
import type { DependencyGraph } from '../../../shared/agent-protocol';
import { ViewComputer, type ViewRequest } from './view-compute';

/** Messages the worker accepts. */
export type WorkerInbound =
  | { type: 'graph'; version: number; graph: DependencyGraph }
  | { type: 'view'; version: number; request: ViewRequest };

/** Messages the worker sends. */
export type WorkerOutbound =
  | { type: 'view'; version: number; result: import('./view-compute').ViewResult }
  | { type: 'error'; version: number; id: number; message: string };

interface WorkerScope {
  onmessage: ((ev: MessageEvent<WorkerInbound>) => void) | null;
  postMessage(message: WorkerOutbound): void;
}

const scope = self as unknown as WorkerScope;
let computer: ViewComputer | null = null;
let computerVersion = -1;

scope.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.type === 'graph') {
    computer = new ViewComputer(msg.graph);
    computerVersion = msg.version;
    return;
  }
  if (computer === null || computerVersion !== msg.version) {
    scope.postMessage({
      type: 'error',
      version: msg.version,
      id: msg.request.id,
      message: 'graph not loaded in the layout worker',
    });
    return;
  }
  try {
    scope.postMessage({ type: 'view', version: msg.version, result: computer.compute(msg.request) });
  } catch (err) {
    scope.postMessage({
      type: 'error',
      version: msg.version,
      id: msg.request.id,
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
