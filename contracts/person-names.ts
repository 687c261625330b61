/**
 * A person's name in its own order, shared by server and web (imports only zod).
 *
 * Each name carries its order — family name first for Vietnamese, Chinese, Korean, Japanese and Hungarian
 * names, given name first for Western ones — decided from the name itself (a list of Vietnamese family names,
 * the script, Vietnamese- or Hungarian-only letters) and the country when one is known, and overridable per
 * contact. Display, sort and greetings follow the name's order, never the viewer's interface language.
 *
 * Example: nameStyle({ givenName: 'Thị Minh Khai', familyName: 'Nguyễn' }) → 'vietnamese';
 * displayPersonName(…) → 'Nguyễn Thị Minh Khai'; personSortKey(…) → 'khai nguyen thi minh'; callName(…) → 'Khai'.
 */
import { z } from 'zod';

/** How a name is written: `family_first` (Nguyễn Văn An, 王伟) or `given_first` (Henry Walker). */
export const nameOrders = ['given_first', 'family_first'] as const;
// Pure: the web imports this file's functions without pulling zod into its bundle.
export const nameOrderSchema = /* @__PURE__ */ z.enum(nameOrders);
export type NameOrder = z.infer<typeof nameOrderSchema>;

/** The naming tradition a name was recognised as; it decides order, sort key and the name used in greetings. */
export type NameStyle = 'western' | 'vietnamese' | 'east_asian' | 'hungarian';

export interface PersonNameParts {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  /** ISO 3166-1 alpha-2 country of the person (an address's country), when known. */
  country?: string | null | undefined;
  /** An order chosen by a user for this person; wins over detection. */
  order?: NameOrder | null | undefined;
}

/**
 * The most common Vietnamese family names, without diacritics (they cover well over 95 % of the population).
 * Split in two: names that are almost never a Western family name, and short ones that are (Le, Ha, Mai, Kim,
 * Lam…), which count only with another Vietnamese sign (diacritics or Vietnamese given-name syllables).
 */
const VI_FAMILY_CLEAR = new Set(
  ('nguyen tran pham hoang huynh phan vu vo dang bui do ngo duong dinh doan trinh truong luong quach phung kieu ' +
    'luu trieu vuong nghiem nong khuc khong thach duong diep khuat tong uong nham doan dau thieu').split(' '),
);
const VI_FAMILY_SHARED = new Set(
  ('le ly ho ha lam mai cao to ta chu chau thai lai la luc mac quan tang than tieu tu vi kim lac ong phi pho sam ' +
    'ton ung vien giang han hau ninh phuong trinh bach be cu cung dam dong hong trang tra yen dao au').split(' '),
);
/** Syllables that make up most Vietnamese middle and given names, without diacritics. */
const VI_GIVEN_SYLLABLES = new Set(
  ('an anh bao binh cam chau chi chinh cong cuong dai dan dang dao dat diem diep dinh doan duc dung duong duy gia ' +
    'giang ha hai han hang hanh hao hau hien hieu hoa hoai hoan hoang hong hue hung huong huu huy huyen kha khai ' +
    'khang khanh khoa khoi khue kien kim lam lan le lien linh loan loc loi long luan luong ly mai manh minh my nam nga ' +
    'ngan nghia ngoc nguyet nhan nhat nhi nhu nhung oanh phat phi phong phu phuc phung phuong quan quang que quoc quy ' +
    'quyen quynh sang son tai tam tan thai thang thanh thao the thi thien thinh tho thoa thu thuan thuc thuong thuy ' +
    'tien tin toan trang tri trinh trong truc trung truong tu tuan tue tung tuong tuyet uyen van viet vinh vu vuong vy ' +
    'xuan y yen tram dieu nhat khiem tinh chien cat diu ha nhan thoai').split(' '),
);
/** Letters only Vietnamese uses among Latin-script languages (tone marks on other vowels, ă ơ ư đ). */
const VI_LETTERS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉĩịọỏốồổỗộớờởỡợụủũứừửữựỳỷỹỵ]/i;
/** ő and ű are written only in Hungarian. */
const HU_LETTERS = /[őű]/i;
/** Han, Hangul, Hiragana and Katakana. */
const EAST_ASIAN_SCRIPT = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Countries whose romanised names are written family first. Vietnam is not here: Vietnamese names are recognised
 * from the name itself, and a Western name with a Vietnamese address ("Henry Walker", Hà Nội) stays given-first.
 */
const FAMILY_FIRST_COUNTRIES: Record<string, NameStyle> = {
  CN: 'east_asian', TW: 'east_asian', HK: 'east_asian', MO: 'east_asian', KR: 'east_asian',
  KP: 'east_asian', JP: 'east_asian', HU: 'hungarian',
};

/** Lowercase ASCII words of a name part ("Nguyễn Thị" → ['nguyen', 'thi']). */
function asciiWords(s: string | null | undefined): string[] {
  if (!s) return [];
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').replace(/[đĐ]/g, 'd').toLowerCase().split(/[\s-]+/).filter(Boolean);
}

function clean(s: string | null | undefined): string {
  return (s ?? '').trim().replace(/\s+/g, ' ');
}

/**
 * Whether a word is a common Vietnamese family name or given-name syllable, with or without diacritics: two such
 * words that differ are two names, never a typo of one another (Phan/Phạm, Lương/Dương, Hoàng/Hoan).
 * Example: isVietnameseNameWord('Dương') → true; isVietnameseNameWord('Walker') → false.
 */
export function isVietnameseNameWord(word: string): boolean {
  const w = asciiWords(word)[0] ?? '';
  return VI_FAMILY_CLEAR.has(w) || VI_FAMILY_SHARED.has(w) || VI_GIVEN_SYLLABLES.has(w);
}

/** The tradition a name belongs to, from its script, letters, family name and country (see the file's comment). */
export function nameStyle(p: PersonNameParts): NameStyle {
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
  // "Minh Anh Le" or "Van Khiem Nguyen": a Vietnamese family name with Vietnamese given syllables. "John Nguyen"
  // stays Western: a Vietnamese family name alone says nothing about the order its bearer uses.
  if (viFamily && givenWords.length > 0 && viSyllables === givenWords.length) return 'vietnamese';
  if (clearFamily && givenWords.length >= 2 && viSyllables >= 1) return 'vietnamese';
  const byCountry = p.country ? FAMILY_FIRST_COUNTRIES[p.country.toUpperCase()] : undefined;
  return byCountry ?? 'western';
}

/** The order a name is written in: the user's choice, else the detected style's. */
export function nameOrderOf(p: PersonNameParts): NameOrder {
  if (p.order) return p.order;
  return nameStyle(p) === 'western' ? 'given_first' : 'family_first';
}

/**
 * The full name in its own order; East Asian scripts join without a space ("王伟", "김민수").
 * Returns '' when there is no name (callers fall back to an email or phone).
 */
export function displayPersonName(p: PersonNameParts): string {
  const given = clean(p.givenName);
  const family = clean(p.familyName);
  if (!given || !family) return given || family;
  const order = nameOrderOf(p);
  const [first, second] = order === 'family_first' ? [family, given] : [given, family];
  const sep = EAST_ASIAN_SCRIPT.test(first.slice(-1)) && EAST_ASIAN_SCRIPT.test(second.slice(0, 1)) ? '' : ' ';
  return `${first}${sep}${second}`;
}

/**
 * The key a list sorts names by, lowercase without diacritics: Western names by family then given name;
 * Vietnamese names by the personal name (the given name's last word), then family and middle names, as Vietnamese
 * rosters are sorted; other family-first names by family then given name.
 */
export function personSortKey(p: PersonNameParts): string {
  const given = asciiWords(p.givenName);
  const family = asciiWords(p.familyName);
  const style = p.order === 'given_first' ? 'western' : nameStyle(p);
  if (style === 'vietnamese' && given.length > 0) {
    return [given[given.length - 1], ...family, ...given.slice(0, -1)].join(' ');
  }
  return [...family, ...given].join(' ');
}

/**
 * The part of a name used to address the person: the personal name for Vietnamese names (the given name's last
 * word: "Lan" for Nguyễn Thị Lan), the first given name for Western and Hungarian names, the full name for East
 * Asian names (which are addressed by family name with a title, never by given name alone).
 */
export function callName(p: PersonNameParts): string {
  const given = clean(p.givenName);
  const family = clean(p.familyName);
  if (!given) return family;
  const style = p.order === 'given_first' ? 'western' : nameStyle(p);
  if (style === 'east_asian') return displayPersonName(p);
  const words = given.split(' ');
  return (style === 'vietnamese' ? words[words.length - 1] : words[0]) ?? given;
}

/** Vietnamese forms of address (anh, chị, ông, bà, em) a contact may carry; none means the name alone. */
export const viPronouns = ['anh', 'chi', 'ong', 'ba', 'em'] as const;
export const viPronounSchema = /* @__PURE__ */ z.enum(viPronouns);
export type ViPronoun = z.infer<typeof viPronounSchema>;
const VI_PRONOUN_TEXT: Record<ViPronoun, string> = { anh: 'anh', chi: 'chị', ong: 'ông', ba: 'bà', em: 'em' };

/** A greeting in the reader's language with the right part of the name: "Hi Henry", "Chào chị Lan". */
export function greetPerson(locale: string, p: PersonNameParts & { pronoun?: ViPronoun | null }): string {
  const name = callName(p);
  if (locale.startsWith('vi')) return ['Chào', p.pronoun ? VI_PRONOUN_TEXT[p.pronoun] : '', name].filter(Boolean).join(' ');
  return name ? `Hi ${name}` : 'Hi';
}
