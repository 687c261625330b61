/**
 * One source row + a company mapping → a cleaned company, or the reasons it cannot be imported.
 * Pure, like transform.ts for contacts; the mapping is compiled once per import into per-column steps.
 *
 * Targets: name, domain, industry, size, phone[:label], address[:label].(street|city|region|postalCode|country),
 * parent (parent company by name), owner (user by email or name), tags, externalId, custom.<fieldKey>.
 */
import { cleanCountry, fallbackNormalisePhone, fold, type PhoneNormaliser } from './clean.js';
import { rowError, type RowError } from './row-errors.js';
import { addNote, addressKey, MAX_NOTE, labelColumn, mergeNotes, parseTarget, stepLabel, type ImportedAddress, type ImportedPhone } from './transform.js';

export interface ImportedCompany {
  name: string | null;
  domain: string | null;
  industry: string | null;
  size: string | null;
  phones: ImportedPhone[];
  addresses: ImportedAddress[];
  /** Parent company's name as written; resolved (or created) by the runner. */
  parentName: string | null;
  /** Owner's email or name as written; resolved by the runner against active users. */
  owner: string | null;
  tags: string[];
  externalId: string | null;
  custom: Record<string, string>;
  /** Text of the columns mapped to `note`: one note activity on the company (absent when none). */
  note?: string;
}
/**
 * A cleaned row: the company and the `warnings` — cells that could not be used (a bad domain, size, phone, country,
 * a parent naming the company itself), left out of the company. A row fails only when it has no usable name.
 */
export type CompanyTransformResult = { ok: true; company: ImportedCompany; warnings: RowError[] } | { ok: false; errors: RowError[] } | { ok: 'empty' };

const COMPANY_TARGET_RE = new RegExp(
  '^(name|domain|industry|size|parent|owner|tags|externalId|note|phone(:[a-z]{1,20})?' +
    '|address(:[a-z]{1,20})?\\.(street|city|region|postalCode|country)|custom\\.[a-zA-Z][a-zA-Z0-9_]{0,63})$',
);
/** What a company row can be matched on (contracts/imports.ts matchKeyChoices). */
export const COMPANY_MATCH_KEYS = ['domain', 'name', 'externalId'] as const;

/** True for a target a company mapping may name, e.g. 'domain', 'phone:fax', 'address:billing.city', 'custom.tier'. */
export function isValidCompanyTarget(t: string): boolean {
  return COMPANY_TARGET_RE.test(t);
}

interface Step {
  index: number; header: string; kind: string; fixedLabel: string | null; sub: string;
  /** Column holding this value's label (`Phone 1 - Label` beside `Phone 1 - Value`), as for contacts. */
  labelIndex: number | null;
}
export interface CompiledCompanyMapping {
  steps: Step[];
  region: string;
  normalisePhone: PhoneNormaliser;
}

/** Compiles header→target into per-column steps; unknown headers and null targets are ignored. */
export function compileCompanyMapping(
  headers: string[], mapping: Record<string, string | null>, region: string, normalisePhone: PhoneNormaliser = fallbackNormalisePhone,
): CompiledCompanyMapping {
  const steps: Step[] = [];
  headers.forEach((header, index) => {
    const target = mapping[header];
    if (!target) return;
    steps.push({ index, header, labelIndex: labelColumn(headers, header), ...parseTarget(target) });
  });
  return { steps, region, normalisePhone };
}

/**
 * A website or domain → the bare lowercase host: 'https://www.Acme.com/about?x=1' → 'acme.com',
 * 'WWW.ACME.COM.' → 'acme.com', 'acme.com:8080' → 'acme.com', 'info@acme.vn' → 'acme.vn'. Returns null
 * for anything that is not a public host name ('localhost', '10.0.0.1', 'n/a').
 */
export function cleanDomain(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  s = s.split(/[/?#\s]/)[0] ?? '';
  s = s.replace(/^[^@]*@/, '').replace(/:\d*$/, '').replace(/\.+$/, '').replace(/^www\d{0,2}\./, '');
  if (!s || s.length > 253) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${s}`).hostname; // IDN → punycode for the check; the readable form is stored
  } catch {
    return null;
  }
  const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  if (!new RegExp(`^(?:${label}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$`).test(ascii)) return null;
  return s;
}

/** Head-count bands the companies module suggests (contracts/contacts.ts). */
const BANDS: [number, number, string][] = [[1, 10, '1-10'], [11, 50, '11-50'], [51, 200, '51-200'], [201, 1000, '201-1000'], [1001, Infinity, '1000+']];
const bandOf = (n: number) => BANDS.find(([lo, hi]) => n >= lo && n <= hi)?.[2] ?? null;
const count = (s: string) => {
  const digits = s.replace(/[\s,.](?=\d{3}\b)/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
};

/**
 * Company size → a head-count band where the value says how many: '250' → '201-1000', '1,200' → '1000+',
 * '11 - 50' → '11-50', '5000+' → '1000+'. Other text ('Small', 'Vừa') is kept as written. null: too long.
 */
export function cleanSize(raw: string): string | null {
  const s = raw.trim();
  const n = count(s);
  if (n !== null) return n >= 1 ? bandOf(n) : null;
  const range = /^([\d.,\s]+?)\s*(?:-|–|to|đến)\s*([\d.,\s]+)$/i.exec(s);
  if (range) {
    const a = count(range[1]!.trim());
    const b = count(range[2]!.trim());
    if (a !== null && b !== null && a >= 1 && bandOf(a) === bandOf(b)) return bandOf(a);
  }
  const plus = /^([\d.,\s]+)\+$/.exec(s);
  if (plus) {
    const a = count(plus[1]!.trim());
    if (a !== null && a >= 1000) return '1000+';
  }
  return s.length <= 40 ? s : null;
}

/** HubSpot's internal industry values read better as words: 'COMPUTER_SOFTWARE' → 'Computer Software'. */
export function cleanIndustry(raw: string): string {
  const s = raw.trim();
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(s) || /^[A-Z]{5,}$/.test(s)) {
    return s.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  }
  return s;
}

const PHONE_SPLIT = / ::: |[;|,]/;
const MULTI_TAGS = / ::: |[,;]/;

export function emptyCompany(): ImportedCompany {
  return { name: null, domain: null, industry: null, size: null, phones: [], addresses: [], parentName: null, owner: null, tags: [], externalId: null, custom: {} };
}

/**
 * Cleans one row. Blank rows are `{ ok: 'empty' }`; a value that cannot be cleaned is left out and becomes a
 * warning; the row fails only without a name (`company_needs_name`, listed with the cells it could not use).
 */
export function transformCompanyRow(values: string[], cm: CompiledCompanyMapping, knownRecord = false): CompanyTransformResult {
  const c = emptyCompany();
  const errors: RowError[] = [];
  let any = false;
  let nameHeader = '';
  let parentHeader = '';
  const addresses = new Map<string, ImportedAddress>();
  for (const step of cm.steps) {
    const raw = (values[step.index] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
    if (step.kind === 'name') nameHeader ||= step.header;
    if (!raw) continue;
    any = true;
    const label = stepLabel(step, values);
    switch (step.kind) {
      case 'name':
        if (raw.length > 300) errors.push(rowError('value_too_long', { column: step.header, max: 300 }));
        else c.name ??= raw.replace(/\s+/g, ' ');
        break;
      case 'domain': {
        const d = cleanDomain(raw);
        if (d) c.domain ??= d;
        else errors.push(rowError('invalid_domain', { column: step.header, value: raw }));
        break;
      }
      case 'industry': {
        const v = cleanIndustry(raw);
        if (v.length > 120) errors.push(rowError('value_too_long', { column: step.header, max: 120 }));
        else c.industry ??= v;
        break;
      }
      case 'size': {
        if (/^0+$/.test(raw)) break; // exports write 0 for "unknown"
        const v = cleanSize(raw);
        if (v) c.size ??= v;
        else errors.push(rowError('invalid_company_size', { column: step.header, value: raw }));
        break;
      }
      case 'parent':
        parentHeader ||= step.header;
        c.parentName ??= raw.replace(/\s+/g, ' ');
        break;
      case 'owner': c.owner ??= raw; break;
      case 'externalId': c.externalId ??= raw; break;
      case 'tags':
        for (const tag of raw.split(MULTI_TAGS)) {
          const v = tag.trim();
          if (v && !c.tags.includes(v)) c.tags.push(v);
        }
        break;
      case 'phone':
        for (const part of raw.split(PHONE_SPLIT).map((x) => x.trim()).filter(Boolean)) {
          const p = cm.normalisePhone(part, cm.region);
          if (!p.valid) errors.push(rowError('invalid_phone', { column: step.header, value: part }));
          else if (!c.phones.some((x) => x.number === p.e164)) c.phones.push({ number: p.e164, raw: part, label, primary: false });
        }
        break;
      case 'address': {
        const part = step.sub as 'street' | 'city' | 'region' | 'postalCode' | 'country';
        const key = addressKey(step);
        let a = addresses.get(key);
        if (!a) addresses.set(key, (a = { label, street: null, city: null, region: null, postalCode: null, country: null }));
        if (label && !a.label) a.label = label;
        if (part === 'country') {
          const code = cleanCountry(raw);
          if (code) a.country = code;
          else errors.push(rowError('unknown_country', { column: step.header, value: raw }));
        } else a[part] = a[part] ? `${a[part]}, ${raw}` : raw;
        break;
      }
      case 'custom': c.custom[step.sub] = raw; break;
      case 'note':
        if (raw.length > MAX_NOTE) errors.push(rowError('value_too_long', { column: step.header, max: MAX_NOTE }));
        else c.note = addNote(c.note, step.header, raw, cm.steps);
        break;
    }
  }
  if (!any) return { ok: 'empty' };
  c.addresses = [...addresses.values()];
  if (c.phones[0]) c.phones[0].primary = true;
  if (c.phones.length > 20) {
    // The first 20 are kept (the companies module's limit); the warning says the rest were left out.
    errors.push(rowError('too_many_phones', { max: 20 }));
    c.phones = c.phones.slice(0, 20);
  }
  // A follow-up's corrected cells for a company the batch already made (`knownRecord`) need no name.
  if (!c.name && !knownRecord) return { ok: false, errors: [...errors, rowError('company_needs_name', { column: nameHeader })] };
  if (c.parentName && c.name && fold(c.parentName) === fold(c.name)) {
    errors.push(rowError('own_parent', { column: parentHeader, value: c.parentName }));
    c.parentName = null;
  }
  return { ok: true, company: c, warnings: errors };
}

/** Match keys of a company: 'd:<domain>', 'n:<normalised name>', 'x:<external id>' (`nameKey` = the contacts module's normaliseText). */
export function companyMatchKeysOf(c: ImportedCompany, keys: readonly string[], nameKey: (s: string) => string): string[] {
  const out: string[] = [];
  if (keys.includes('domain') && c.domain) out.push(`d:${c.domain}`);
  if (keys.includes('name') && c.name) out.push(`n:${nameKey(c.name)}`);
  if (keys.includes('externalId') && c.externalId) out.push(`x:${c.externalId}`);
  return out;
}

/** Merges b into a: a's single values win, lists are united (phones, addresses, tags), custom filled in. */
export function mergeCompanyInto(a: ImportedCompany, b: ImportedCompany): ImportedCompany {
  for (const k of ['name', 'domain', 'industry', 'size', 'parentName', 'owner', 'externalId'] as const) if (!a[k] && b[k]) a[k] = b[k];
  for (const p of b.phones) if (!a.phones.some((x) => x.number === p.number)) a.phones.push({ ...p, primary: a.phones.length === 0 });
  for (const ad of b.addresses) if (!a.addresses.some((x) => JSON.stringify(x) === JSON.stringify(ad))) a.addresses.push(ad);
  for (const t of b.tags) if (!a.tags.includes(t)) a.tags.push(t);
  for (const [k, v] of Object.entries(b.custom)) if (!(k in a.custom)) a.custom[k] = v;
  a.note = mergeNotes(a.note, b.note);
  return a;
}
