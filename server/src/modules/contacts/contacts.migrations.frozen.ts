/**
 * Frozen copies of the calculations the contacts data migrations run (20261202_0300 family_key,
 * 20261207_0400 name order, 20261207_0430 search text), as they were when those migrations landed
 * (contacts.logic.ts and contracts/person-names.ts of 2026-12-07). A migration must compute the same
 * values whenever a database runs it, so it never imports live code, which keeps changing: NEVER edit
 * this file. A later data migration that needs a newer calculation freezes its own copy.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export function normaliseText(s: string | null | undefined): string {
  if (!s) return '';
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function familyFirstKey(given: string | null | undefined, family: string | null | undefined, display: string): string {
  return normaliseText([family, given].filter((p) => p && p.trim()).join(' ')) || normaliseText(display);
}

// ── Names in their own order (contracts/person-names.ts) ──

type NameOrder = 'given_first' | 'family_first';
type NameStyle = 'western' | 'vietnamese' | 'east_asian' | 'hungarian';
interface PersonNameParts {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  country?: string | null | undefined;
  order?: NameOrder | null | undefined;
}

const VI_FAMILY_CLEAR = new Set(
  ('nguyen tran pham hoang huynh phan vu vo dang bui do ngo duong dinh doan trinh truong luong quach phung kieu ' +
    'luu trieu vuong nghiem nong khuc khong thach duong diep khuat tong uong nham doan dau thieu').split(' '),
);
const VI_FAMILY_SHARED = new Set(
  ('le ly ho ha lam mai cao to ta chu chau thai lai la luc mac quan tang than tieu tu vi kim lac ong phi pho sam ' +
    'ton ung vien giang han hau ninh phuong trinh bach be cu cung dam dong hong trang tra yen dao au').split(' '),
);
const VI_GIVEN_SYLLABLES = new Set(
  ('an anh bao binh cam chau chi chinh cong cuong dai dan dang dao dat diem diep dinh doan duc dung duong duy gia ' +
    'giang ha hai han hang hanh hao hau hien hieu hoa hoai hoan hoang hong hue hung huong huu huy huyen kha khai ' +
    'khang khanh khoa khoi khue kien kim lam lan le lien linh loan loc loi long luan luong ly mai manh minh my nam nga ' +
    'ngan nghia ngoc nguyet nhan nhat nhi nhu nhung oanh phat phi phong phu phuc phung phuong quan quang que quoc quy ' +
    'quyen quynh sang son tai tam tan thai thang thanh thao the thi thien thinh tho thoa thu thuan thuc thuong thuy ' +
    'tien tin toan trang tri trinh trong truc trung truong tu tuan tue tung tuong tuyet uyen van viet vinh vu vuong vy ' +
    'xuan y yen tram dieu nhat khiem tinh chien cat diu ha nhan thoai').split(' '),
);
const VI_LETTERS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉĩịọỏốồổỗộớờởỡợụủũứừửữựỳỷỹỵ]/i;
const HU_LETTERS = /[őű]/i;
const EAST_ASIAN_SCRIPT = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const FAMILY_FIRST_COUNTRIES: Record<string, NameStyle> = {
  CN: 'east_asian', TW: 'east_asian', HK: 'east_asian', MO: 'east_asian', KR: 'east_asian',
  KP: 'east_asian', JP: 'east_asian', HU: 'hungarian',
};

function asciiWords(s: string | null | undefined): string[] {
  if (!s) return [];
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').replace(/[đĐ]/g, 'd').toLowerCase().split(/[\s-]+/).filter(Boolean);
}

function clean(s: string | null | undefined): string {
  return (s ?? '').trim().replace(/\s+/g, ' ');
}

function nameStyle(p: PersonNameParts): NameStyle {
  const given = clean(p.givenName);
  const family = clean(p.familyName);
  const whole = `${given} ${family}`;
  if (EAST_ASIAN_SCRIPT.test(whole)) return 'east_asian';
  if (VI_LETTERS.test(whole)) return 'vietnamese';
  if (HU_LETTERS.test(whole)) return 'hungarian';
  const fam = asciiWords(family);
  const givenWords = asciiWords(given);
  const viFamily = fam.length > 0 && fam.every((w) => VI_FAMILY_CLEAR.has(w) || VI_FAMILY_SHARED.has(w));
  const clearFamily = fam.some((w) => VI_FAMILY_CLEAR.has(w));
  const viSyllables = givenWords.filter((w) => VI_GIVEN_SYLLABLES.has(w)).length;
  if (viFamily && givenWords.length > 0 && viSyllables === givenWords.length) return 'vietnamese';
  if (clearFamily && givenWords.length >= 2 && viSyllables >= 1) return 'vietnamese';
  const byCountry = p.country ? FAMILY_FIRST_COUNTRIES[p.country.toUpperCase()] : undefined;
  return byCountry ?? 'western';
}

function nameOrderOf(p: PersonNameParts): NameOrder {
  if (p.order) return p.order;
  return nameStyle(p) === 'western' ? 'given_first' : 'family_first';
}

export function displayPersonName(p: PersonNameParts): string {
  const given = clean(p.givenName);
  const family = clean(p.familyName);
  if (!given || !family) return given || family;
  const order = nameOrderOf(p);
  const [first, second] = order === 'family_first' ? [family, given] : [given, family];
  const sep = EAST_ASIAN_SCRIPT.test(first.slice(-1)) && EAST_ASIAN_SCRIPT.test(second.slice(0, 1)) ? '' : ' ';
  return `${first}${sep}${second}`;
}

export function personSortKey(p: PersonNameParts): string {
  const given = asciiWords(p.givenName);
  const family = asciiWords(p.familyName);
  const style = p.order === 'given_first' ? 'western' : nameStyle(p);
  if (style === 'vietnamese' && given.length > 0) {
    return [given[given.length - 1], ...family, ...given.slice(0, -1)].join(' ');
  }
  return [...family, ...given].join(' ');
}

export function personParts(v: { given_name: string | null; family_name: string | null; name_order?: string | null; addresses?: string }): PersonNameParts {
  let country: string | null = null;
  if (v.addresses && v.addresses !== '[]') {
    try {
      country = (JSON.parse(v.addresses) as { country?: string | null }[]).find((a) => a.country)?.country ?? null;
    } catch { /* a malformed legacy value: no country */ }
  }
  return { givenName: v.given_name, familyName: v.family_name, country, order: (v.name_order as NameOrder | null | undefined) ?? null };
}

// ── Search text without the company (contacts.logic.ts contactSearchText) ──

const VN_NSN = /^(?:[35789]\d{8}|2\d{9})$/;

function phoneSearchDigits(e164: string): string {
  if (e164.startsWith('+84') && VN_NSN.test(e164.slice(3))) return `${e164.slice(1)} 0${e164.slice(3)}`;
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? parsed.formatNational().replace(/\D/g, '') : '';
  return [e164.replace(/\D/g, ''), national].filter(Boolean).join(' ');
}

export function contactSearchText(p: { givenName: string | null; familyName: string | null; emails: string[]; phones: string[] }): string {
  const en = [p.givenName, p.familyName].filter(Boolean).join(' ');
  const vi = [p.familyName, p.givenName].filter(Boolean).join(' ');
  const parts = [en, vi !== en ? vi : '', ...p.emails, ...p.phones.map(phoneSearchDigits)];
  return normaliseText(parts.filter(Boolean).join(' | '));
}
