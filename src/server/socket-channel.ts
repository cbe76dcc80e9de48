/**
 * One browser's WebSocket: invokes go to the contract host, host events come back.
 */
import type { RawData, WebSocket } from 'ws';
import type { ContractHost } from '../core/host/contract-host';
import { InvokeMessage, type ServerMessage } from '../shared/ws-protocol';

/** Called for every well-formed invoke before it runs (tests count requests with it). */
export type InvokeObserver = (channel: string, input: unknown) => void;

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function readId(value: unknown): number | undefined {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id)) return id;
  }
  return undefined;
}

/** Wires `socket` to `host` until the socket closes. */
export function attachSocket(
  socket: WebSocket,
  host: ContractHost,
  observe?: InvokeObserver,
): void {
  const subscription = host.onEvent((event) =>
    send(socket, { type: 'event', ...event } as ServerMessage),
  );
  socket.on('close', () => subscription.dispose());
  socket.on('error', () => subscription.dispose());
  socket.on('message', (data: RawData, isBinary: boolean) => {
    // A malformed message is answered and ignored: a buggy or hostile page must not take the
    // server (and with it the VM) down.
    if (isBinary) {
      send(socket, { type: 'error', message: 'binary messages are not understood' });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      send(socket, { type: 'error', message: 'message is not JSON' });
      return;
    }
    const parsed = InvokeMessage.safeParse(raw);
    if (!parsed.success) {
      const id = readId(raw);
      const message = `malformed message: expected {type:'invoke', id, channel, input}`;
      send(socket, id === undefined ? { type: 'error', message } : { type: 'error', id, message });
      return;
    }
    const { id, channel, input } = parsed.data;
    observe?.(channel, input);
    void host.invoke(channel, input).then((result) => send(socket, { type: 'result', id, result }));
  });
}
