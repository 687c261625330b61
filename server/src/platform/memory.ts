/**
 * Keeps a long batch job's memory flat (imports): V8 lets the old space fill with the garbage of finished
 * batches before a major collection, to several times the live heap (a 1M-row contact import: ~30 MB live,
 * collected at ~130 MB, which with SQLite's page cache took the process past 300 MB). A collector made here is
 * called between batches and collects in full once the heap in use has grown by `growthBytes` since its last
 * collection — relative to what is live, so a server process with a large live heap does not collect after
 * every batch.
 * `--expose-gc` set at run time gives contexts created afterwards a `gc` global; one is created here once.
 * Does nothing if the runtime refuses.
 * Example: const collect = heapCollector(32 * 2 ** 20); for (const batch of batches) { …; collect(); }
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

function fullCollection(): (() => void) | null {
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

const usedHeap = () => v8.getHeapStatistics().used_heap_size;

/** Returns a function that runs a full collection when the heap in use has grown by more than `growthBytes`
 *  since the collector was made or last collected; it returns true when it collected. */
export function heapCollector(growthBytes: number): () => boolean {
  let base = usedHeap();
  return () => {
    if (usedHeap() <= base + growthBytes) return false;
    const run = fullCollection();
    if (!run) return false;
    run();
    base = usedHeap();
    return true;
  };
}
