/**
 * The Node end of the agent link: a loopback TCP server that accepts exactly one agent,
 * authenticated by a random token on its first frame, then carries requests, replies and events.
 *
 * Every incoming frame is validated with the protocol's zod schemas. A malformed frame is
 * reported and dropped: a bug in the agent must degrade one request, not crash the host.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  EventFrame,
  HelloFrame,
  ReplyFrame,
  type AgentMethod,
  type AgentMethods,
  type RequestFrame,
} from '../shared/agent-protocol';
import { AgentRequestError, LINK_ERROR_CODES } from './agent-errors';
import { checkResult, describeIssues, parseJson, preview } from './agent-frames';
import { DEFAULT_MAX_FRAME_BYTES, FrameDecoder, encodeFrame } from './frame-codec';
import { DisposableStore, Emitter, toDisposable, type Disposable } from './lifecycle';

/** Default time a request may take before it rejects with code `timeout`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** How long a fresh connection may stay silent before its first frame (the hello). */
const FIRST_FRAME_TIMEOUT_MS = 15_000;

/** Options of `AgentLink.listen`. */
export interface AgentLinkOptions {
  /** Timeout of requests that do not name their own. */
  requestTimeoutMs?: number;
  /** Largest frame accepted from the agent. */
  maxFrameBytes?: number;
  /** Host to bind; loopback unless a test needs otherwise. */
  host?: string;
}

interface Pending {
  method: AgentMethod;
  resolve: (value: unknown) => void;
  reject: (error: AgentRequestError) => void;
  timer: NodeJS.Timeout;
}

/** A listening link waiting for (or connected to) one agent. */
export class AgentLink implements Disposable {
  /** Fires once with the validated hello when the agent authenticated. */
  readonly onHello: Emitter<HelloFrame>;
  /** Every validated event frame, in arrival order. */
  readonly onEvent: Emitter<EventFrame>;
  /** A frame that was dropped, or a connection refused: for logs, never fatal. */
  readonly onProtocolError: Emitter<string>;
  /** Fires once when the authenticated connection closes, with why. */
  readonly onClose: Emitter<string>;

  private readonly store = new DisposableStore();
  private readonly pending = new Map<number, Pending>();
  private readonly candidates = new Set<Socket>();
  private socket: Socket | null = null;
  private helloFrame: HelloFrame | null = null;
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly server: Server,
    /** The port the agent must connect to. */
    readonly port: number,
    /** The secret the agent must present in its hello. */
    readonly token: string,
    private readonly options: Required<Omit<AgentLinkOptions, 'host'>>,
  ) {
    this.onHello = this.store.add(new Emitter<HelloFrame>());
    this.onEvent = this.store.add(new Emitter<EventFrame>());
    this.onProtocolError = this.store.add(new Emitter<string>());
    this.onClose = this.store.add(new Emitter<string>());
    server.on('connection', (socket) => this.accept(socket));
    // A server error after listening (rare: EMFILE) must not become an uncaught exception.
    server.on('error', (error) => this.onProtocolError.fire(`link server error: ${error.message}`));
    this.store.add(toDisposable(() => server.close()));
  }

  /** Opens a server on a random loopback port with a fresh random token. */
  static listen(options: AgentLinkOptions = {}): Promise<AgentLink> {
    const token = randomBytes(32).toString('hex');
    const server = createServer({ noDelay: true });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address === null || typeof address === 'string') {
          server.close();
          reject(new Error('link server has no TCP address'));
          return;
        }
        resolve(
          new AgentLink(server, address.port, token, {
            requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
            maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
          }),
        );
      });
    });
  }

  /** The agent's hello once it authenticated, else null. */
  get hello(): HelloFrame | null {
    return this.helloFrame;
  }

  /** True while an authenticated agent is connected. */
  get connected(): boolean {
    return this.socket !== null && !this.closed;
  }

  /** Resolves with the hello, or rejects when the link is disposed or closes first. */
  waitForHello(): Promise<HelloFrame> {
    if (this.helloFrame) return Promise.resolve(this.helloFrame);
    if (this.closed) return Promise.reject(new Error('agent link is closed'));
    return new Promise((resolve, reject) => {
      const subs = new DisposableStore();
      subs.add(
        this.onHello.on((hello) => {
          subs.dispose();
          resolve(hello);
        }),
      );
      subs.add(
        this.onClose.on((reason) => {
          subs.dispose();
          reject(new Error(reason));
        }),
      );
      this.store.add(subs);
    });
  }

  /** Sends a request; resolves with its validated result or rejects with `AgentRequestError`. */
  request<M extends AgentMethod>(
    method: M,
    params: AgentMethods[M]['params'],
    timeoutMs: number = this.options.requestTimeoutMs,
  ): Promise<AgentMethods[M]['result']> {
    const socket = this.socket;
    if (!socket || this.closed) {
      return Promise.reject(
        new AgentRequestError(LINK_ERROR_CODES.notConnected, 'the agent is not connected'),
      );
    }
    const id = this.nextId++;
    const frame: RequestFrame<M> = { type: 'request', id, method, params };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new AgentRequestError(
            LINK_ERROR_CODES.timeout,
            `${method} got no reply within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer,
      });
      socket.write(encodeFrame(JSON.stringify(frame)));
    });
  }

  /** Closes the server and the connection; pending requests reject with `vm_down`. */
  dispose(): void {
    this.shutdown('the agent link was closed');
    for (const candidate of this.candidates) candidate.destroy();
    this.candidates.clear();
    this.store.dispose();
  }

  private accept(socket: Socket): void {
    if (this.socket || this.closed) {
      // One agent per link: a second connection is either a bug or someone else.
      socket.destroy();
      return;
    }
    this.candidates.add(socket);
    const decoder = new FrameDecoder(this.options.maxFrameBytes);
    const refuse = (why: string): void => {
      this.onProtocolError.fire(`refused a connection: ${why}`);
      this.candidates.delete(socket);
      socket.destroy();
    };
    socket.setTimeout(FIRST_FRAME_TIMEOUT_MS, () => refuse('no hello in time'));
    socket.on('error', () => {
      /* 'close' follows and does the cleanup */
    });
    socket.on('close', () => {
      this.candidates.delete(socket);
      if (this.socket === socket) this.shutdown('the agent closed the connection');
    });
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (this.socket === socket) {
          this.onProtocolError.fire(`dropping the connection: ${message}`);
          socket.destroy();
        } else {
          refuse(message);
        }
        return;
      }
      for (const body of frames) {
        if (socket.destroyed) return;
        if (this.socket === socket) this.handleFrame(body);
        else this.handleFirstFrame(socket, body, refuse);
      }
    });
  }

  private handleFirstFrame(socket: Socket, body: Buffer, refuse: (why: string) => void): void {
    const parsed = HelloFrame.safeParse(parseJson(body));
    if (!parsed.success) {
      refuse('the first frame was not a valid hello');
      return;
    }
    if (!tokensMatch(parsed.data.token, this.token)) {
      refuse('wrong token');
      return;
    }
    if (this.socket || this.closed) {
      refuse('an agent is already connected');
      return;
    }
    socket.setTimeout(0);
    this.candidates.delete(socket);
    for (const other of this.candidates) other.destroy();
    this.candidates.clear();
    this.socket = socket;
    this.helloFrame = parsed.data;
    // The single agent is in: stop accepting so nobody else can even try a token.
    this.server.close();
    this.onHello.fire(parsed.data);
  }

  private handleFrame(body: Buffer): void {
    const json = parseJson(body);
    if (json === undefined) {
      this.onProtocolError.fire(`dropped a frame that is not JSON: ${preview(body)}`);
      return;
    }
    const type = (json as { type?: unknown } | null)?.type;
    if (type === 'event') {
      const event = EventFrame.safeParse(json);
      if (event.success) this.onEvent.fire(event.data);
      else this.onProtocolError.fire(`dropped an invalid event: ${describeIssues(event.error)}`);
    } else if (type === 'reply') {
      this.handleReply(json);
    } else {
      this.onProtocolError.fire(`dropped a frame of unexpected type: ${preview(body)}`);
    }
  }

  private handleReply(json: unknown): void {
    const reply = ReplyFrame.safeParse(json);
    if (!reply.success) {
      const id = (json as { id?: unknown }).id;
      this.onProtocolError.fire(`dropped an invalid reply: ${describeIssues(reply.error)}`);
      // The id may still be readable: fail that request now rather than at its timeout.
      if (typeof id === 'number') {
        this.settle(id, (p) =>
          p.reject(
            new AgentRequestError('bad_reply', `the agent sent an invalid ${p.method} reply`),
          ),
        );
      }
      return;
    }
    const frame = reply.data;
    const found = this.settle(frame.id, (p) => {
      if (!frame.ok) {
        p.reject(
          new AgentRequestError(frame.error.code, frame.error.message, frame.error.diagnostics),
        );
        return;
      }
      const result = checkResult(p.method, frame.result);
      if (result.ok) {
        p.resolve(result.value);
      } else {
        this.onProtocolError.fire(`invalid ${p.method} result: ${result.why}`);
        p.reject(new AgentRequestError('bad_reply', `invalid ${p.method} result: ${result.why}`));
      }
    });
    // A reply whose request already timed out is expected, not an error worth shouting about.
    if (!found && frame.id >= this.nextId) {
      this.onProtocolError.fire(`dropped a reply to unknown request ${frame.id}`);
    }
  }

  private settle(id: number, fn: (pending: Pending) => void): boolean {
    const pending = this.pending.get(id);
    if (!pending) return false;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    fn(pending);
    return true;
  }

  private shutdown(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.destroy();
    this.server.close();
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(
        new AgentRequestError(
          LINK_ERROR_CODES.vmDown,
          `${pending.method} failed: the VM went away (${reason})`,
        ),
      );
    }
    this.onClose.fire(reason);
  }
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Constant-time compare so the token cannot be guessed byte by byte from timings.
  return a.length === b.length && timingSafeEqual(a, b);
}
