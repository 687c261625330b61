/** Pure parts of the forecast: periods, categories, attainment. */

/** First and last day (YYYY-MM-DD) of a month `2026-12` or quarter `2026-Q4`, and the months it covers. */
export function periodRange(period: string): { from: string; to: string; months: string[] } {
  const year = Number(period.slice(0, 4));
  const q = /Q([1-4])$/.exec(period);
  const first = q ? (Number(q[1]) - 1) * 3 + 1 : Number(period.slice(5, 7));
  const count = q ? 3 : 1;
  const months = Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
  const lastMonth = first + count - 1;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { from: `${months[0]}-01`, to: `${months.at(-1)}-${String(lastDay).padStart(2, '0')}`, months };
}

/** The quarter containing `date` in `timeZone`, e.g. 2026-Q4. */
export function currentQuarter(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  const year = parts.find((p) => p.type === 'year')!.value;
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export type Category = 'won' | 'commit' | 'best_case' | 'pipeline' | 'omitted' | 'lost';

/** Where one deal counts: won and lost by status; an open deal by its forecast category (default pipeline). */
export function categoryOf(status: string | null, forecastCategory: string | null): Category {
  if (status === 'won') return 'won';
  if (status === 'lost') return 'lost';
  if (forecastCategory === 'commit' || forecastCategory === 'best_case' || forecastCategory === 'omitted') return forecastCategory;
  return 'pipeline';
}

/** won / quota rounded to 4 decimals; null without a positive quota. */
export function attainment(won: number, quota: number | null): number | null {
  return quota && quota > 0 ? Math.round((won / quota) * 10_000) / 10_000 : null;
}

/**
 * The quota of a period from stored rows: the period's own row when set, else the sum of its months' rows (a
 * quarter from monthly quotas), else null.
 */
export function quotaFor(period: string, months: string[], byPeriod: Map<string, number>): number | null {
  if (byPeriod.has(period)) return byPeriod.get(period)!;
  const monthly = months.filter((m) => byPeriod.has(m));
  return monthly.length ? monthly.reduce((s, m) => s + byPeriod.get(m)!, 0) : null;
}
