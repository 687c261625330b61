/**
 * Cleaning of single values on the way in: emails, phones (E.164), names (Vietnamese order understood),
 * countries (ISO 3166-1 alpha-2) and dates (YYYY-MM-DD). Pure functions; each returns null when the
 * value cannot be understood so the caller can report the row.
 */
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** Lowercases and validates an email; `Nguyen.An@Example.COM ` → 'nguyen.an@example.com', 'foo' → null. */
export function cleanEmail(raw: string): string | null {
  const s = raw.trim().replace(/^mailto:/i, '').toLowerCase();
  return s.length <= 254 && EMAIL_RE.test(s) ? s : null;
}

export interface PhoneResult {
  e164: string;
  valid: boolean;
}
export type PhoneNormaliser = (raw: string, region: string) => PhoneResult;

/**
 * E.164 with a default region; also accepts a national number written with the country code but no
 * plus sign ('84912345678'). Example: fallbackNormalisePhone('0912 345 678', 'VN') → { e164: '+84912345678', valid: true }.
 */
export function fallbackNormalisePhone(raw: string, region: string): PhoneResult {
  const text = raw.trim();
  const country = (getCountries() as string[]).includes(region) ? (region as CountryCode) : undefined;
  const first = parsePhoneNumberFromString(text, country);
  if (first?.isValid()) return { e164: first.number, valid: true };
  const digits = text.replace(/\D/g, '');
  if (country && !text.startsWith('+') && digits.startsWith(getCountryCallingCode(country))) {
    const second = parsePhoneNumberFromString('+' + digits);
    if (second?.isValid()) return { e164: second.number, valid: true };
  }
  return { e164: first?.number ?? text, valid: false };
}

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** Common Vietnamese family names (with diacritics). */
const VN_FAMILY = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Trương', 'Lâm', 'Mai', 'Đinh', 'Lương', 'Cao', 'Tạ', 'Hà', 'Chu', 'Tôn', 'Thái',
  'Quách', 'Triệu', 'Châu', 'Phùng', 'Kiều', 'Lưu', 'Tăng', 'La', 'Từ', 'Diệp', 'Hứa', 'Nghiêm', 'Văn', 'Thân', 'Khúc',
  'Tô', 'Lục', 'Giang', 'Quan', 'Âu', 'Mạc', 'Ông', 'Đồng', 'Doãn', 'Kim', 'Lại', 'Tống', 'Hoa', 'Vi', 'Thạch',
];
const VN_EXACT = new Set(VN_FAMILY.map((f) => f.toLowerCase()));
/** ASCII spellings that are also common Western names; only trusted with diacritics. */
const AMBIGUOUS_ASCII = new Set(['le', 'ho', 'mai', 'ha', 'cao', 'chu', 'lam', 'ly', 'ton', 'thai', 'la', 'tu', 'van', 'kim', 'hoa', 'vi', 'to', 'au', 'ong', 'dong', 'quan', 'giang', 'chau', 'tang', 'luu']);
const VN_ASCII = new Set(VN_FAMILY.map(strip).filter((f) => !AMBIGUOUS_ASCII.has(f)));

/** True when the word is a common Vietnamese family name ('Nguyễn', 'Nguyen', 'Trần'; not the bare 'Le'). */
export function isVietnameseFamilyName(word: string): boolean {
  return VN_EXACT.has(word.toLowerCase()) || VN_ASCII.has(strip(word));
}

/**
 * Splits a full name. 'Nguyễn Văn An' → { family: 'Nguyễn', given: 'Văn An' }; 'John Smith' → { given: 'John',
 * family: 'Smith' }; 'Smith, John' → { given: 'John', family: 'Smith' }; 'Madonna' → { given: 'Madonna', family: '' }.
 */
export function splitFullName(full: string): { given: string; family: string } {
  const s = full.trim().replace(/\s+/g, ' ');
  if (!s) return { given: '', family: '' };
  const comma = s.indexOf(',');
  if (comma > 0) return { family: s.slice(0, comma).trim(), given: s.slice(comma + 1).trim() };
  const words = s.split(' ');
  if (words.length === 1) return { given: s, family: '' };
  if (isVietnameseFamilyName(words[0]!)) return { family: words[0]!, given: words.slice(1).join(' ') };
  return { given: words.slice(0, -1).join(' '), family: words[words.length - 1]! };
}

// ───────────── countries ─────────────

const ALPHA3: Record<string, string> = {
  USA: 'US', GBR: 'GB', VNM: 'VN', FRA: 'FR', DEU: 'DE', JPN: 'JP', KOR: 'KR', CHN: 'CN', SGP: 'SG', THA: 'TH',
  AUS: 'AU', CAN: 'CA', IND: 'IN', IDN: 'ID', MYS: 'MY', PHL: 'PH', KHM: 'KH', LAO: 'LA', TWN: 'TW', HKG: 'HK',
  NLD: 'NL', ITA: 'IT', ESP: 'ES', RUS: 'RU', BRA: 'BR', MEX: 'MX', CHE: 'CH', SWE: 'SE', NZL: 'NZ', ARE: 'AE',
};
const ALIASES: Record<string, string> = {
  'usa': 'US', 'u.s.a.': 'US', 'u.s.': 'US', 'us': 'US', 'america': 'US', 'united states of america': 'US', 'my': 'US',
  'uk': 'GB', 'u.k.': 'GB', 'england': 'GB', 'great britain': 'GB', 'britain': 'GB', 'anh': 'GB',
  'vietnam': 'VN', 'viet nam': 'VN', 'vn': 'VN', 'south korea': 'KR', 'korea': 'KR', 'han quoc': 'KR',
  'trung quoc': 'CN', 'nhat': 'JP', 'nhat ban': 'JP', 'phap': 'FR', 'duc': 'DE', 'uc': 'AU', 'thai lan': 'TH',
};
let countryIndex: Map<string, string> | null = null;
function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const vi = new Intl.DisplayNames(['vi'], { type: 'region', fallback: 'none' });
  for (const code of getCountries() as string[]) {
    index.set(code.toLowerCase(), code);
    for (const name of [en.of(code), vi.of(code)]) if (name) index.set(strip(name), code);
  }
  for (const [k, v] of Object.entries(ALPHA3)) index.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(ALIASES)) index.set(k, v);
  return index;
}

/** Country name (en/vi) or code → ISO alpha-2: 'Việt Nam' → 'VN', 'USA' → 'US', 'Hoa Kỳ' → 'US'; unknown → null. */
export function cleanCountry(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  if (/^[A-Z]{2}$/.test(s) && (getCountries() as string[]).includes(s)) return s; // 'MY' = Malaysia as a code
  countryIndex ??= buildCountryIndex();
  return countryIndex.get(strip(s).replace(/\s+/g, ' ')) ?? null;
}

// ───────────── dates ─────────────

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2200) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  const pivot = (new Date().getUTCFullYear() % 100) + 1;
  return n < pivot ? 2000 + n : 1900 + n;
}

/**
 * Date in a common layout → 'YYYY-MM-DD'. Day first unless that is impossible:
 * '15/03/1990', '1990-03-15', '15-03-1990', '5/3/90', '15 Mar 1990', 'March 15, 1990', '32947' (Excel serial).
 */
export function cleanDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s); // vCard 4.0 basic format
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    return a > 12 || b <= 12 ? ymd(y, b, a) : ymd(y, a, b);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/.exec(s);
  if (m && MONTHS[m[2]!.toLowerCase()]) return ymd(fullYear(m[3]!), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]));
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return ymd(Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]));
  m = /^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/i.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{4,5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial >= 1 && serial < 80000) {
      // Excel's day 1 is 1900-01-01 and it counts a non-existent 1900-02-29.
      const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
      return new Date(ms).toISOString().slice(0, 10);
    }
  }
  return null;
}

/** A month and day as a year-less birthday `--MM-DD` (any year's calendar: 02-29 is allowed); null when impossible. */
function monthDay(m: number, d: number): string | null {
  return ymd(2000, m, d) ? `--${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;
}

/**
 * A birthday cell → 'YYYY-MM-DD', a year-less '--MM-DD' (vCard 4 / ISO 8601 truncated form), '' for the
 * placeholders exports write for "no birthday", or null when it is not a date (31/02/1990).
 * '--07-21' (Google CSV), '--0415' and '--04-15' (vCard 4/3), '1604-04-15' (Apple's year-omitted marker,
 * X-APPLE-OMIT-YEAR) → '--MM-DD'; '0/0/00', '00/00/0000', '0000-00-00' (Outlook, Excel) → ''; anything else
 * as cleanDate ('21/07/1990', Excel serials).
 */
export function cleanBirthday(raw: string): string | null {
  const s = raw.trim();
  if (/^0{1,4}[-/.]0{1,2}[-/.]0{1,4}$/.test(s) || /^0{8}$/.test(s)) return '';
  let m = /^--(\d{2})-?(\d{2})$/.exec(s);
  if (m) return monthDay(Number(m[1]), Number(m[2]));
  m = /^1604-?(\d{2})-?(\d{2})$/.exec(s);
  if (m) return monthDay(Number(m[1]), Number(m[2]));
  return cleanDate(s);
}

/** Lowercase, no diacritics, đ→d, single spaces: for matching headers and names. */
export function fold(s: string): string {
  return strip(s).replace(/[^a-z0-9]+/g, ' ').trim();
}
