/** Wall-clock arithmetic in a user's IANA time zone (Intl only): local days, their UTC bounds, iCalendar local times. */

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(zone: string, at: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatter(zone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Asia/Ho_Chi_Minh: +7 h). */
export function zoneOffsetMs(zone: string, at: Date): number {
  const w = wallClock(zone, at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local date `YYYY-MM-DD` of an instant in a zone. */
export function localDate(zone: string, at: Date): string {
  const w = wallClock(zone, at);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `YYYY-MM-DD` plus n days. */
export function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant a local day starts in a zone. */
export function startOfLocalDay(zone: string, ymd: string): Date {
  const guess = Date.parse(`${ymd}T00:00:00Z`);
  let t = guess - zoneOffsetMs(zone, new Date(guess));
  t = guess - zoneOffsetMs(zone, new Date(t));
  return new Date(t);
}

/** iCalendar local date-time `YYYYMMDDTHHMMSS` of an instant in a zone. */
export function icalLocal(zone: string, at: Date): string {
  const w = wallClock(zone, at);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** iCalendar UTC date-time `YYYYMMDDTHHMMSSZ`. */
export function icalUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
