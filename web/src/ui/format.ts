import i18n from '../i18n';
import { workspaceDatePattern, workspaceDecimal } from './workspace-format';

// The same locales as ui/dates.ts `localeOf`, which is not imported: this file is in the sign-in page's shell.
const localeTag = () => (i18n.language.startsWith('vi') ? 'vi-VN' : 'en-GB');
const vietnamese = () => i18n.language.startsWith('vi');

// Building an Intl formatter costs ~0.3 ms (ICU data lookup); formatting with a built one ~1 µs. List cells
// format on every render (a virtualised list re-renders its ~40 visible rows each scroll frame), so the
// formatters are built once per locale and options and reused.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** A shared `Intl.DateTimeFormat` (built once per locale and options). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached('dt', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** A shared `Intl.NumberFormat` (built once per locale and options). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
}

// Vietnamese readers write dates as dd/mm/yyyy (issue 14 item 3): numeric there, the medium style in English.
const NUMERIC_DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

/**
 * A date in the workspace's pattern (Settings › Workspace, ui/workspace-format.ts), or null when the workspace
 * has none and dates follow the UI language. `utc` reads a calendar day (YYYY-MM-DD) as that day everywhere.
 */
function inWorkspacePattern(d: Date, utc: boolean): string | null {
  const pattern = workspaceDatePattern();
  if (!pattern) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  const [y, m, day] = utc ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] : [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  return pattern.replace('YYYY', String(y)).replace('MM', two(m)).replace('DD', two(day));
}

/**
 * A number with the workspace's separators (1.234,5 or 1,234.5; the UI language's when the workspace sets none).
 * @example formatNumber(1234.5) // '1.234,5' with the Vietnamese format
 */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = {}): string {
  const decimal = workspaceDecimal();
  return numberFormat(decimal === ',' ? 'vi-VN' : decimal === '.' ? 'en-US' : localeTag(), options).format(n);
}

/** Date and time in the UI language, e.g. "24 Nov 2026, 14:05" / "14:05 24/11/2026". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const ws = inWorkspacePattern(d, false);
  if (ws) return `${ws} ${dateTimeFormat(localeTag(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)}`;
  const options: Intl.DateTimeFormatOptions = vietnamese() ? { ...NUMERIC_DATE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { dateStyle: 'medium', timeStyle: 'short' };
  return dateTimeFormat(localeTag(), options).format(d);
}

/**
 * A date in the UI language: "21 Jul 1990" / "21/07/1990". A bare `YYYY-MM-DD` is a calendar day, shown as
 * that day in every time zone (read as UTC midnight, formatted in UTC).
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const ws = inWorkspacePattern(d, /^\d{4}-\d{2}-\d{2}$/.test(iso));
  if (ws) return ws;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { timeZone: 'UTC' } : {};
  return dateTimeFormat(localeTag(), vietnamese() ? { ...NUMERIC_DATE, ...day } : { dateStyle: 'medium', ...day }).format(d);
}

/** "3 minutes ago" / "3 phút trước". */
export function formatRelative(iso: string, now = Date.now()): string {
  const diff = (new Date(iso).getTime() - now) / 1000;
  const locale = localeTag();
  const rtf = cached('rt', locale, { numeric: 'auto' }, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diff / 86400), 'day');
  return formatDate(iso);
}

/** Lowercase without diacritics (đ → d), so "nguyen" matches "Nguyễn" in client-side filters. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}
