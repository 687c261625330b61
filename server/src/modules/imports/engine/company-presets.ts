/**
 * Company files: recognise HubSpot's company export and Salesforce's Account export (API names from Data
 * Loader, labels from reports), otherwise suggest targets from English and Vietnamese header words.
 * Same shape as presets.ts (contacts), whose similarity and custom-field matching it reuses.
 */
import { ADDRESS_PART, bestTarget, type CustomFieldHint, type PresetId } from './presets.js';

/** The presets that exist for company files. */
export const companyPresetIds = ['hubspot', 'salesforce'] as const satisfies readonly PresetId[];
export type CompanyPresetId = (typeof companyPresetIds)[number];

type Rule = [RegExp, string | ((m: RegExpExecArray) => string)];

const SF_PART: Record<string, string> = {
  street: 'street', city: 'city', state: 'region', 'state/province': 'region', postalcode: 'postalCode', 'zip/postal code': 'postalCode', country: 'country',
};
const HUBSPOT: Rule[] = [
  [/^Record ID$/i, 'externalId'], [/^(Company name|Name)$/i, 'name'], [/^Company Domain Name$/i, 'domain'], [/^Website URL$/i, 'domain'],
  [/^Industry$/i, 'industry'], [/^Number of Employees$/i, 'size'], [/^Phone Number$/i, 'phone'],
  [/^Street Address( 2)?$/i, 'address.street'], [/^City$/i, 'address.city'], [/^State\/Region$/i, 'address.region'],
  [/^Postal Code$/i, 'address.postalCode'], [/^Country\/Region$/i, 'address.country'],
  [/^(Company owner|Owner)$/i, 'owner'], [/^Parent Company$/i, 'parent'],
];
const SALESFORCE: Rule[] = [
  [/^(Id|Account ID)$/, 'externalId'], [/^(Name|Account Name)$/, 'name'], [/^(Parent\.Name|Parent Account)$/, 'parent'],
  [/^(Billing|Shipping) ?(Street|City|State|State\/Province|PostalCode|Zip\/Postal Code|Country)$/, (m) => `address:${m[1]!.toLowerCase()}.${SF_PART[m[2]!.toLowerCase()]}`],
  [/^(Phone|Account Phone)$/, 'phone'], [/^(Fax|Account Fax)$/, 'phone:fax'], [/^Website$/, 'domain'], [/^Industry$/, 'industry'],
  [/^(NumberOfEmployees|Employees)$/, 'size'], [/^(Owner\.Email|Account Owner Email|Account Owner)$/, 'owner'],
  // Salesforce record ids of other objects mean nothing here; '' keeps suggestions from guessing ('ParentId' ≈ 'parent').
  [/^(ParentId|OwnerId|MasterRecordId|CreatedById|LastModifiedById|RecordTypeId)$/, ''],
];
const RULES: Record<CompanyPresetId, Rule[]> = { hubspot: HUBSPOT, salesforce: SALESFORCE };

/** Which company export the headers look like, or null. */
export function detectCompanyPreset(headers: string[]): CompanyPresetId | null {
  const h = new Set(headers.map((x) => x.trim()));
  const has = (...names: string[]) => names.every((n) => h.has(n));
  if (has('Company Domain Name') || (has('Record ID') && (has('Company name') || has('Name')))) return 'hubspot';
  if (has('BillingStreet') || has('NumberOfEmployees') || has('Account Name') || (has('Id', 'Name') && (has('Website') || has('Industry')))) return 'salesforce';
  return null;
}

/** The preset's target for one header; '' = a column the preset knows to leave out; null = unknown to it. */
export function companyPresetTarget(preset: CompanyPresetId, header: string): string | null {
  for (const [re, target] of RULES[preset]) {
    const m = re.exec(header.trim());
    if (m) return typeof target === 'string' ? target : target(m);
  }
  return null;
}

/** Folded header words (lowercase, no diacritics) that suggest a company target, English and Vietnamese. */
const SYNONYMS: [string, string[]][] = [
  ['name', ['company name', 'company', 'name', 'account name', 'account', 'organization', 'organisation', 'organization name', 'business name',
    'ten cong ty', 'cong ty', 'ten doanh nghiep', 'doanh nghiep', 'ten', 'to chuc', 'ten to chuc', 'don vi', 'ten don vi', 'khach hang', 'ten khach hang']],
  ['domain', ['domain', 'website', 'web site', 'web', 'url', 'website url', 'company domain name', 'domain name', 'company website', 'ten mien', 'trang web', 'website cong ty']],
  ['industry', ['industry', 'sector', 'business type', 'nganh', 'nganh nghe', 'linh vuc', 'linh vuc hoat dong', 'nganh hang']],
  ['size', ['size', 'company size', 'employees', 'number of employees', 'no of employees', 'employee count', 'headcount', 'staff',
    'quy mo', 'so nhan vien', 'so luong nhan vien', 'nhan su', 'quy mo nhan su']],
  ['phone', ['phone', 'phone number', 'telephone', 'tel', 'main phone', 'company phone', 'office phone', 'hotline', 'dien thoai', 'so dien thoai', 'sdt', 'so dt', 'dt']],
  ['phone:fax', ['fax', 'fax number', 'so fax']],
  ['address.street', ['address', 'street', 'street address', 'dia chi', 'duong', 'dia chi cong ty', 'tru so']],
  ['address.city', ['city', 'town', 'thanh pho', 'tinh thanh pho', 'tinh tp', 'tinh']],
  ['address.region', ['state', 'region', 'province', 'state region', 'quan huyen', 'vung']],
  ['address.postalCode', ['postal code', 'zip', 'zip code', 'postcode', 'ma buu chinh']],
  ['address.country', ['country', 'country region', 'quoc gia', 'nuoc']],
  ['parent', ['parent company', 'parent', 'parent account', 'parent organization', 'cong ty me', 'tap doan', 'thuoc cong ty']],
  ['owner', ['owner', 'company owner', 'account owner', 'owner email', 'sales owner', 'nguoi phu trach', 'nhan vien phu trach', 'phu trach', 'nguoi quan ly']],
  ['tags', ['tags', 'labels', 'categories', 'nhan', 'the']],
  ['externalId', ['id', 'external id', 'record id', 'company id', 'account id', 'ma', 'ma cong ty', 'ma khach hang', 'ma kh', 'ma doanh nghiep']],
  ['note', ['notes', 'note', 'comments', 'comment', 'ghi chu']],
];
const SYNONYM_INDEX = new Map<string, string>();
for (const [target, words] of SYNONYMS) for (const w of words) if (!SYNONYM_INDEX.has(w)) SYNONYM_INDEX.set(w, target);

/** Best company target for a header (see bestTarget in presets.ts). */
export const suggestCompanyTarget = (header: string, customFields: CustomFieldHint[] = []): string | null => bestTarget(SYNONYM_INDEX, header, customFields);

/** 'phone' for `Phone 2 - Value`, 'address.city' for `Address 1 - City`, '' for their `- Label` / `- Type` columns; else null. */
function numberedTarget(header: string): string | null {
  const h = header.trim();
  if (/^(Phone|Address) \d+ - (Label|Type)$/.test(h)) return '';
  if (/^Phone \d+ - Value$/.test(h)) return 'phone';
  const a = /^Address \d+ - (Street|City|Region|Postal Code|Country)$/.exec(h);
  return a ? `address.${ADDRESS_PART[a[1]!.toLowerCase()]}` : null;
}

/**
 * Suggested company mapping header → target (null = ignore). Preset rules first, the rest by suggestion;
 * single-valued targets go to one column only (phones, addresses and tags may take several).
 */
export function suggestCompanyMapping(headers: string[], preset: CompanyPresetId | null, customFields: CustomFieldHint[] = []): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const used = new Set<string>();
  const multi = (t: string) => /^(phone|tags|address|note)/.test(t);
  const take = (h: string, target: string | null) => {
    if (target && !multi(target) && used.has(target)) target = null;
    if (target) used.add(target);
    out[h] = target;
  };
  const known = new Set<string>();
  if (preset) {
    for (const h of headers) {
      const target = companyPresetTarget(preset, h);
      if (target !== null) known.add(h);
      take(h, target || null);
    }
  }
  // Numbered columns (Kith's own company export, Google-style sheets) before word suggestions, which would
  // read 'Phone 1 - Label' as a phone. Their labels come from the sibling '- Label' column (company-transform).
  for (const h of headers) {
    if (out[h] || known.has(h)) continue;
    const target = numberedTarget(h);
    if (target !== null) {
      known.add(h);
      take(h, target || null);
    }
  }
  for (const h of headers) if (!out[h] && !known.has(h)) take(h, suggestCompanyTarget(h, customFields));
  return Object.fromEntries(headers.map((h) => [h, out[h] ?? null]));
}
