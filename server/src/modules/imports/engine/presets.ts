/**
 * Presets: recognise an export's layout from its headers and map its columns to contact fields.
 * Numbered columns (`E-mail 2 - Value`, `Phone 3 - Value`) are matched by pattern; their labels come
 * from the sibling `… - Label` / `… - Type` column at transform time (see transform.ts).
 */
import { fold } from './clean.js';

export const presetIds = ['google', 'outlook', 'hubspot', 'salesforce', 'vcard'] as const;
export type PresetId = (typeof presetIds)[number];

type Rule = [RegExp, string | ((m: RegExpExecArray) => string)];

/** Address part of a numbered column's suffix (lowercase, as in `Address 1 - Postal Code`) → target part. */
export const ADDRESS_PART: Record<string, string> = {
  street: 'street', city: 'city', region: 'region', 'postal code': 'postalCode', country: 'country',
};
const GOOGLE: Rule[] = [
  [/^(First Name|Given Name)$/, 'givenName'],
  [/^(Middle Name|Additional Name)$/, 'middleName'],
  [/^(Last Name|Family Name)$/, 'familyName'],
  [/^(Name|Full Name)$/, 'fullName'],
  [/^(Organization Name|Organization 1 - Name)$/, 'company'],
  [/^(Organization Title|Organization 1 - Title)$/, 'jobTitle'],
  [/^(Organization Department|Organization 1 - Department)$/, 'department'],
  [/^Birthday$/, 'birthday'],
  [/^(Labels|Group Membership)$/, 'tags'],
  [/^E-mail \d+ - Value$/, 'email'],
  [/^Phone \d+ - Value$/, 'phone'],
  [/^Address \d+ - (Street|City|Region|Postal Code|Country)$/, (m) => `address.${ADDRESS_PART[m[1]!.toLowerCase()]}`],
  [/^Website \d+ - Value$/, 'social.website'],
  [/^UID$/, 'externalId'],
];
const OUTLOOK: Rule[] = [
  [/^First Name$/, 'givenName'], [/^Middle Name$/, 'middleName'], [/^Last Name$/, 'familyName'],
  [/^E-mail( \d)? Address$/, 'email'],
  [/^(Mobile Phone|Car Phone)$/, 'phone:mobile'],
  [/^(Business Phone|Business Phone 2|Company Main Phone)$/, 'phone:work'],
  [/^(Home Phone|Home Phone 2)$/, 'phone:home'],
  [/^(Other Phone|Primary Phone)$/, 'phone'],
  [/^Company$/, 'company'], [/^Job Title$/, 'jobTitle'], [/^Department$/, 'department'], [/^Birthday$/, 'birthday'],
  [/^Categories$/, 'tags'],
  [/^(Business|Home|Other) (Street|City|State|Postal Code|Country\/Region)$/, (m) => {
    const label = m[1] === 'Business' ? 'work' : m[1]!.toLowerCase();
    const part = { Street: 'street', City: 'city', State: 'region', 'Postal Code': 'postalCode', 'Country/Region': 'country' }[m[2]!]!;
    return `address:${label}.${part}`;
  }],
  [/^(Web Page|Personal Web Page)$/, 'social.website'],
];
const HUBSPOT: Rule[] = [
  [/^First Name$/, 'givenName'], [/^Last Name$/, 'familyName'], [/^Email$/, 'email'],
  [/^Phone Number$/, 'phone'], [/^Mobile Phone Number$/, 'phone:mobile'],
  [/^(Company Name|Associated Company)$/, 'company'], [/^Job Title$/, 'jobTitle'], [/^Lifecycle Stage$/, 'lifecycleStage'],
  [/^Record ID$/, 'externalId'], [/^Street Address$/, 'address.street'], [/^City$/, 'address.city'],
  [/^State\/Region$/, 'address.region'], [/^Postal Code$/, 'address.postalCode'], [/^Country\/Region$/, 'address.country'],
  [/^(Original Source|Original Source Type)$/, 'source'], [/^Date of birth$/i, 'birthday'],
  [/^LinkedIn/i, 'social.linkedin'], [/^Website URL$/, 'social.website'],
];
const SALESFORCE: Rule[] = [
  [/^(FirstName|First Name)$/, 'givenName'], [/^(LastName|Last Name)$/, 'familyName'], [/^Email$/, 'email'],
  [/^(Phone|Business Phone)$/, 'phone:work'], [/^(MobilePhone|Mobile|Mobile Phone)$/, 'phone:mobile'],
  [/^(HomePhone|Home Phone)$/, 'phone:home'], [/^(OtherPhone|Other Phone)$/, 'phone'],
  [/^(Account\.Name|Account Name)$/, 'company'], [/^Title$/, 'jobTitle'], [/^Department$/, 'department'],
  [/^(Id|Contact ID)$/, 'externalId'], [/^(Birthdate)$/, 'birthday'], [/^(LeadSource|Lead Source)$/, 'source'],
  [/^(MailingStreet|Mailing Street)$/, 'address.street'], [/^(MailingCity|Mailing City)$/, 'address.city'],
  [/^(MailingState|Mailing State\/Province)$/, 'address.region'],
  [/^(MailingPostalCode|Mailing Zip\/Postal Code)$/, 'address.postalCode'],
  [/^(MailingCountry|Mailing Country)$/, 'address.country'],
];
const RULES: Record<PresetId, Rule[]> = { google: GOOGLE, vcard: [...GOOGLE, [/^Full Name$/, 'fullName']], outlook: OUTLOOK, hubspot: HUBSPOT, salesforce: SALESFORCE };

/** Which preset the headers look like, or null. */
export function detectPreset(headers: string[]): PresetId | null {
  const h = new Set(headers.map((x) => x.trim()));
  const has = (...names: string[]) => names.every((n) => h.has(n));
  if (has('Full Name', 'First Name', 'E-mail 1 - Value', 'UID')) return 'vcard';
  if (has('E-mail 1 - Value') && (has('First Name') || has('Given Name', 'Family Name') || has('Name'))) return 'google';
  if (has('E-mail Address') && (has('Mobile Phone') || has('Business Phone') || has('Home Phone'))) return 'outlook';
  if (has('Record ID') || (has('Email', 'Lifecycle Stage'))) return 'hubspot';
  if (has('FirstName', 'LastName') || has('Contact ID') || (has('Account Name', 'Email') && has('First Name'))) return 'salesforce';
  return null;
}

/** The preset's target for one header, or null when the preset does not know it. */
export function presetTarget(preset: PresetId, header: string): string | null {
  for (const [re, target] of RULES[preset]) {
    const m = re.exec(header.trim());
    if (m) return typeof target === 'string' ? target : target(m);
  }
  return null;
}

/** Header words (folded: lowercase, no diacritics) that suggest a target, English and Vietnamese. */
const SYNONYMS: [string, string[]][] = [
  ['fullName', ['full name', 'name', 'contact name', 'ho ten', 'ho va ten', 'ten day du', 'khach hang', 'ten khach hang']],
  ['givenName', ['first name', 'given name', 'firstname', 'forename', 'ten']],
  ['familyName', ['last name', 'family name', 'surname', 'lastname', 'ho']],
  ['middleName', ['middle name', 'ten dem', 'ten lot']],
  ['email', ['email', 'e mail', 'email address', 'e mail address', 'mail', 'thu dien tu', 'dia chi email']],
  ['phone', ['phone', 'telephone', 'tel', 'phone number', 'so dien thoai', 'dien thoai', 'sdt', 'so dt', 'dt']],
  ['phone:mobile', ['mobile', 'mobile phone', 'cell', 'cell phone', 'di dong', 'so di dong', 'dtdd']],
  ['phone:work', ['work phone', 'business phone', 'office phone', 'dien thoai co quan']],
  ['company', ['company', 'company name', 'organization', 'organisation', 'account', 'account name', 'cong ty', 'ten cong ty', 'to chuc', 'don vi']],
  ['jobTitle', ['job title', 'title', 'position', 'role', 'chuc vu', 'chuc danh', 'vi tri']],
  ['department', ['department', 'phong ban', 'bo phan']],
  ['birthday', ['birthday', 'birth date', 'date of birth', 'dob', 'birthdate', 'ngay sinh', 'sinh nhat']],
  ['address.street', ['address', 'street', 'street address', 'dia chi', 'duong']],
  ['address.city', ['city', 'town', 'thanh pho', 'tinh thanh pho', 'tinh tp', 'tinh']],
  ['address.region', ['state', 'region', 'province', 'quan huyen', 'vung']],
  ['address.postalCode', ['postal code', 'zip', 'zip code', 'postcode', 'ma buu chinh']],
  ['address.country', ['country', 'country region', 'quoc gia', 'nuoc']],
  ['tags', ['tags', 'labels', 'categories', 'nhan', 'the']],
  ['lifecycleStage', ['lifecycle stage', 'stage', 'giai doan']],
  ['source', ['source', 'lead source', 'nguon']],
  ['externalId', ['id', 'external id', 'record id', 'ma', 'ma khach hang', 'ma kh']],
  ['social.website', ['website', 'web', 'url', 'trang web']],
  ['social.linkedin', ['linkedin']], ['social.facebook', ['facebook', 'fb']], ['social.zalo', ['zalo']], ['social.x', ['twitter', 'x', 'x twitter']],
  ['note', ['notes', 'note', 'comments', 'comment', 'ghi chu', 'ghi chu khach hang']],
];
const SYNONYM_INDEX = new Map<string, string>();
for (const [target, words] of SYNONYMS) for (const w of words) if (!SYNONYM_INDEX.has(w)) SYNONYM_INDEX.set(w, target);

export interface CustomFieldHint {
  key: string;
  label: { en: string; vi: string };
}

/** Similarity of two folded strings: 1 when equal, Dice coefficient on bigrams otherwise. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let inter = 0;
  for (const [g, n] of ga) inter += Math.min(n, gb.get(g) ?? 0);
  return (2 * inter) / (a.length - 1 + (b.length - 1));
}

/**
 * Best target for a header by exact synonym (in `synonyms`: folded word → target), custom field label/key, or
 * bigram similarity ≥ 0.8. Shared by contact and company files, each with its own synonym index.
 * Example: bestTarget(SYNONYM_INDEX, 'E-mail Address') → 'email'.
 */
export function bestTarget(synonyms: ReadonlyMap<string, string>, header: string, customFields: CustomFieldHint[] = []): string | null {
  const direct = /^custom\.([a-zA-Z][a-zA-Z0-9_]{0,63})$/.exec(header.trim());
  if (direct && customFields.some((cf) => cf.key === direct[1])) return `custom.${direct[1]}`;
  const f = fold(header);
  if (!f || f === 'kith id') return null;
  const exact = synonyms.get(f);
  if (exact) return exact;
  let best: string | null = null;
  let bestScore = 0.8;
  for (const cf of customFields) {
    for (const name of [cf.key, cf.label.en, cf.label.vi]) {
      const s = similarity(f, fold(name));
      if (s >= bestScore) [best, bestScore] = [`custom.${cf.key}`, s + 0.001];
    }
  }
  for (const [word, target] of synonyms) {
    const s = similarity(f, word);
    if (s > bestScore) [best, bestScore] = [target, s];
  }
  return best;
}

/** Best contact target for a header (see bestTarget). */
export const suggestTarget = (header: string, customFields: CustomFieldHint[] = []): string | null => bestTarget(SYNONYM_INDEX, header, customFields);

/**
 * Suggested mapping header → target (null = ignore). With a preset, its rules win and the rest fall back
 * to suggestions; each single-valued target is suggested for one column only.
 */
export function suggestMapping(headers: string[], preset: PresetId | null, customFields: CustomFieldHint[] = []): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const used = new Set<string>();
  const multi = (t: string) => /^(email|phone|tags|address|note)/.test(t);
  const take = (h: string, target: string | null) => {
    if (target && !multi(target) && used.has(target)) target = null;
    if (target) used.add(target);
    out[h] = target;
  };
  // Preset rules first, so an unrelated column ('Title' = name prefix in Outlook) cannot take their target.
  for (const h of headers) if (preset) take(h, presetTarget(preset, h));
  for (const h of headers) {
    if (out[h]) continue;
    const sibling = preset !== null && / \d+ - (Label|Type|Formatted|PO Box|Extended Address)$/.test(h);
    take(h, sibling ? null : suggestTarget(h, customFields));
  }
  return Object.fromEntries(headers.map((h) => [h, out[h] ?? null]));
}
