/**
 * The renderer's only way out: the UI contract over Electron's preload bridge when the page runs
 * in Mixscope's window, else over a WebSocket back to the headless server that served the page.
 */
import type {
  ContractResult,
  EventChannel,
  EventPayloads,
  RequestChannel,
  RequestInput,
  RequestOutput,
  Transport,
} from '../../../shared/contract';
import { ContractRequestError, type HostBridge } from '../../../shared/contract-transport';
import { TOKEN_PARAM, WS_PATH, type ServerMessage } from '../../../shared/ws-protocol';

export { ContractRequestError } from '../../../shared/contract-transport';

declare global {
  interface Window {
    /** Set by Mixscope's Electron preload; absent in a browser. */
    mixscope?: HostBridge;
  }
}

type Listener = (payload: unknown) => void;

function unwrap<T>(result: ContractResult<unknown>): T {
  if (result.ok) return result.value as T;
  throw new ContractRequestError(result.error);
}

/** The contract over Electron IPC, through the preload's bridge. */
export function createBridgeTransport(bridge: HostBridge): Transport {
  return {
    async invoke(channel, input) {
      return unwrap(await bridge.invoke(channel, input));
    },
    on(channel, listener) {
      return bridge.on(channel, listener);
    },
  };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/** The contract over a WebSocket to `url`; reconnects with backoff when the socket drops. */
export function createSocketTransport(url: string): Transport {
  const listeners = new Map<EventChannel, Set<Listener>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let connected = false;
  const setConnected = (value: boolean): void => {
    if (value === connected) return;
    connected = value;
    for (const listener of connectionListeners) listener(value);
  };
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'event') {
      for (const listener of listeners.get(message.channel) ?? []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(`mixscope: a ${message.channel} listener failed`, error);
        }
      }
    } else if (message.type === 'result') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if (message.result.ok) waiter.resolve(message.result.value);
      else waiter.reject(new ContractRequestError(message.result.error));
    } else if (message.type === 'error') {
      console.error('mixscope: the server refused a message:', message.message);
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        waiter?.reject(
          new ContractRequestError({ code: 'protocol_error', message: message.message }),
        );
      }
    }
  }

  function connect(): void {
    retryTimer = null;
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = RETRY_MIN_MS;
      for (const text of outbox.splice(0)) ws.send(text);
      setConnected(true);
    });
    ws.addEventListener('message', (event) => onMessage(event.data));
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      setConnected(false);
      // Requests in flight are lost with the socket; re-sending a save could apply it twice,
      // so they fail and the caller decides.
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(
          new ContractRequestError({
            code: 'disconnected',
            message: 'lost the connection to Mixscope',
          }),
        );
      }
      retryTimer ??= setTimeout(connect, retryMs);
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    });
  }

  connect();

  return {
    invoke<C extends RequestChannel>(
      channel: C,
      input: RequestInput<C>,
    ): Promise<RequestOutput<C>> {
      const id = nextId++;
      const text = JSON.stringify({ type: 'invoke', id, channel, input });
      return new Promise<RequestOutput<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    on<E extends EventChannel>(
      channel: E,
      listener: (payload: EventPayloads[E]) => void,
    ): () => void {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set);
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };
}

/** The socket URL of the server that served this page, with the page's token. */
export function socketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM);
  // Without a token in the URL the handshake still carries the cookie the page load set.
  const query = token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}${WS_PATH}${query}`;
}

let transport: Transport | null = null;

/** The transport of this page: Electron's bridge when present, else the WebSocket. */
export function getTransport(): Transport {
  transport ??= window.mixscope
    ? createBridgeTransport(window.mixscope)
    : createSocketTransport(socketUrl(window.location));
  return transport;
}
