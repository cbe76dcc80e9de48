import { describe, expect, it } from 'vitest';
import { blankEntry } from '../../store/module-entry';
import { buildTreeRows, matchesFilter, namespaceOf } from './module-tree';

const entries = [
  blankEntry('Shop', 'shop', 'lib/shop.ex'),
  blankEntry('Shop.Cart', 'shop', 'lib/shop/cart.ex'),
  blankEntry('Shop.Cart.Item', 'shop', 'lib/shop/cart/item.ex'),
  blankEntry('Shop.Checkout', 'shop', 'lib/shop/checkout.ex'),
  blankEntry('Helpers.Money', 'helpers', 'lib/money.ex'),
  blankEntry('Loose', null, null),
];

const labels = (rows: ReturnType<typeof buildTreeRows>): string[] =>
  rows.map((r) => `${r.level}:${r.label}`);

describe('module tree', () => {
  it('groups by app (main app first) then namespace', () => {
    const rows = buildTreeRows(entries, { filter: '', collapsed: {}, mainApp: 'shop' });
    expect(labels(rows)).toEqual([
      '1:shop',
      '2:Shop',
      '3:Shop',
      '3:Cart',
      '3:Checkout',
      '2:Shop.Cart',
      '3:Item',
      '1:helpers',
      '2:Helpers',
      '3:Money',
      '1:(no app)',
      '2:Loose',
    ]);
  });

  it('hides collapsed groups but keeps their header', () => {
    const rows = buildTreeRows(entries, {
      filter: '',
      collapsed: { 'app:helpers': true, 'ns:shop:Shop': true },
      mainApp: 'shop',
    });
    expect(labels(rows)).toEqual([
      '1:shop',
      '2:Shop',
      '2:Shop.Cart',
      '3:Item',
      '1:helpers',
      '1:(no app)',
      '2:Loose',
    ]);
  });

  it('filters case-insensitively by every term and expands groups while filtering', () => {
    const rows = buildTreeRows(entries, {
      filter: 'cart ITEM',
      collapsed: { 'app:shop': true },
      mainApp: 'shop',
    });
    expect(labels(rows)).toEqual(['1:shop', '2:Shop.Cart', '3:Item']);
    expect(matchesFilter('Shop.Checkout', 'chk')).toBe(false);
    expect(namespaceOf('Shop.Cart.Item')).toBe('Shop.Cart');
    expect(namespaceOf('Shop')).toBe('');
  });
});
