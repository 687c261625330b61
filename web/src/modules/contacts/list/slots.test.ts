import { describe, expect, it } from 'vitest';
import { slotCount, slotWindow } from './slots';

const range = (startIndex: number, endIndex: number, count = 10_000) => ({ startIndex, endIndex, overscan: 6, count });

describe('slotWindow', () => {
  it('always holds exactly `slots` rows, whatever the visible range', () => {
    const slots = slotCount(700, 44, 6);
    expect(slots).toBe(29);
    for (const [s, e] of [[10, 25], [10, 26], [11, 26], [0, 15], [9984, 9999]] as const) {
      const w = slotWindow(range(s, e), slots);
      expect(w).toHaveLength(slots);
      expect(w[0]).toBeLessThanOrEqual(Math.max(0, s - 6));
      expect(w[w.length - 1]).toBeGreaterThanOrEqual(Math.min(9999, e + 6));
      expect(w.every((x, i) => i === 0 || x === w[i - 1]! + 1)).toBe(true);
    }
  });

  it('stays inside the list at both ends, and is the whole list when that is shorter', () => {
    expect(slotWindow(range(0, 15), 29)[0]).toBe(0);
    expect(slotWindow(range(9990, 9999), 29).at(-1)).toBe(9999);
    expect(slotWindow(range(0, 15, 20), 29)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('gives each row in the window its own slot, and a sliding window reuses the slots of the rows it leaves', () => {
    const slots = 29;
    const a = slotWindow(range(100, 115), slots).map((i) => i % slots);
    expect(new Set(a).size).toBe(slots);
    const b = slotWindow(range(103, 118), slots).map((i) => i % slots);
    expect(new Set(b)).toEqual(new Set(a));
  });
});
