/**
 * iCalendar (RFC 5545) of a user's open tasks: one VEVENT per task with a stable UID, DTSTART in the user's zone
 * (TZID + a VTIMEZONE), escaped text, lines folded at 75 octets without splitting a UTF-8 character, CRLF.
 */
import type { TaskItem } from '../../../../contracts/tasks.js';
import { icalLocal, icalUtc, zoneOffsetMs } from './tasks.time.js';

/** TEXT escaping: backslash, semicolon, comma, newline. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line to ≤ 75 octets per physical line (continuations start with one space). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const max = out.length === 0 ? 75 : 74; // a continuation's leading space counts
    if (bytes + n > max) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

function offset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const m = Math.abs(Math.round(ms / 60_000));
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
}

/**
 * VTIMEZONE of a zone: its standard offset, and its daylight offset when it has one this year (observances
 * from the year's transitions, found by scanning days; enough for calendar clients to place the times).
 */
function vtimezone(zone: string, now: Date): string[] {
  const year = now.getUTCFullYear();
  const offsets: { at: Date; ms: number }[] = [];
  let prev = zoneOffsetMs(zone, new Date(Date.UTC(year, 0, 1)));
  for (let d = 1; d <= 366; d++) {
    const at = new Date(Date.UTC(year, 0, 1 + d));
    const ms = zoneOffsetMs(zone, at);
    if (ms !== prev) {
      // Narrow to the hour of the change.
      let t = at.getTime() - 86_400_000;
      while (zoneOffsetMs(zone, new Date(t)) === prev) t += 3_600_000;
      offsets.push({ at: new Date(t), ms });
      prev = ms;
    }
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  if (offsets.length === 0) {
    const ms = zoneOffsetMs(zone, now);
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset(ms)}`, `TZOFFSETTO:${offset(ms)}`, 'END:STANDARD');
  } else {
    for (const [i, change] of offsets.entries()) {
      const before = i === 0 ? zoneOffsetMs(zone, new Date(Date.UTC(year, 0, 1))) : offsets[i - 1]!.ms;
      const kind = change.ms > before ? 'DAYLIGHT' : 'STANDARD';
      const local = icalLocal('UTC', new Date(change.at.getTime() + before));
      const month = change.at.getUTCMonth() + 1;
      const week = Math.ceil(new Date(change.at.getTime() + before).getUTCDate() / 7);
      const day = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(change.at.getTime() + before).getUTCDay()];
      lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `RRULE:FREQ=YEARLY;BYMONTH=${month};BYDAY=${week >= 4 ? -1 : week}${day}`,
        `TZOFFSETFROM:${offset(before)}`, `TZOFFSETTO:${offset(change.ms)}`, `END:${kind}`);
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

const minutes: Record<string, number> = { call: 15, meeting: 60, email: 15, todo: 30 };

export function buildCalendar(o: { zone: string; name: string; baseUrl: string; host: string; tasks: (TaskItem & { description?: string | null })[]; now?: Date }): string {
  const now = o.now ?? new Date();
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kith CRM//Tasks//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(o.name)}`, `X-WR-TIMEZONE:${o.zone}`,
    ...vtimezone(o.zone, now),
  ];
  for (const t of o.tasks) {
    if (!t.dueAt) continue;
    const start = new Date(t.dueAt);
    const about = [t.contact?.title, t.company?.title].filter(Boolean).join(' · ');
    const description = [about, t.description ?? ''].filter(Boolean).join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:task-${t.id}@${o.host}`,
      `DTSTAMP:${icalUtc(now)}`,
      `DTSTART;TZID=${o.zone}:${icalLocal(o.zone, start)}`,
      `DURATION:PT${minutes[t.type] ?? 30}M`,
      `SUMMARY:${escapeText(t.title)}`,
      ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
      `CATEGORIES:${escapeText(t.type.toUpperCase())}`,
      `URL:${o.baseUrl.replace(/\/$/, '')}/tasks/${t.id}`,
      ...(t.priority === 'urgent' || t.priority === 'high' ? [`PRIORITY:${t.priority === 'urgent' ? 1 : 3}`] : []),
      'STATUS:CONFIRMED', 'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
