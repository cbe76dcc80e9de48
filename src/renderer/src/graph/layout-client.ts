/**
 * The UI side of the layout worker: posts the graph once, then view requests, and resolves each
 * request with its result. Where no Worker exists (unit tests) it computes in place.
 */
import type { DependencyGraph } from '../../../shared/agent-protocol';
import type { WorkerInbound, WorkerOutbound } from './layout.worker';
import { cycleList } from './graph-queries';
import { ViewComputer, type ViewRequest, type ViewResult } from './view-compute';

interface Pending {
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

/** Talks to one layout worker. */
export class LayoutClient {
  private worker: Worker | null = null;
  private local: ViewComputer | null = null;
  private version = 0;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private graph: DependencyGraph | null = null;

  constructor(private readonly useWorker = typeof Worker !== 'undefined') {}

  /** Sends a new graph; requests made before it answer for the old one and are dropped. */
  setGraph(graph: DependencyGraph): void {
    if (graph === this.graph) return;
    this.graph = graph;
    this.version++;
    this.rejectAll('graph replaced');
    if (!this.useWorker) {
      this.local = new ViewComputer(graph);
      return;
    }
    this.ensureWorker().postMessage({
      type: 'graph',
      version: this.version,
      graph,
    } satisfies WorkerInbound);
  }

  /** Computes a view off the UI thread. */
  request(req: Omit<ViewRequest, 'id'>): Promise<ViewResult> {
    const full: ViewRequest = { ...req, id: this.nextId++ };
    if (!this.useWorker) {
      if (!this.local) return Promise.reject(new Error('no graph'));
      return Promise.resolve(this.local.compute(full));
    }
    return new Promise<ViewResult>((resolve, reject) => {
      this.pending.set(full.id, { resolve, reject });
      this.ensureWorker().postMessage({
        type: 'view',
        version: this.version,
        request: full,
      } satisfies WorkerInbound);
    });
  }

  /** The graph's cycles (strongly connected components of 2+ files), biggest first. */
  cycles(): Promise<string[][]> {
    if (!this.useWorker) {
      if (!this.local) return Promise.reject(new Error('no graph'));
      return Promise.resolve(cycleList(this.local.graph));
    }
    const id = this.nextId++;
    return new Promise<string[][]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ensureWorker().postMessage({
        type: 'cycles',
        version: this.version,
        id,
      } satisfies WorkerInbound);
    });
  }

  /** Stops the worker. */
  dispose(): void {
    this.rejectAll('disposed');
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Vite bundles the worker from this exact expression (see its "Web Workers" guide).
    const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<WorkerOutbound>) => {
      const msg = ev.data;
      const id = msg.type === 'view' ? msg.result.id : msg.id;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      // Each pending entry was registered by the method expecting exactly this reply type.
      if (msg.version !== this.version) p.reject(new Error('stale'));
      else if (msg.type === 'view') (p.resolve as (r: ViewResult) => void)(msg.result);
      else if (msg.type === 'cycles') (p.resolve as (r: string[][]) => void)(msg.cycles);
      else p.reject(new Error(msg.message));
    };
    w.onerror = (ev) => this.rejectAll(ev.message || 'layout worker failed');
    this.worker = w;
    return w;
  }

  private rejectAll(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}
