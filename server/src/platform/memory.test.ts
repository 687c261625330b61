import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapCollector } from './memory.js';

/** Leaves ~20 MB of unreachable objects behind; returns how many it made. */
function makeGarbage(): number {
  const rows = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `row ${i}` }));
  return rows.length;
}

describe('heapCollector', () => {
  it('leaves the heap alone until it has grown by the given amount', () => {
    expect(heapCollector(Number.MAX_SAFE_INTEGER)()).toBe(false);
  });

  it('collects the garbage once the heap has grown, then measures growth from what is left', () => {
    const collect = heapCollector(5 * 2 ** 20);
    expect(makeGarbage()).toBe(300_000);
    const before = v8.getHeapStatistics().used_heap_size;
    expect(collect()).toBe(true);
    // The 300k objects are gone: the heap in use shrank by most of them.
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(before - 10 * 2 ** 20);
    // Right after a collection the heap has not grown: nothing to do.
    expect(collect()).toBe(false);
  });
});
