/** Pure helpers of the forecast page: the periods offered, money in minor units. */

/** The quarter or month containing `date`, e.g. 2026-Q4 / 2026-12. */
export function periodOf(date: Date, kind: 'quarter' | 'month'): string {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  return kind === 'quarter' ? `${y}-Q${Math.floor((m - 1) / 3) + 1}` : `${y}-${String(m).padStart(2, '0')}`;
}

/** `before` periods back and `after` ahead of the one containing `date`, oldest first. */
export function periodsAround(date: Date, kind: 'quarter' | 'month', before: number, after: number): string[] {
  const step = kind === 'quarter' ? 3 : 1;
  const out: string[] = [];
  for (let i = -before; i <= after; i++) out.push(periodOf(new Date(date.getFullYear(), date.getMonth() + i * step, 1), kind));
  return out;
}

/** A period's label: "Q4 2026" / "Quý 4/2026", "December 2026" / "Tháng 12/2026". */
export function periodLabel(period: string, lang: string): string {
  const year = period.slice(0, 4);
  const q = /Q([1-4])$/.exec(period);
  if (q) return lang === 'vi' ? `Quý ${q[1]}/${year}` : `Q${q[1]} ${year}`;
  const month = Number(period.slice(5, 7));
  if (lang === 'vi') return `Tháng ${month}/${year}`;
  return new Date(Number(year), month - 1, 1).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });
}

/** Integer minor units → a formatted amount in `currency` (VND has no minor unit, USD two). */
export function formatMoney(minor: number, currency: string, lang: string): string {
  const f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { style: 'currency', currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 0;
  return f.format(minor / 10 ** digits);
}

/** Minor units of a typed major amount. */
export function toMinor(major: number, currency: string): number {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0;
  return Math.round(major * 10 ** digits);
}
