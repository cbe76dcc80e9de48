/** A Transport for renderer unit tests: records every request and lets a test emit events. */
import type {
  EventChannel,
  EventPayloads,
  RequestChannel,
  RequestInput,
  RequestOutput,
  Transport,
} from '../../../shared/contract';

/** One recorded request. */
export interface RecordedCall {
  channel: RequestChannel;
  input: unknown;
}

type Responder = (input: unknown) => unknown;

/** The fake: answers with the responders a test registers; fails loudly for anything else. */
export class RecordingTransport implements Transport {
  readonly calls: RecordedCall[] = [];
  private readonly responders = new Map<RequestChannel, Responder>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  /** Registers the answer to a channel. */
  respond<C extends RequestChannel>(
    channel: C,
    answer: (input: RequestInput<C>) => RequestOutput<C>,
  ): this {
    this.responders.set(channel, answer as Responder);
    return this;
  }

  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
    this.calls.push({ channel, input });
    const responder = this.responders.get(channel);
    if (!responder) return Promise.reject(new Error(`unexpected request ${channel}`));
    try {
      return Promise.resolve(responder(input) as RequestOutput<C>);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  on<E extends EventChannel>(
    channel: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  /** Delivers an event as the host would. */
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }

  /** The recorded calls of one channel. */
  callsTo(channel: RequestChannel): RecordedCall[] {
    return this.calls.filter((call) => call.channel === channel);
  }
}
