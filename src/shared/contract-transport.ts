/**
 * Pieces both transports of the contract share: the list of event channels (needed at run time
 * to allow exactly those), the error a failed request rejects with in the renderer, and the
 * shape of the Electron preload's bridge.
 */
import type {
  ContractError,
  ContractResult,
  EventChannel,
  EventPayloads,
  RequestChannel,
} from './contract';
import type { Diagnostic } from './agent-protocol';

/**
 * Every request channel, at run time, without the zod schemas: the sandboxed preload cannot
 * load packages, so it checks names against this list rather than `requestInputs`.
 */
export const REQUEST_CHANNELS = [
  'project:get-info',
  'project:open',
  'modules:list',
  'modules:get-functions',
  'modules:reload',
  'modules:purge',
  'editor:open-file',
  'source:read',
  'source:save',
  'graph:get',
  'graph:trace-file',
  'events:get-history',
  'console:get-history',
  'vm:restart',
] as const satisfies readonly RequestChannel[];

// Fails to compile when a request channel is added to the contract but not to the list above.
type MissingRequestChannel = Exclude<RequestChannel, (typeof REQUEST_CHANNELS)[number]>;
const allRequestChannelsListed: MissingRequestChannel extends never ? true : false = true;
void allRequestChannelsListed;

/** True when `channel` names a request of the contract (no zod needed). */
export function isRequestChannelName(channel: unknown): channel is RequestChannel {
  return isOneOf(REQUEST_CHANNELS, channel);
}

/** Every event channel, at run time. */
export const EVENT_CHANNELS = [
  'module:events-received',
  'vm:status-changed',
  'console:output-received',
  'compile:progress-changed',
  'project:opened',
] as const satisfies readonly EventChannel[];

// Fails to compile when a channel is added to EventPayloads but not to the list above.
type MissingEventChannel = Exclude<EventChannel, (typeof EVENT_CHANNELS)[number]>;
const allEventChannelsListed: MissingEventChannel extends never ? true : false = true;
void allEventChannelsListed;

/** True when `channel` names an event of the contract. */
export function isEventChannel(channel: unknown): channel is EventChannel {
  return isOneOf(EVENT_CHANNELS, channel);
}

function isOneOf<T extends string>(names: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (names as readonly string[]).includes(value);
}

/** What a failed request rejects with on the renderer side: the host's `ContractError`. */
export class ContractRequestError extends Error {
  override readonly name = 'ContractRequestError';
  readonly code: string;
  readonly diagnostics: Diagnostic[];

  constructor(error: ContractError) {
    super(error.message);
    this.code = error.code;
    this.diagnostics = error.diagnostics ?? [];
  }
}

/**
 * What the Electron preload exposes as `window.mixscope`.
 *
 * It passes results through unchanged (errors included) rather than throwing: an Error thrown
 * across `contextBridge` loses its fields, a plain `ContractResult` does not.
 */
export interface HostBridge {
  invoke(channel: RequestChannel, input: unknown): Promise<ContractResult<unknown>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
