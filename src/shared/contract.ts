/**
 * The one contract between the renderer and whatever hosts it (Electron main or the headless
 * server): every request the UI can make and every event it can receive, declared once.
 *
 * Both transports validate request inputs with these schemas where they cross the process
 * boundary, and both answer with a `ContractResult`, so the renderer cannot tell them apart.
 */
import { z } from 'zod';
import type {
  DependencyGraph,
  Diagnostic,
  FunctionInfo,
  ModuleInfo,
  ReloadResult,
  TraceEntry,
} from './agent-protocol';
import type { CompileProgress, ConsoleLine, ModuleEvent, VmStatus } from './models';

const modName = z.string().min(1).max(512);
const filePath = z.string().min(1).max(4096);

/** Input schemas of every request channel. */
export const requestInputs = {
  'project:get-info': z.object({}),
  'project:open': z.object({ path: filePath }),
  'modules:list': z.object({}),
  'modules:get-functions': z.object({ mod: modName }),
  'modules:reload': z.object({ mod: modName }),
  'modules:purge': z.object({ mod: modName }),
  'editor:open-file': z.object({ path: filePath, line: z.number().int().positive().optional() }),
  'source:read': z.object({ path: filePath }),
  'source:save': z.object({ path: filePath, content: z.string().max(16 * 1024 * 1024) }),
  'graph:get': z.object({}),
  'graph:trace-file': z.object({ path: filePath }),
  'events:get-history': z.object({ sinceSeq: z.number().int().optional() }),
  'console:get-history': z.object({}),
  'vm:restart': z.object({}),
} as const;

/** What a project looks like to the UI. */
export interface ProjectInfo {
  root: string;
  name: string;
  status: VmStatus;
  /** True when the project is Mixscope's bundled demo. */
  isDemo: boolean;
}

/** A source file's text as read from disk. */
export interface SourceText {
  path: string;
  content: string;
}

/** Output type of every request channel. */
export interface RequestOutputs {
  'project:get-info': ProjectInfo;
  'project:open': ProjectInfo;
  'modules:list': ModuleInfo[];
  'modules:get-functions': FunctionInfo[];
  'modules:reload': ReloadResult;
  'modules:purge': { purged: boolean };
  'editor:open-file': { opened: boolean; command: string | null };
  'source:read': SourceText;
  'source:save': ReloadResult;
  'graph:get': DependencyGraph;
  'graph:trace-file': TraceEntry[];
  'events:get-history': ModuleEvent[];
  'console:get-history': ConsoleLine[];
  'vm:restart': { restarted: true };
}

/** A request channel name (`domain:verb-noun`). */
export type RequestChannel = keyof typeof requestInputs;

/** The input type of a request channel. */
export type RequestInput<C extends RequestChannel> = z.infer<(typeof requestInputs)[C]>;

/** The output type of a request channel. */
export type RequestOutput<C extends RequestChannel> = RequestOutputs[C];

/** Every event the UI can receive; module events arrive batched so a burst cannot flood it. */
export interface EventPayloads {
  'module:events-received': { events: ModuleEvent[] };
  'vm:status-changed': VmStatus;
  'console:output-received': { lines: ConsoleLine[] };
  'compile:progress-changed': CompileProgress;
  'project:opened': ProjectInfo;
}

/** An event channel name (past tense). */
export type EventChannel = keyof EventPayloads;

/** A failed request as it crosses a transport; `code` is machine-readable. */
export interface ContractError {
  code: string;
  message: string;
  diagnostics?: Diagnostic[];
}

/** How every transport answers a request: never a thrown error across the boundary. */
export type ContractResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** The renderer's view of a transport: the same for Electron IPC and WebSocket. */
export interface Transport {
  /** Sends a request; rejects with a `ContractRequestError` when the host answers an error. */
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  /** Subscribes to one event channel; returns the unsubscribe function. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /**
   * Reports the link to the host going down and coming back (the headless server's WebSocket);
   * absent where the link cannot drop (Electron IPC).
   */
  onConnection?(listener: (connected: boolean) => void): () => void;
}

/** Parses a request's input at a process boundary; throws a ZodError on bad input. */
export function parseRequestInput<C extends RequestChannel>(
  channel: C,
  input: unknown,
): RequestInput<C> {
  return requestInputs[channel].parse(input) as RequestInput<C>;
}

/** True when `channel` names a request of the contract. */
export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.hasOwn(requestInputs, channel);
}
