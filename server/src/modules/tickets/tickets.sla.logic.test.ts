import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, hasWorkingHours, localToUtc, type BusinessCalendar, type WorkInterval } from './tickets.sla.logic.js';

const MINUTE = 60_000;

/** Minute-by-minute reference: is the minute starting at `t` working time? (offset cached per UTC hour) */
function referenceOf(cal: BusinessCalendar) {
  const offsets = new Map<number, number>();
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: cal.timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const offset = (t: number) => {
    const h = Math.floor(t / 3_600_000);
    let o = offsets.get(h);
    if (o === undefined) {
      const p: Record<string, number> = {};
      for (const x of fmt.formatToParts(new Date(h * 3_600_000))) if (x.type !== 'literal') p[x.type] = Number(x.value);
      o = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!) - h * 3_600_000;
      offsets.set(h, o);
    }
    return o;
  };
  const holidays = new Set(cal.holidays);
  return (t: number): boolean => {
    const local = new Date(t + offset(t));
    const key = local.toISOString().slice(0, 10);
    if (holidays.has(key)) return false;
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    return (cal.hours[local.getUTCDay()] ?? []).some((i) => minute >= i.start && minute < i.end);
  };
}

// Working intervals from 05:00 on: DST changes (around 01:00–03:00 local) never fall inside working time, where
// "local minutes" would be ambiguous for any definition.
const intervals: fc.Arbitrary<WorkInterval[]> = fc.uniqueArray(fc.integer({ min: 300 / 15, max: 1440 / 15 }), { minLength: 0, maxLength: 4 })
  .map((cuts) => {
    const s = [...cuts].sort((a, b) => a - b).map((c) => c * 15);
    const out: WorkInterval[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push({ start: s[i]!, end: s[i + 1]! });
    return out;
  });
const DAY0 = Date.UTC(2026, 0, 1);
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom('Asia/Ho_Chi_Minh', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide'),
  hours: fc.array(intervals, { minLength: 7, maxLength: 7 }).map((days) => Object.fromEntries(days.map((d, i) => [i, d]))),
  holidays: fc.uniqueArray(fc.integer({ min: 0, max: 729 }), { maxLength: 40 }).map((ds) => ds.map((d) => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10))),
}).filter(hasWorkingHours);
const instant = fc.integer({ min: DAY0, max: Date.UTC(2027, 10, 1) });

describe('business-hours arithmetic (against a minute-by-minute reference)', () => {
  it('businessMinutesBetween counts exactly the working minutes', () => {
    fc.assert(fc.property(calendar, instant, fc.integer({ min: 0, max: 8 * 1440 }), (cal, a, span) => {
      const working = referenceOf(cal);
      const from = Math.floor(a / MINUTE) * MINUTE;
      let expected = 0;
      for (let t = from; t < from + span * MINUTE; t += MINUTE) if (working(t)) expected++;
      expect(businessMinutesBetween(cal, new Date(a), new Date(from + span * MINUTE))).toBe(expected);
    }), { numRuns: 100 });
  });

  it('addBusinessMinutes lands on the end of the n-th working minute (the first working minute for 0)', () => {
    fc.assert(fc.property(calendar, instant, fc.integer({ min: 0, max: 2400 }), (cal, a, n) => {
      const working = referenceOf(cal);
      const end = addBusinessMinutes(cal, new Date(a), n).getTime();
      const from = Math.floor(a / MINUTE) * MINUTE;
      let count = 0;
      for (let t = from; t < end; t += MINUTE) if (working(t)) count++;
      expect(count).toBe(n);
      if (n > 0) expect(working(end - MINUTE)).toBe(true);
      else expect(working(end)).toBe(true);
      expect(businessMinutesBetween(cal, new Date(a), new Date(end))).toBe(n);
    }), { numRuns: 100 });
  });

  it('worked examples: Hanoi 8:00–12:00 and 13:00–17:00 Mon–Fri, with Tết off', () => {
    const hanoi: BusinessCalendar = {
      timeZone: 'Asia/Ho_Chi_Minh',
      hours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: 480, end: 720 }, { start: 780, end: 1020 }]])),
      holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    };
    // Friday 16:00 + 2 h → Monday 09:00.
    expect(addBusinessMinutes(hanoi, new Date('2026-12-04T16:00:00+07:00'), 120).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    // Across lunch: 11:30 + 60 → 13:30.
    expect(addBusinessMinutes(hanoi, new Date('2026-12-07T11:30:00+07:00'), 60).toISOString()).toBe('2026-12-07T06:30:00.000Z');
    // Friday before Tết 16:00 + 2 h → the Monday after the Tết week.
    expect(addBusinessMinutes(hanoi, new Date('2026-02-13T16:00:00+07:00'), 120).toISOString()).toBe('2026-02-23T02:00:00.000Z');
    expect(businessMinutesBetween(hanoi, new Date('2026-12-04T16:00:00+07:00'), new Date('2026-12-07T10:00:00+07:00'))).toBe(180);
    expect(localToUtc(2026, 12, 7, 480, 'Asia/Ho_Chi_Minh')).toBe(Date.parse('2026-12-07T01:00:00Z'));
    expect(hasWorkingHours({ hours: { 1: [] } })).toBe(false);
    expect(() => addBusinessMinutes({ timeZone: 'UTC', hours: {}, holidays: [] }, new Date(), 1)).toThrow(/no working time/);
  });
});
