/**
 * Row recycling for the virtualised grid (VirtualTable): a fixed number of row elements ("slots") shows
 * whatever rows are in the window, row i always in slot i mod `slots`. For that to reuse every element, the
 * window must always be exactly `slots` rows long (or the whole list, if shorter): a window one row shorter
 * leaves a slot out, and the next slide unmounts one element and mounts another.
 * Example: slotCount(700, 44, 6) → 29; slotWindow({ startIndex: 10, endIndex: 25, overscan: 6, count: 10000 }, 29)
 * → 4…32.
 */

/** How many rows the window can ever hold: the rows a viewport of `viewportPx` shows, plus the overscan on both sides. */
export function slotCount(viewportPx: number, rowPx: number, overscan: number): number {
  return Math.ceil(viewportPx / rowPx) + 1 + 2 * overscan;
}

/** The visible range (TanStack Virtual's `Range`) widened by its overscan, then to exactly `slots` rows. */
export function slotWindow(range: { startIndex: number; endIndex: number; overscan: number; count: number }, slots: number): number[] {
  const n = Math.min(range.count, Math.max(slots, range.endIndex - range.startIndex + 1 + 2 * range.overscan));
  let start = Math.max(0, range.startIndex - range.overscan);
  if (start + n > range.count) start = range.count - n;
  return Array.from({ length: n }, (_, i) => start + i);
}
