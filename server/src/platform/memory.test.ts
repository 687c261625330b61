import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbageAbove } from './memory.js';

/** Leaves ~20 MB of unreachable objects behind; returns how many it made. */
function makeGarbage(): number {
  const rows = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `row ${i}` }));
  return rows.length;
}

describe('collectGarbageAbove', () => {
  it('leaves the heap alone below the limit', () => {
    expect(collectGarbageAbove(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('collects garbage once the heap in use passes the limit', () => {
    expect(makeGarbage()).toBe(300_000);
    const before = v8.getHeapStatistics().used_heap_size;
    expect(collectGarbageAbove(0)).toBe(true);
    // The 300k objects are gone: the heap in use shrank by most of them.
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(before - 10 * 2 ** 20);
  });
});
