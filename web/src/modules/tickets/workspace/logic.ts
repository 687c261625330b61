/**
 * Pure helpers of the ticket workspace (logic.test.ts): the SLA clock's words, the next/previous ticket of the list
 * the agent came from, and a canned response inserted into the composer's text.
 */

/**
 * The time left to (or past) a due, in whole minutes, as `{ minutes, past }`.
 * @example remaining('2026-12-07T11:30:00Z', Date.parse('2026-12-07T10:00:00Z')) // { minutes: 90, past: false }
 */
export function remaining(due: string, now: number): { minutes: number; past: boolean } {
  const ms = Date.parse(due) - now;
  return { minutes: Math.floor(Math.abs(ms) / 60_000), past: ms < 0 };
}

/** `{ d, h, m }` of a count of minutes, for "2 d 3 h" / "45 min" wording. */
export function split(minutes: number): { d: number; h: number; m: number } {
  return { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 };
}

/**
 * The id of the ticket `step` places away from `id` in the list's order (j: +1, k: -1), or null at either end or
 * when the ticket is not in the list.
 * @example neighbour(['a', 'b', 'c'], 'b', 1) // 'c'
 */
export function neighbour(ids: string[], id: string, step: 1 | -1): string | null {
  const i = ids.indexOf(id);
  if (i < 0) return null;
  return ids[i + step] ?? null;
}

/**
 * The composer's text with `insert` put at the cursor (a blank line apart from text around it).
 * @example insertAt('Hello', 5, 'Thanks') // 'Hello\n\nThanks'
 */
export function insertAt(text: string, at: number, insert: string): { text: string; cursor: number } {
  const before = text.slice(0, at).replace(/\s+$/, '');
  const after = text.slice(at).replace(/^\s+/, '');
  const head = before ? `${before}\n\n` : '';
  const out = `${head}${insert}${after ? `\n\n${after}` : ''}`;
  return { text: out, cursor: head.length + insert.length };
}
