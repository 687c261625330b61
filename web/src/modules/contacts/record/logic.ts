/**
 * Pure helpers of the 360° record pages: name order, durations, timeline types, mention markup.
 * No React here, so they are unit-tested directly (logic.test.ts).
 */

export { personName, contactName } from '../logic';
export { escapeHtml, formatBytes, formatDuration, isEmptyHtml, mentionHtml, parseDuration } from '../../../ui/activities/logic';

/** Two letters for an avatar: "Nguyễn Văn An" → "NA". */
export function initials(name: string): string {
  const all = name.trim().split(/\s+/).filter(Boolean);
  // Letters only ("Golden Foods Ltd 14" → "GL"), unless the name has no word starting with one.
  const lettered = all.filter((w) => /^\p{L}/u.test(w));
  const words = lettered.length ? lettered : all;
  if (!words.length) return '?';
  const first = words[0]![0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Item types the timeline knows how to draw; any other type (a later module's) is drawn generically. */
export const KNOWN_TYPES = ['note', 'call', 'meeting', 'email', 'task', 'field_change'] as const;
export type KnownType = (typeof KNOWN_TYPES)[number];
export const isKnownType = (t: string): t is KnownType => (KNOWN_TYPES as readonly string[]).includes(t);

/** A value from a field_change item as short text ('' for null/empty). */
export function changeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  // The audit log may hold JSON columns as text ('["vip"]').
  if (typeof v === 'string' && /^[[{]/.test(v.trim())) {
    try {
      return changeValue(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(changeValue).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.address === 'string') return o.address;
    if (typeof o.number === 'string') return o.number;
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(v);
  }
  return String(v);
}

/** A `datetime-local` value (local time, no zone) → ISO with offset, or null when empty. */
export function localToIso(local: string | null | undefined): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** tel: link of a phone in E.164 (spaces and dashes stripped). */
export { telHref } from '../../../ui/phone';
export const mailHref = (email: string) => `mailto:${email}`;

/**
 * A data key as words: "dueAt" → "Due at", "deal_name" → "Deal name" (the fallback label of another module's item
 * data, when the bundle has no word for it).
 */
export function humanizeKey(key: string): string {
  const words = key.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Formatters a data value is shown with (the UI's, passed in so this stays pure). */
export interface DataFormat {
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
  number: (n: number) => string;
  yes: string;
  no: string;
}

export interface DataEntry {
  key: string;
  value: string;
}

const ID_KEY = /^id$|Id$|_id$/;
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CODE = /^[a-z\d]+(_[a-z\d]+)+$/;

/** One scalar of item data as text, or null when it says nothing to a reader (empty, an id). */
function dataValue(v: unknown, f: DataFormat): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? f.yes : f.no;
  if (typeof v === 'number') return Number.isFinite(v) ? f.number(v) : null;
  if (typeof v !== 'string') return null;
  if (UUID.test(v)) return null;
  if (ISO_DATE.test(v)) return f.date(v);
  if (ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) return f.dateTime(v);
  // A stored code ("on_hold", "web_form") reads as words.
  return CODE.test(v) ? v.replace(/_/g, ' ') : v;
}

/**
 * The data of an item type no module draws, as up to `max` key/value pairs a reader can read: ids (keys ending in
 * `Id`, UUID values), empty values and nested objects left out, dates in the user's format, codes as words, short
 * lists joined.
 *
 * @example genericEntries({ dealId: '01a2…', status: 'on_hold', dueAt: '2027-06-20T09:00:00.000Z' }, fmt)
 *   // [{ key: 'status', value: 'on hold' }, { key: 'dueAt', value: '20 Jun 2027, 16:00' }]
 */
export function genericEntries(data: Record<string, unknown> | null | undefined, f: DataFormat, max = 4): DataEntry[] {
  const out: DataEntry[] = [];
  for (const [key, v] of Object.entries(data ?? {})) {
    if (out.length >= max) break;
    if (ID_KEY.test(key)) continue;
    let value: string | null;
    if (Array.isArray(v)) {
      const parts = v.map((x) => dataValue(x, f)).filter((x): x is string => x !== null);
      value = parts.length ? parts.slice(0, 5).join(', ') + (parts.length > 5 ? ', …' : '') : null;
    } else {
      value = dataValue(v, f);
    }
    if (value !== null) out.push({ key, value });
  }
  return out;
}
