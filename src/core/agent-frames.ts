/**
 * What a valid frame from the agent is, beyond its envelope: each method's result schema, and
 * the helpers that word a dropped frame for the log.
 */
import { z } from 'zod';
import {
  DependencyGraph,
  Diagnostic,
  FunctionInfo,
  ModuleInfo,
  ReloadResult,
  TraceEntry,
  type AgentMethod,
  type AgentMethods,
} from '../shared/agent-protocol';

/**
 * Result schemas per method: replies are checked like every other frame. A method added to the
 * protocol without a schema here passes its result through unchecked rather than failing.
 */
const resultSchemas: { [M in AgentMethod]?: z.ZodType<AgentMethods[M]['result']> } = {
  ping: z.object({ pong: z.literal(true) }),
  modules: z.array(ModuleInfo),
  functions: z.array(FunctionInfo),
  reload: ReloadResult,
  reload_async: z.object({ accepted: z.literal(true) }),
  purge_module: z.object({ purged: z.boolean() }),
  dependency_graph: DependencyGraph,
  compile_paths: z.object({
    recompiled: z.array(z.string()),
    removed: z.array(z.string()),
    diagnostics: z.array(Diagnostic),
  }),
  sync_loaded: z.object({ reloaded: z.array(z.string()), purged: z.array(z.string()) }),
  trace_file: z.array(TraceEntry),
};

/** The outcome of checking one reply's result against its method's schema. */
export type ResultCheck<M extends AgentMethod> =
  { ok: true; value: AgentMethods[M]['result'] } | { ok: false; why: string };

/** Validates the `result` of a `method` reply (a method without a schema passes through). */
export function checkResult<M extends AgentMethod>(method: M, result: unknown): ResultCheck<M> {
  const schema = resultSchemas[method];
  if (!schema) return { ok: true, value: result as AgentMethods[M]['result'] };
  const parsed = schema.safeParse(result);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, why: describeIssues(parsed.error) };
}

/** The JSON value of a frame body, or undefined when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The first few issues of a failed validation, for a log line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(frame)'}: ${issue.message}`)
    .join('; ');
}

/** The start of a frame body, for a log line. */
export function preview(body: Buffer): string {
  const text = body.subarray(0, 120).toString('utf8');
  return body.length > 120 ? `${text}…` : text;
}
