/**
 * The messages of the headless mode's WebSocket, which carries the UI contract to a browser.
 *
 * Client → server: `invoke`. Server → client: `result` (echoing the invoke's id), `event`, and
 * `error` for a message the server could not understand (it never closes the socket for one).
 */
import { z } from 'zod';
import type { ContractResult, EventChannel, EventPayloads } from './contract';

/** A request from the page; `channel` is checked against the contract by the host. */
export const InvokeMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(128),
  input: z.unknown(),
});
export type InvokeMessage = z.infer<typeof InvokeMessage>;

/** The answer to invoke `id`. */
export interface ResultMessage {
  type: 'result';
  id: number;
  result: ContractResult<unknown>;
}

/** One contract event. */
export type EventMessage = {
  [E in EventChannel]: { type: 'event'; channel: E; payload: EventPayloads[E] };
}[EventChannel];

/** A message the server refused; `id` is set when the refused message had a readable one. */
export interface ErrorMessage {
  type: 'error';
  id?: number;
  message: string;
}

/** Anything the server sends. */
export type ServerMessage = ResultMessage | EventMessage | ErrorMessage;

/** The WebSocket's path on the server. */
export const WS_PATH = '/ws';

/** The query parameter (page URL and socket URL) carrying the access token. */
export const TOKEN_PARAM = 'token';
