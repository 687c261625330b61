/** Pure helpers of duplicate detection (the scoring itself: scoring.logic.ts; the merge: merge.logic.ts). */

/** Pair key in id order: stored pairs always have a_id < b_id. Example: pairKey('b', 'a') → ['a', 'b']. */
export function pairKey(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}
