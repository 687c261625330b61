import { describe, expect, it } from 'vitest';
import { pickEntry, validOn, type PriceEntry } from './pricing.logic.js';

const e = (priceListId: string, minQuantity: number, unitPrice: number, customerGroup: string | null = null): PriceEntry => ({ priceListId, minQuantity, unitPrice, customerGroup });

describe('pickEntry', () => {
  const entries = [e('all', 1, 1000), e('all', 10, 900), e('all', 50, 800), e('dealer', 1, 950, 'dealer'), e('dealer', 20, 700, 'dealer')];
  it('takes the largest break at or below the quantity', () => {
    expect(pickEntry(entries, 1, null)?.unitPrice).toBe(1000);
    expect(pickEntry(entries, 9, null)?.unitPrice).toBe(1000);
    expect(pickEntry(entries, 10, null)?.unitPrice).toBe(900);
    expect(pickEntry(entries, 49, null)?.unitPrice).toBe(900);
    expect(pickEntry(entries, 500, null)?.unitPrice).toBe(800);
  });
  it("prefers the customer's group list, and ignores other groups' lists", () => {
    expect(pickEntry(entries, 5, 'dealer')?.unitPrice).toBe(950);
    expect(pickEntry(entries, 60, 'dealer')?.unitPrice).toBe(700);
    expect(pickEntry(entries, 60, 'gold')?.unitPrice).toBe(800);
  });
  it('no entry below the quantity → null; ties take the lower price', () => {
    expect(pickEntry([e('a', 5, 100)], 4, null)).toBeNull();
    expect(pickEntry([e('a', 5, 100), e('b', 5, 90)], 5, null)?.priceListId).toBe('b');
    expect(pickEntry([], 1, null)).toBeNull();
  });
});

describe('validOn', () => {
  it('bounds are inclusive; open bounds; inactive never', () => {
    const l = { valid_from: '2026-12-01', valid_to: '2026-12-31', active: 1 };
    expect(validOn(l, '2026-11-30')).toBe(false);
    expect(validOn(l, '2026-12-01')).toBe(true);
    expect(validOn(l, '2026-12-31')).toBe(true);
    expect(validOn(l, '2027-01-01')).toBe(false);
    expect(validOn({ valid_from: null, valid_to: null, active: 1 }, '2030-01-01')).toBe(true);
    expect(validOn({ ...l, active: 0 }, '2026-12-10')).toBe(false);
  });
});
