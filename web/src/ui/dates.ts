/**
 * Dates as the user writes them: the numeric pattern of their language (dd/mm/yyyy in Vietnamese, the English
 * locale's own order otherwise), parsed from what they type and formatted back. Values on the wire stay
 * ISO (`YYYY-MM-DD`, `--MM-DD` for a year-less birthday, ISO 8601 instants); the pickers hold local
 * `YYYY-MM-DD HH:mm:ss` for date-times (what @mantine/dates uses). Pure: no React, no @mantine/dates, so the
 * shell can format without loading the picker.
 *
 * @example
 *   userDatePattern('vi')                       // 'DD/MM/YYYY'
 *   parseDateText('21/7/1990', 'DD/MM/YYYY')    // '1990-07-21'
 *   formatDateText('1990-07-21', 'MM/DD/YYYY')  // '07/21/1990'
 */

import { workspaceDatePattern } from './workspace-format';

/** The Intl locale each UI language formats with (English follows British usage: day before month). */
export function localeOf(language: string): string {
  return language.startsWith('vi') ? 'vi-VN' : 'en-GB';
}

const patterns = new Map<string, string>();

/**
 * A locale's numeric date as dayjs tokens, read from Intl: 'en-GB' → 'DD/MM/YYYY', 'en-US' → 'MM/DD/YYYY',
 * 'de-DE' → 'DD.MM.YYYY', 'sv-SE' → 'YYYY-MM-DD'.
 */
export function datePatternFor(locale: string): string {
  let p = patterns.get(locale);
  if (p) return p;
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(2000, 10, 22));
  const token: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { day: 'DD', month: 'MM', year: 'YYYY' };
  p = parts.map((x) => token[x.type] ?? (x.type === 'literal' ? x.value : '')).join('');
  if (!/DD/.test(p) || !/MM/.test(p) || !/YYYY/.test(p)) p = 'YYYY-MM-DD';
  patterns.set(locale, p);
  return p;
}

/** The pattern a user types and reads dates in: the workspace's, else always dd/mm/yyyy in Vietnamese. */
export function userDatePattern(language: string): string {
  // The workspace's date format (Settings › Workspace), once an administrator chose one, wins over the language.
  const workspace = workspaceDatePattern();
  if (workspace) return workspace;
  return language.startsWith('vi') ? 'DD/MM/YYYY' : datePatternFor(localeOf(language));
}

type Part = 'D' | 'M' | 'Y';
/** The order of day, month and year in a pattern: 'DD/MM/YYYY' → ['D', 'M', 'Y']. */
function orderOf(pattern: string): Part[] {
  return (pattern.match(/DD|MM|YYYY/g) ?? ['YYYY', 'MM', 'DD']).map((t) => t[0] as Part);
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Whether year-month-day is a day of the calendar (29 February only in leap years). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/**
 * What the user typed → `YYYY-MM-DD`, or null when it is not a whole date. The parts follow the pattern's
 * order, with any of `/ . - space` between them and one or two digits for day and month; the year needs four
 * digits (so "21/07/19" typed on the way to 1990 is not taken for 2019). ISO `1990-07-21` is always accepted.
 * @example parseDateText('21.7.1990', 'DD/MM/YYYY') → '1990-07-21'; parseDateText('31/02/1990', 'DD/MM/YYYY') → null
 */
export function parseDateText(text: string, pattern: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const nums = iso ? [iso[1]!, iso[2]!, iso[3]!] : /^\d{1,4}[/.\-\s]+\d{1,4}[/.\-\s]+\d{1,4}$/.test(s) ? s.split(/[/.\-\s]+/) : null;
  if (!nums || nums.length !== 3) return null;
  const order: Part[] = iso ? ['Y', 'M', 'D'] : orderOf(pattern);
  const at = (p: Part) => nums[order.indexOf(p)]!;
  if (at('Y').length !== 4 || at('D').length > 2 || at('M').length > 2) return null;
  const [y, m, d] = [Number(at('Y')), Number(at('M')), Number(at('D'))];
  return isCalendarDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

/**
 * A date and an optional time (`H:mm` or `HH:mm:ss`, 24-hour) → local `YYYY-MM-DD HH:mm:ss`, or null.
 * @example parseDateTimeText('21/07/1990 14:05', 'DD/MM/YYYY') → '1990-07-21 14:05:00'
 */
export function parseDateTimeText(text: string, pattern: string): string | null {
  const m = /^(.*?)(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const date = parseDateText(m[1] ?? '', pattern);
  if (!date) return null;
  const [h, min, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  return `${date} ${pad(h)}:${pad(min)}:${pad(sec)}`;
}

/** The pattern without its year: 'DD/MM/YYYY' → 'DD/MM', 'YYYY-MM-DD' → 'MM-DD'. */
export function monthDayPattern(pattern: string): string {
  return pattern.startsWith('YYYY') ? pattern.replace(/^YYYY[^DM]*/, '') : pattern.replace(/[^DM]*YYYY[^DM]*$/, '').replace(/[^DM]*YYYY/, '');
}

/**
 * A day and month without a year → `--MM-DD` (29 February allowed), or null.
 * @example parseMonthDayText('21/7', 'DD/MM/YYYY') → '--07-21'; parseMonthDayText('7/21', 'MM/DD/YYYY') → '--07-21'
 */
export function parseMonthDayText(text: string, pattern: string): string | null {
  const s = text.trim();
  if (!/^\d{1,2}[/.\-\s]+\d{1,2}$/.test(s)) return null;
  const nums = s.split(/[/.\-\s]+/);
  const order = orderOf(pattern).filter((p) => p !== 'Y');
  const [m, d] = [Number(nums[order.indexOf('M')]), Number(nums[order.indexOf('D')])];
  return isCalendarDate(2000, m, d) ? `--${pad(m)}-${pad(d)}` : null;
}

/**
 * `YYYY-MM-DD` (or local `YYYY-MM-DD HH:mm[:ss]`, shown with its time) in the pattern; anything else unchanged.
 * @example formatDateText('1990-07-21', 'DD/MM/YYYY') → '21/07/1990'; formatDateText('1990-07-21 14:05:00', 'DD/MM/YYYY') → '21/07/1990 14:05'
 */
export function formatDateText(value: string | null | undefined, pattern: string): string {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(value) : null;
  if (!m) return value ?? '';
  const date = pattern.replace('YYYY', m[1]!).replace('MM', m[2]!).replace('DD', m[3]!);
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}

/** `--MM-DD` in the pattern without a year: formatMonthDayText('--07-21', 'DD/MM/YYYY') → '21/07'. */
export function formatMonthDayText(value: string | null | undefined, pattern: string): string {
  const m = value ? /^--(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return value ?? '';
  return monthDayPattern(pattern).replace('MM', m[1]!).replace('DD', m[2]!);
}

/** An ISO instant → the local `YYYY-MM-DD HH:mm:ss` a date-time picker holds ('' when empty or invalid). */
export function isoToLocal(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A picker's local `YYYY-MM-DD HH:mm[:ss]` (or `YYYY-MM-DDTHH:mm`) → ISO UTC, or null when empty or invalid. */
export function localToIso(local: string | null | undefined): string | null {
  const m = local ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(local) : null;
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
