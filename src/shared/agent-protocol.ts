/**
 * The wire protocol between Mixscope (Node) and the agent inside the project's VM.
 *
 * Transport: loopback TCP, each frame a 4-byte big-endian length followed by a UTF-8 JSON body
 * (Erlang's `{packet, 4}`). Node listens; the agent connects and its first frame is `hello`
 * carrying the token Node passed it in the environment. Anything else first closes the socket.
 *
 * Modules are named as Elixir prints them (`MyApp.Accounts`, never `Elixir.MyApp.Accounts`);
 * Erlang modules keep their atom name (`:crypto` prints as `crypto`). Paths in graph nodes and
 * diagnostics are relative to the project root when they lie inside it, absolute otherwise.
 */
import { z } from 'zod';

/** One function of a module, as the module page lists it. */
export const FunctionInfo = z.object({
  name: z.string(),
  arity: z.number().int().nonnegative(),
  kind: z.enum(['def', 'defp', 'defmacro', 'defmacrop']),
  line: z.number().int().nullable(),
  doc: z.string().nullable(),
  spec: z.string().nullable(),
});
export type FunctionInfo = z.infer<typeof FunctionInfo>;

/**
 * What a `recompiled` event and a reload reply carry per module.
 *
 * The directly saved module carries `source_hash` and `functions` inline so a subscriber can
 * re-render from the event alone; modules recompiled because they depend on it arrive bare (null).
 */
export const ModulePayload = z.object({
  mod: z.string(),
  source_hash: z.string().nullable(),
  functions: z.array(FunctionInfo).nullable(),
});
export type ModulePayload = z.infer<typeof ModulePayload>;

/** A module the VM knows of: the project's own, its path deps' and umbrella apps'. */
export const ModuleInfo = z.object({
  mod: z.string(),
  app: z.string().nullable(),
  source: z.string().nullable(),
  /** Lowercase hex MD5 of the source file's bytes, null when the source is gone. */
  source_hash: z.string().nullable(),
  loaded: z.boolean(),
  /** Set once skew detection lands: the loaded code differs from the `.beam` or source on disk. */
  stale: z.boolean().optional(),
});
export type ModuleInfo = z.infer<typeof ModuleInfo>;

/** A compiler diagnostic, Mix's `Mix.Task.Compiler.Diagnostic` flattened. */
export const Diagnostic = z.object({
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  severity: z.enum(['error', 'warning', 'information', 'hint']),
  message: z.string(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Edge labels, with the meaning `mix xref graph` gives them. */
export const EdgeLabel = z.enum(['compile', 'export', 'runtime']);
export type EdgeLabel = z.infer<typeof EdgeLabel>;

/** `from` must be recompiled (compile), or may be (export), or only calls (runtime) `to`. */
export const GraphEdge = z.object({ from: z.string(), to: z.string(), label: EdgeLabel });
export type GraphEdge = z.infer<typeof GraphEdge>;

/** A source file of the main project and the modules it defines. */
export const GraphNode = z.object({ id: z.string(), modules: z.array(z.string()) });
export type GraphNode = z.infer<typeof GraphNode>;

/** The file dependency graph of the main project, the one `mix xref graph` reports. */
export const DependencyGraph = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
});
export type DependencyGraph = z.infer<typeof DependencyGraph>;

/** Who caused an event: a save through Mixscope, the source watcher, another OS process, boot. */
export const EventOrigin = z.enum(['user', 'watcher', 'external', 'startup']);
export type EventOrigin = z.infer<typeof EventOrigin>;

/** Kinds of module event. `compile_started`/`compile_finished` bracket every compile. */
export const EventKind = z.enum([
  'source_written',
  'compile_started',
  'recompiled',
  'compile_failed',
  'compile_finished',
  'source_removed',
  'graph_changed',
]);
export type EventKind = z.infer<typeof EventKind>;

/** An event frame from the agent; `seq` increases by one per event so a gap is visible. */
export const EventFrame = z.object({
  type: z.literal('event'),
  seq: z.number().int().nonnegative(),
  /** Milliseconds since the Unix epoch, from the VM's clock. */
  at: z.number(),
  kind: EventKind,
  origin: EventOrigin,
  mod: z.string().nullable().optional(),
  path: z.string().nullable().optional(),
  payload: ModulePayload.nullable().optional(),
  diagnostics: z.array(Diagnostic).optional(),
  /** compile_started: files about to compile; compile_finished: how long the compile took. */
  files: z.number().int().optional(),
  duration_ms: z.number().optional(),
  /**
   * graph_changed: what a compile changed in the dependency graph. A label change is the old
   * edge removed and the new one added; a node listed with no modules is gone.
   */
  edges_added: z.array(GraphEdge).optional(),
  edges_removed: z.array(GraphEdge).optional(),
  nodes_changed: z.array(GraphNode).optional(),
});
export type EventFrame = z.infer<typeof EventFrame>;

/** The agent's first frame. */
export const HelloFrame = z.object({
  type: z.literal('hello'),
  token: z.string(),
  elixir: z.string(),
  otp: z.string(),
  os_pid: z.string(),
  project_root: z.string(),
  app: z.string().nullable(),
  mix_env: z.string(),
  /** Which optional features this VM's Elixir has (listeners 1.18, JSON 1.18, …). */
  features: z.record(z.string(), z.boolean()),
  /** Diagnostics of the compile the agent ran at boot; empty when it compiled cleanly. */
  boot_diagnostics: z.array(Diagnostic),
});
export type HelloFrame = z.infer<typeof HelloFrame>;

/** An error reply; `code` is machine-readable (`compile_failed`, `path_outside_project`, …). */
export const ReplyError = z.object({
  code: z.string(),
  message: z.string(),
  diagnostics: z.array(Diagnostic).optional(),
});
export type ReplyError = z.infer<typeof ReplyError>;

/** A reply to request `id`. */
export const ReplyFrame = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('reply'),
    id: z.number().int(),
    ok: z.literal(true),
    result: z.unknown(),
  }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int(),
    ok: z.literal(false),
    error: ReplyError,
  }),
]);
export type ReplyFrame = z.infer<typeof ReplyFrame>;

/** Any frame the agent sends. */
export const AgentFrame = z.union([HelloFrame, ReplyFrame, EventFrame]);
export type AgentFrame = z.infer<typeof AgentFrame>;

/** One reference a file makes, with the reason `mix xref trace` gives it. */
export const TraceEntry = z.object({
  /** The referenced file (relative to the project root), null outside the project. */
  to: z.string().nullable(),
  mod: z.string(),
  /** `call`, `import`, `alias`, `struct`, `require`, `macro` … as the tracer saw it. */
  reason: z.string(),
  /** `Mod.fun/arity` for calls and macros, null otherwise. */
  target: z.string().nullable(),
  label: EdgeLabel,
  file: z.string(),
  line: z.number().int().nullable(),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

/** Reload result: the saved module first, with functions inline; dependents bare. */
export const ReloadResult = z.object({ recompiled: z.array(ModulePayload) });
export type ReloadResult = z.infer<typeof ReloadResult>;

/**
 * Every request Node can send, its params and its result.
 *
 * `path` params are relative to the project root or absolute inside it; the agent refuses
 * anything that resolves outside (code `path_outside_project`) and writes nothing.
 */
export interface AgentMethods {
  ping: { params: Record<string, never>; result: { pong: true } };
  modules: { params: Record<string, never>; result: ModuleInfo[] };
  functions: { params: { mod: string }; result: FunctionInfo[] };
  reload: { params: { path: string; content: string; origin?: EventOrigin }; result: ReloadResult };
  reload_async: {
    params: { path: string; content: string; origin?: EventOrigin };
    result: { accepted: true };
  };
  purge_module: { params: { mod: string }; result: { purged: boolean } };
  dependency_graph: { params: Record<string, never>; result: DependencyGraph };
  /** Compiles these changed/new/deleted files (and what Mix recompiles with them) in one go. */
  compile_paths: {
    params: { paths: string[]; origin?: EventOrigin };
    result: { recompiled: string[]; removed: string[]; diagnostics: Diagnostic[] };
  };
  /**
   * Brings loaded code in line with the `.beam` files on disk after another OS process compiled:
   * loads changed modules, purges modules whose beams are gone. `beams` (absolute `.beam`
   * paths that changed or disappeared) limits the check to those; without it every ebin folder
   * of the project is compared.
   */
  sync_loaded: {
    params: { origin?: EventOrigin; beams?: string[] };
    result: { reloaded: string[]; purged: string[] };
  };
  /** Why a file depends on others: every reference it makes, as `mix xref trace FILE` lists. */
  trace_file: { params: { path: string }; result: TraceEntry[] };
}

/** A request method name. */
export type AgentMethod = keyof AgentMethods;

/** A request frame Node sends. */
export interface RequestFrame<M extends AgentMethod = AgentMethod> {
  type: 'request';
  id: number;
  method: M;
  params: AgentMethods[M]['params'];
}

/** Environment variables Node passes to the VM it starts. */
export const AGENT_ENV = {
  port: 'MIXSCOPE_PORT',
  token: 'MIXSCOPE_TOKEN',
  agentDir: 'MIXSCOPE_AGENT_DIR',
  cacheDir: 'MIXSCOPE_CACHE_DIR',
} as const;
