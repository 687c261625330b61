/** Pure calculations of the contacts module: normalisation, display names, search text. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { displayPersonName, personSortKey, type NameOrder } from '../../../../contracts/person-names.js';

/**
 * Search normalisation: NFD, strip combining marks, đ→d, lowercase, collapse whitespace.
 * Example: normaliseText('Nguyễn Văn  Đặng') → 'nguyen van dang'.
 */
export function normaliseText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lowercased, trimmed email; '' stays ''. Example: normaliseEmail(' An@Example.COM ') → 'an@example.com'. */
export function normaliseEmail(s: string): string {
  return s.trim().toLowerCase();
}

/**
 * Vietnamese numbers that are valid whatever else is true: mobiles (9 digits after the country code,
 * starting 3, 5, 7, 8 or 9) and landlines (10 digits starting 2). libphonenumber's VN metadata accepts
 * them (pattern `[135-9]\d{8}` / `[12]\d{9}`) and formats them nationally as '0' + the digits.
 */
const VN_NSN = /^(?:[35789]\d{8}|2\d{9})$/;
/** Only ASCII spaces, dots, dashes and parentheses between digits: punctuation libphonenumber skips. */
const PLAIN_PHONE = /^\+?[\d .()-]+$/;

/**
 * The E.164 form of a well-formed Vietnamese number without libphonenumber (which costs 5–30 µs a call,
 * twice per imported row): '+84 912 345 678', '0912.345.678', '(091) 2345678', '84912345678' (region VN).
 * Returns null for anything else, so the caller asks libphonenumber. Exactly what libphonenumber answers
 * wherever it answers (contacts.logic.test.ts compares them over every prefix and layout).
 */
export function fastVietnamesePhone(raw: string, region: string): string | null {
  if (raw.length > 40 || !PLAIN_PHONE.test(raw)) return null;
  const digits = raw.replace(/[ .()-]/g, '');
  let nsn: string;
  if (digits.startsWith('+84')) nsn = digits.slice(3);
  else if (digits[0] === '+' || region.toUpperCase() !== 'VN') return null;
  else if (digits[0] === '0' && digits[1] !== '0') nsn = digits.slice(1); // '00' is the international prefix
  else if (digits.startsWith('84') && digits.length >= 11) nsn = digits.slice(2); // country code without '+'
  else return null;
  return VN_NSN.test(nsn) ? `+84${nsn}` : null;
}

/**
 * Parses a phone in any format with the default region (ISO-2) to E.164.
 * Example: normalisePhone('0903 123 456', 'VN') → { e164: '+84903123456', valid: true }.
 * Invalid numbers return `{ e164: null, valid: false }`.
 */
export function normalisePhone(raw: string, region: string): { e164: string | null; valid: boolean } {
  const trimmed = raw.trim();
  if (!/\d/.test(trimmed)) return { e164: null, valid: false };
  const fast = fastVietnamesePhone(trimmed, region);
  if (fast) return { e164: fast, valid: true };
  const parsed = parsePhoneNumberFromString(trimmed, region.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) return { e164: null, valid: false };
  return { e164: parsed.number, valid: true };
}

/** Digits of a phone for search: E.164 digits plus the national form, so '0903…' and '84903…' both match. */
export function phoneSearchDigits(e164: string): string {
  if (e164.startsWith('+84') && VN_NSN.test(e164.slice(3))) return `${e164.slice(1)} 0${e164.slice(3)}`;
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? parsed.formatNational().replace(/\D/g, '') : '';
  return [e164.replace(/\D/g, ''), national].filter(Boolean).join(' ');
}

/**
 * If a query looks like a phone number, the digits to search for (E.164 digits when parseable,
 * else the typed digits). Example: phoneQueryDigits('0903 123 456', 'VN') → '84903123456'.
 */
export function phoneQueryDigits(q: string, region: string): string | null {
  if (!/^[+\d\s().-]+$/.test(q.trim())) return null;
  const digits = q.replace(/\D/g, '');
  if (digits.length < 3) return null;
  const { e164 } = normalisePhone(q, region);
  return e164 ? e164.slice(1) : digits;
}

/**
 * The family-first name key ("nguyen van a" for Văn A Nguyễn): with `name_key` (given-first) it lets a name
 * typed in either order be found by prefix. Falls back to the display name's key when there is no name.
 */
export function familyFirstKey(given: string | null | undefined, family: string | null | undefined, display: string): string {
  return normaliseText([family, given].filter((p) => p && p.trim()).join(' ')) || normaliseText(display);
}

/** The stored name columns' inputs: the name, the user's order override and the addresses (their first country). */
export interface ContactNameSource {
  given_name: string | null;
  family_name: string | null;
  /** The user's override; null = detected from the name. */
  name_order?: string | null | undefined;
  /** JSON list of addresses; the first one with a country helps detection (a Korean name with a KR address). */
  addresses?: string | undefined;
}

/**
 * THE helper every contact writer uses (service create/update, merge through the service, imports): the stored
 * name columns and search text (which holds nothing of the contact's company: see contactSearchText). `display_name` is the name in its own order (Nguyễn Văn An, Henry Walker) with
 * email/phone fallbacks; `sort_key` is what the list's `name` sort orders by (personSortKey: "an nguyen van",
 * "walker henry"); `name_key` (given-first) and `family_key` (family-first) keep prefix search working for a
 * name typed in either order.
 * Example: contactDerived({ given_name: 'Văn An', family_name: 'Nguyễn' }, [], []).display_name → 'Nguyễn Văn An'.
 */
export function contactDerived(v: ContactNameSource, emails: { address: string; primary: boolean }[], phones: { number: string; primary: boolean }[]) {
  const primaryEmail = emails.find((e) => e.primary)?.address ?? null;
  const primaryPhone = phones.find((e) => e.primary)?.number ?? null;
  const parts = personParts(v);
  const display = displayPersonName(parts) || primaryEmail || primaryPhone || '(no name)';
  const givenFirst = normaliseText([v.given_name, v.family_name].filter((x) => x && x.trim()).join(' '));
  return {
    display_name: display,
    name_key: givenFirst || normaliseText(display),
    family_key: familyFirstKey(v.given_name, v.family_name, display),
    sort_key: personSortKey(parts) || normaliseText(display),
    primary_email: primaryEmail,
    primary_phone: primaryPhone,
    search_text: contactSearchText({
      givenName: v.given_name, familyName: v.family_name, emails: emails.map((e) => e.address), phones: phones.map((p) => p.number),
    }),
  };
}

/** contacts-row name → contracts/person-names parts (country from the first address that has one). */
export function personParts(v: ContactNameSource) {
  let country: string | null = null;
  if (v.addresses && v.addresses !== '[]') {
    try {
      country = (JSON.parse(v.addresses) as { country?: string | null }[]).find((a) => a.country)?.country ?? null;
    } catch { /* a malformed legacy value: no country */ }
  }
  return { givenName: v.given_name, familyName: v.family_name, country, order: (v.name_order as NameOrder | null | undefined) ?? null };
}

export interface ContactSearchParts {
  givenName: string | null;
  familyName: string | null;
  emails: string[];
  phones: string[];
}

/**
 * The normalised search column: both name orders, emails, phone digits. Not the company's name (issue 12): a
 * reader who may see a contact but not its company would find the contact by typing the hidden company's name.
 * Companies are searched on their own (global search, the companies list), each under its own visibility.
 */
export function contactSearchText(p: ContactSearchParts): string {
  const en = [p.givenName, p.familyName].filter(Boolean).join(' ');
  const vi = [p.familyName, p.givenName].filter(Boolean).join(' ');
  const parts = [en, vi !== en ? vi : '', ...p.emails, ...p.phones.map(phoneSearchDigits)];
  return normaliseText(parts.filter(Boolean).join(' | '));
}

export function companySearchText(p: { name: string; domain: string | null; phones: string[] }): string {
  return normaliseText([p.name, p.domain ?? '', ...p.phones.map(phoneSearchDigits)].filter(Boolean).join(' | '));
}

/** Marks exactly one entry primary: the first one flagged, else the first. */
export function withOnePrimary<T extends { primary?: boolean | undefined }>(items: T[]): (T & { primary: boolean })[] {
  const idx = Math.max(0, items.findIndex((i) => i.primary));
  return items.map((i, n) => ({ ...i, primary: n === idx }));
}

/** Unique, trimmed tags in first-seen order. */
export function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}
