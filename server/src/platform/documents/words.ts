/**
 * Amounts in words for documents: Vietnamese ("Một triệu hai trăm nghìn đồng") and English
 * ("One million two hundred thousand dong").
 *
 * Vietnamese reading rules: groups of three digits with nghìn, triệu, tỷ (and "nghìn tỷ" above); a group after
 * the first is read in full ("một triệu không trăm linh năm nghìn"); a zero ten after a hundred is "linh" (or
 * "lẻ", the southern choice, through `options.zeroTen`); "mười" for 10–19, "mươi" from 20; a unit 1 after 20+
 * is "mốt", a unit 5 after a ten is "lăm" ("mười lăm", "hai mươi lăm", but "linh năm").
 */
import { minorDigits } from './totals.js';

export type WordsLang = 'en' | 'vi';
export interface WordsOptions { zeroTen?: 'linh' | 'lẻ' }

const VI_DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const EN_ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'] as const;
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'] as const;

/** One group of three digits; `full` for every group after the leading one ("không trăm", "linh"). */
function viTriple(n: number, full: boolean, zeroTen: string): string[] {
  const h = Math.floor(n / 100), t = Math.floor(n / 10) % 10, u = n % 10;
  const out: string[] = [];
  if (full || h > 0) out.push(VI_DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (full || h > 0) out.push(zeroTen);
      out.push(VI_DIGITS[u]!);
    }
  } else if (t === 1) {
    out.push('mười');
    if (u > 0) out.push(u === 5 ? 'lăm' : VI_DIGITS[u]!);
  } else {
    out.push(VI_DIGITS[t]!, 'mươi');
    if (u > 0) out.push(u === 1 ? 'mốt' : u === 5 ? 'lăm' : VI_DIGITS[u]!);
  }
  return out;
}

/** Below a billion; `full` when a higher part (tỷ) was read before it. */
function viBelowBillion(n: number, full: boolean, zeroTen: string): string[] {
  const groups: Array<[number, string]> = [[Math.floor(n / 1_000_000), 'triệu'], [Math.floor(n / 1000) % 1000, 'nghìn'], [n % 1000, '']];
  const out: string[] = [];
  let lead = !full;
  for (const [g, label] of groups) {
    if (g === 0) continue;
    out.push(...viTriple(g, !lead, zeroTen));
    if (label) out.push(label);
    lead = false;
  }
  return out;
}

function viNumber(n: number, zeroTen: string): string[] {
  if (n === 0) return ['không'];
  if (n < 1_000_000_000) return viBelowBillion(n, false, zeroTen);
  const billions = Math.floor(n / 1_000_000_000), rest = n % 1_000_000_000;
  return [...viNumber(billions, zeroTen), 'tỷ', ...(rest > 0 ? viBelowBillion(rest, true, zeroTen) : [])];
}

function enBelowThousand(n: number): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100), r = n % 100;
  if (h > 0) out.push(EN_ONES[h]!, 'hundred');
  if (r > 0) out.push(r < 20 ? EN_ONES[r]! : EN_TENS[Math.floor(r / 10)]! + (r % 10 ? `-${EN_ONES[r % 10]!}` : ''));
  return out;
}

function enNumber(n: number): string[] {
  if (n === 0) return ['zero'];
  const out: string[] = [];
  let scale = 0;
  const groups: string[][] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000), scale++) {
    const g = rest % 1000;
    if (g > 0) groups.unshift([...enBelowThousand(g), ...(EN_SCALES[scale] ? [EN_SCALES[scale]!] : [])]);
  }
  for (const g of groups) out.push(...g);
  return out;
}

/** Reads a whole number (≥ 0, safe integer) in words, lower case. numberInWords(1_200_000, 'vi') → "một triệu hai trăm nghìn". */
export function numberInWords(n: number, lang: WordsLang, options: WordsOptions = {}): string {
  if (!Number.isSafeInteger(n)) throw new RangeError('numberInWords: expected a safe integer');
  const sign = n < 0 ? [lang === 'vi' ? 'âm' : 'minus'] : [];
  const abs = Math.abs(n);
  return [...sign, ...(lang === 'vi' ? viNumber(abs, options.zeroTen ?? 'linh') : enNumber(abs))].join(' ');
}

interface UnitNames { major: [string, string]; minor?: [string, string] }
const NAMES: Record<string, Record<WordsLang, UnitNames>> = {
  VND: { vi: { major: ['đồng', 'đồng'] }, en: { major: ['dong', 'dong'] } },
  USD: { vi: { major: ['đô la Mỹ', 'đô la Mỹ'], minor: ['xu', 'xu'] }, en: { major: ['US dollar', 'US dollars'], minor: ['cent', 'cents'] } },
  EUR: { vi: { major: ['euro', 'euro'], minor: ['xu', 'xu'] }, en: { major: ['euro', 'euros'], minor: ['cent', 'cents'] } },
};

function unitNames(currency: string, lang: WordsLang): UnitNames {
  const known = NAMES[currency]?.[lang];
  if (known) return known;
  let name = currency;
  try { name = new Intl.DisplayNames([lang], { type: 'currency' }).of(currency) ?? currency; } catch { /* the code itself */ }
  return { major: [name, name] };
}

/**
 * An amount of integer minor units in words, first letter upper case, with the currency's name.
 * Examples: amountInWords(1_200_000, 'VND', 'vi') → "Một triệu hai trăm nghìn đồng";
 * amountInWords(1_200_000, 'VND', 'en') → "One million two hundred thousand dong";
 * amountInWords(12_345, 'USD', 'en') → "One hundred twenty-three US dollars and forty-five cents".
 */
export function amountInWords(minor: number, currency: string, lang: WordsLang, options: WordsOptions = {}): string {
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const major = Math.floor(abs / scale), cents = abs % scale;
  const names = unitNames(currency, lang);
  const parts: string[] = [];
  if (negative) parts.push(lang === 'vi' ? 'âm' : 'minus');
  parts.push(numberInWords(major, lang, options), names.major[major === 1 ? 0 : 1]);
  if (cents > 0) {
    parts.push(lang === 'vi' ? 'và' : 'and');
    if (names.minor) parts.push(numberInWords(cents, lang, options), names.minor[cents === 1 ? 0 : 1]);
    else parts.push(`${cents}/${scale}`);
  }
  const text = parts.join(' ');
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}
