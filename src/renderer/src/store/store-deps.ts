/** What the store's slices need from outside: the transport, injected so tests can fake it. */
import type { Transport } from '../../../shared/contract';

/** Dependencies every slice factory receives. */
export interface StoreDeps {
  /** Resolved lazily so a store can be built before the host connection exists. */
  transport: () => Transport;
}
