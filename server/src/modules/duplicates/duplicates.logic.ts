/** Pure calculations for duplicate detection and merging. */

/** Name key for comparison: accents stripped, đ→d, lowercase, tokens sorted (so "Nguyen Van A" = "A Nguyen Van"). */
export function nameKey(given: string | null | undefined, family: string | null | undefined): string {
  const text = [given, family].filter(Boolean).join(' ')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ');
  return text.split(/\s+/).filter(Boolean).sort().join(' ');
}

/** Trigrams as pg_trgm builds them: each word padded with two spaces before and one after. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.split(/\s+/).filter(Boolean)) {
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}

/** Jaccard similarity of trigram sets (pg_trgm's similarity()). trigramSimilarity('nguyen an', 'nguyen anh') ≈ 0.64. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (!ta.size || !tb.size) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

/** Edit distance (insert, delete, substitute), two-row dynamic programming. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Name similarity 0..1: the better of trigram similarity and normalised edit distance, on name keys. */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const lev = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  return Math.max(trigramSimilarity(a, b), lev);
}

/** Names at the same company at least this similar are candidates. */
export const NAME_THRESHOLD = 0.75;

export type Reason = 'email' | 'phone' | 'name_company';
const weights: Record<Reason, number> = { email: 0.9, phone: 0.8, name_company: 0.6 };

/** Combined score of independent reasons: 1 − Π(1 − wᵢ), rounded to 3 decimals. Example: email+phone → 0.98. */
export function scoreOf(reasons: Iterable<Reason>, nameSim = 1): number {
  let miss = 1;
  for (const r of new Set(reasons)) miss *= 1 - weights[r] * (r === 'name_company' ? nameSim : 1);
  return Math.round((1 - miss) * 1000) / 1000;
}

/** Pair key in id order. */
export function pairKey(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/** Accumulates reasons per unordered pair. */
export class PairSet {
  readonly pairs = new Map<string, { a: string; b: string; reasons: Set<Reason>; nameSim: number }>();
  add(x: string, y: string, reason: Reason, nameSim = 1): void {
    if (x === y) return;
    const [a, b] = pairKey(x, y);
    const k = `${a}|${b}`;
    const p = this.pairs.get(k) ?? { a, b, reasons: new Set<Reason>(), nameSim: 0 };
    p.reasons.add(reason);
    if (reason === 'name_company') p.nameSim = Math.max(p.nameSim, nameSim);
    this.pairs.set(k, p);
  }
  /** Every pair of a group sharing one value; groups larger than `cap` are cut (a shared info@ address is no signal). */
  addGroup(ids: string[], reason: Reason, cap = 50): void {
    const g = [...new Set(ids)].slice(0, cap);
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) this.add(g[i]!, g[j]!, reason);
  }
}
