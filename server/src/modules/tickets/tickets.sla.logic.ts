/**
 * Business-hours arithmetic of the SLA clock: a calendar (IANA time zone, working intervals per weekday in local
 * time, holidays as local dates) and the two operations the SLA needs, walking local days instead of minutes.
 * Checked against a minute-by-minute reference by property tests (tickets.sla.logic.test.ts).
 */

/** A working interval of a weekday, in minutes after local midnight: `[start, end)`, 0 ≤ start < end ≤ 1440. */
export interface WorkInterval { start: number; end: number }

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Asia/Ho_Chi_Minh`. */
  timeZone: string;
  /** Working intervals per weekday, 0 = Sunday … 6 = Saturday (missing = a day off). */
  hours: Partial<Record<number, WorkInterval[]>>;
  /** Local dates (`YYYY-MM-DD`) that are days off whatever their weekday. */
  holidays: ReadonlySet<string> | readonly string[];
}

const MINUTE = 60_000;
/** How far the arithmetic looks for working time before giving up (a calendar whose only hours fall on holidays). */
const MAX_DAYS = 3 * 366;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatOf(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock parts of an instant in a zone. */
export function localParts(ms: number, timeZone: string): { y: number; m: number; d: number; minute: number } {
  const p: Record<string, number> = {};
  for (const x of formatOf(timeZone).formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year!, m: p.month!, d: p.day!, minute: (p.hour! % 24) * 60 + p.minute! };
}

/** UTC offset (ms) of a zone at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const l = localParts(ms, timeZone);
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  return Date.UTC(l.y, l.m - 1, l.d, 0, l.minute) - floored;
}

/** The instant of a local wall-clock time (the later offset wins in a DST overlap; a skipped time moves forward). */
export function localToUtc(y: number, m: number, d: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, 0, minute);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

const dateKey = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const has = (h: BusinessCalendar['holidays'], key: string) => (h instanceof Set ? h.has(key) : (h as readonly string[]).includes(key));

/** Whether a calendar has any working time in its week (a calendar without is refused: 400 naming `hours`). */
export function hasWorkingHours(cal: Pick<BusinessCalendar, 'hours'>): boolean {
  return Object.values(cal.hours).some((list) => (list ?? []).some((i) => i.end > i.start));
}

/** The working intervals, as instants, of each local day from the day holding `fromMs` on. */
function* workingSpans(cal: BusinessCalendar, fromMs: number): Generator<[number, number]> {
  const first = localParts(fromMs, cal.timeZone);
  for (let k = 0; k < MAX_DAYS; k++) {
    const day = new Date(Date.UTC(first.y, first.m - 1, first.d + k));
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (has(cal.holidays, dateKey(y, m, d))) continue;
    const list = [...(cal.hours[day.getUTCDay()] ?? [])].sort((a, b) => a.start - b.start);
    for (const i of list) {
      if (i.end <= i.start) continue;
      const s = localToUtc(y, m, d, i.start, cal.timeZone);
      const e = localToUtc(y, m, d, i.end, cal.timeZone);
      if (e > s) yield [s, e];
    }
  }
}

/**
 * The instant `minutes` business minutes after `start` (seconds of `start` are dropped: the clock counts whole minutes).
 * Throws when the calendar has no working time within three years.
 *
 * @example addBusinessMinutes(hanoi9to17, new Date('2026-12-07T09:30:00+07:00'), 60) // 10:30 the same day
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  let cursor = Math.floor(start.getTime() / MINUTE) * MINUTE;
  let left = Math.max(0, Math.round(minutes));
  for (const [s, e] of workingSpans(cal, cursor)) {
    if (e <= cursor) continue;
    const from = Math.max(s, cursor);
    const available = (e - from) / MINUTE;
    if (left === 0) return new Date(from);
    if (available >= left) return new Date(from + left * MINUTE);
    left -= available;
    cursor = e;
  }
  throw new Error('the calendar has no working time within three years');
}

/**
 * Business minutes in `[a, b)` (whole minutes; 0 when b ≤ a).
 *
 * @example businessMinutesBetween(hanoi9to17, friday16h, monday10h) // 60 + 60 = 120
 */
export function businessMinutesBetween(cal: BusinessCalendar, a: Date, b: Date): number {
  const from = Math.floor(a.getTime() / MINUTE) * MINUTE;
  const to = Math.floor(b.getTime() / MINUTE) * MINUTE;
  if (to <= from) return 0;
  let total = 0;
  for (const [s, e] of workingSpans(cal, from)) {
    if (s >= to) break;
    const lo = Math.max(s, from);
    const hi = Math.min(e, to);
    if (hi > lo) total += (hi - lo) / MINUTE;
  }
  return total;
}
