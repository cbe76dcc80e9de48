import { describe, expect, it } from 'vitest';
import type { ModuleEvent } from '../../../../shared/models';
import { filterEvents } from './event-filter';

const events: ModuleEvent[] = [
  { seq: 1, at: 1, kind: 'source_written', origin: 'user', path: 'lib/shop/cart.ex' },
  {
    seq: 2,
    at: 2,
    kind: 'recompiled',
    origin: 'user',
    mod: 'Shop.Cart',
    payload: { mod: 'Shop.Cart', source_hash: null, functions: null },
  },
  { seq: 3, at: 3, kind: 'recompiled', origin: 'external', mod: 'Shop.Checkout' },
];

describe('event filter', () => {
  it('filters by kind and by text over module, path and origin', () => {
    expect(filterEvents(events, { kind: 'all', text: '' })).toHaveLength(3);
    expect(filterEvents(events, { kind: 'recompiled', text: '' }).map((e) => e.seq)).toEqual([
      2, 3,
    ]);
    expect(filterEvents(events, { kind: 'all', text: 'cart' }).map((e) => e.seq)).toEqual([1, 2]);
    expect(
      filterEvents(events, { kind: 'recompiled', text: 'external' }).map((e) => e.seq),
    ).toEqual([3]);
  });
});
