/**
 * Keeps a long batch job's memory flat (imports): V8 lets the old space fill with the garbage of finished
 * batches before a major collection, to several times the live heap (a 1M-row contact import: ~30 MB live,
 * collected at ~130 MB, which with SQLite's page cache took the process past 300 MB). Called between batches,
 * this collects in full once the heap in use passes `limitBytes`.
 * `--expose-gc` set at run time gives contexts created afterwards a `gc` global; one is created here once.
 * Does nothing if the runtime refuses.
 * Example: collectGarbageAbove(64 * 2 ** 20);
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const fn: unknown = vm.runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** Runs a full collection when more than `limitBytes` of the heap is in use; true when it collected. */
export function collectGarbageAbove(limitBytes: number): boolean {
  if (v8.getHeapStatistics().used_heap_size <= limitBytes) return false;
  const run = collector();
  run?.();
  return run !== null;
}
