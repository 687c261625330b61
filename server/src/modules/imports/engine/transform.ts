/**
 * One source row + a mapping → a cleaned contact, or the reasons it cannot be imported.
 * Pure and allocation-light: the mapping is compiled once per import into per-column steps.
 */
import { cleanBirthday, cleanCountry, cleanEmail, fallbackNormalisePhone, splitFullName, type PhoneNormaliser } from './clean.js';
import { rowError, type RowError } from './row-errors.js';

export interface ImportedEmail { address: string; label: string | null; primary: boolean }
export interface ImportedPhone { number: string; raw: string; label: string | null; primary: boolean }
export interface ImportedAddress {
  label: string | null; street: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null;
}
export interface ImportedContact {
  givenName: string | null;
  familyName: string | null;
  emails: ImportedEmail[];
  phones: ImportedPhone[];
  addresses: ImportedAddress[];
  social: Record<string, string>;
  jobTitle: string | null;
  department: string | null;
  birthday: string | null;
  companyName: string | null;
  tags: string[];
  lifecycleStage: string | null;
  source: string | null;
  externalId: string | null;
  custom: Record<string, string>;
  /** Text of the columns mapped to `note`: one note activity on the record (absent when none). */
  note?: string;
}

export { errorText, type RowError } from './row-errors.js';
/**
 * A cleaned row: the contact and the `warnings` — cells that could not be used (a bad date, phone, email,
 * country), left out of the contact and reported; or the reasons the row makes no contact at all; or blank.
 */
export type TransformResult = { ok: true; contact: ImportedContact; warnings: RowError[] } | { ok: false; errors: RowError[] } | { ok: 'empty' };

/** Longest `note` cell taken (characters); a longer one is a warning. */
export const MAX_NOTE = 20_000;
export const SOCIAL_KEYS = ['linkedin', 'facebook', 'zalo', 'x', 'website'] as const;
type AddressPart = 'street' | 'city' | 'region' | 'postalCode' | 'country';
const TARGET_RE = new RegExp(
  '^(fullName|givenName|middleName|familyName|company|jobTitle|department|birthday|tags|lifecycleStage|source|externalId|note' +
    '|email(:[a-z]{1,20})?|phone(:[a-z]{1,20})?|address(:[a-z]{1,20})?\\.(street|city|region|postalCode|country)' +
    `|social\\.(${SOCIAL_KEYS.join('|')})|custom\\.[a-zA-Z][a-zA-Z0-9_]{0,63})$`,
);

/** True for a target a mapping may name, e.g. 'email:work', 'address:home.city', 'custom.cf_size'. */
export function isValidTarget(t: string): boolean {
  return TARGET_RE.test(t);
}

interface Step {
  index: number;
  header: string;
  target: string;
  /** Column holding this value's label (`E-mail 1 - Label` beside `E-mail 1 - Value`). */
  labelIndex: number | null;
  /** 'email' of 'email:work', 'address' of 'address:home.city', … */
  kind: string;
  /** 'work' of 'email:work'. */
  fixedLabel: string | null;
  /** 'city' of 'address.city', 'linkedin' of 'social.linkedin', the key of 'custom.key'. */
  sub: string;
}
export interface CompiledMapping {
  steps: Step[];
  region: string;
  normalisePhone: PhoneNormaliser;
}

/**
 * A mapping target's parts, for contact and company mappings alike.
 * Example: parseTarget('address:home.city') → { kind: 'address', fixedLabel: 'home', sub: 'city' }.
 */
export function parseTarget(target: string): { kind: string; fixedLabel: string | null; sub: string } {
  return {
    kind: target.split(/[:.]/)[0]!,
    fixedLabel: target.includes(':') ? target.slice(target.indexOf(':') + 1).split('.')[0]! : null,
    sub: target.includes('.') ? target.slice(target.indexOf('.') + 1) : '',
  };
}

/** Compiles header→target into per-column steps; unknown headers and null targets are ignored. */
export function compileMapping(
  headers: string[], mapping: Record<string, string | null>, region: string, normalisePhone: PhoneNormaliser = fallbackNormalisePhone,
): CompiledMapping {
  const steps: Step[] = [];
  headers.forEach((header, index) => {
    const target = mapping[header];
    if (!target) return;
    steps.push({ index, header, target, labelIndex: labelColumn(headers, header), ...parseTarget(target) });
  });
  return { steps, region, normalisePhone };
}

/**
 * The column holding a numbered value's label: `Phone 2 - Label` (or `- Type`) beside `Phone 2 - Value`,
 * `Address 1 - Label` beside `Address 1 - City`; null when the header is not numbered or has none.
 */
export function labelColumn(headers: string[], header: string): number | null {
  const m = /^(.*) (\d+) - (Value|Street|City|Region|Postal Code|Country)$/.exec(header);
  let labelIndex: number | null = null;
  if (m) {
    for (const suffix of ['Label', 'Type']) {
      const i = headers.indexOf(`${m[1]} ${m[2]} - ${suffix}`);
      if (i >= 0) labelIndex = i;
    }
  }
  return labelIndex;
}

/** A value's label: the target's own (`phone:work`), else the row's cell in its label column, else null. */
export function stepLabel(step: { fixedLabel: string | null; labelIndex: number | null }, values: string[]): string | null {
  return step.fixedLabel ?? (step.labelIndex !== null ? cleanLabel(values[step.labelIndex]) : null);
}

/**
 * Which address a column belongs to: its fixed label (`address:home.city`), else its numbered group when it
 * has a label column (`Address 2 - City` → '#Address 2'), else the one unlabelled address ('').
 */
export function addressKey(step: { header: string; fixedLabel: string | null; labelIndex: number | null }): string {
  return step.fixedLabel ?? (step.labelIndex !== null ? `#${step.header.replace(/ - .*$/, '')}` : '');
}

const MULTI = / ::: /;
const cleanLabel = (s: string | undefined): string | null => {
  const l = (s ?? '').replace(/^\*\s*/, '').trim().toLowerCase();
  return l ? l.replace(/\s+/g, '_').slice(0, 40) : null;
};
const lifecycle = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export function emptyContact(): ImportedContact {
  return {
    givenName: null, familyName: null, emails: [], phones: [], addresses: [], social: {}, jobTitle: null, department: null,
    birthday: null, companyName: null, tags: [], lifecycleStage: null, source: null, externalId: null, custom: {},
  };
}

/**
 * Cleans one row. Blank rows are `{ ok: 'empty' }`. A value that cannot be cleaned is left out and becomes a
 * warning; the row fails only when what remains names no one (no name, email, phone or company).
 */
export function transformRow(values: string[], cm: CompiledMapping, knownRecord = false): TransformResult {
  const c = emptyContact();
  const errors: RowError[] = [];
  let fullName = '';
  let middle = '';
  let any = false;
  const addresses = new Map<string, ImportedAddress>();
  for (const step of cm.steps) {
    // A leading apostrophe before = + - @ is an export's formula neutralisation: undo it.
    const raw = (values[step.index] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
    if (!raw) continue;
    any = true;
    const label = stepLabel(step, values);
    switch (step.kind) {
      case 'fullName': fullName = raw; break;
      case 'givenName': c.givenName = raw; break;
      case 'middleName': middle = raw; break;
      case 'familyName': c.familyName = raw; break;
      case 'company': c.companyName = raw; break;
      case 'jobTitle': c.jobTitle = raw; break;
      case 'department': c.department = raw; break;
      case 'lifecycleStage': c.lifecycleStage = lifecycle(raw) || null; break;
      case 'source': c.source = raw; break;
      case 'externalId': c.externalId = raw; break;
      case 'birthday': {
        const d = cleanBirthday(raw);
        if (d !== null) c.birthday = d || null;
        else errors.push(rowError('invalid_date', { column: step.header, value: raw }));
        break;
      }
      case 'tags':
        for (const tag of raw.split(/ ::: |[,;]/)) {
          const v = tag.replace(/^\*\s*/, '').trim();
          if (v && v !== 'myContacts' && !c.tags.includes(v)) c.tags.push(v);
        }
        break;
      case 'email':
        for (const part of raw.split(MULTI)) {
          const e = cleanEmail(part);
          if (!e) errors.push(rowError('invalid_email', { column: step.header, value: part.trim() }));
          else if (!c.emails.some((x) => x.address === e)) c.emails.push({ address: e, label, primary: false });
        }
        break;
      case 'phone':
        for (const part of raw.split(MULTI)) {
          const p = cm.normalisePhone(part.trim(), cm.region);
          if (!p.valid) errors.push(rowError('invalid_phone', { column: step.header, value: part.trim() }));
          else if (!c.phones.some((x) => x.number === p.e164)) c.phones.push({ number: p.e164, raw: part.trim(), label, primary: false });
        }
        break;
      case 'address': {
        const part = step.sub as AddressPart;
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
      case 'social': c.social[step.sub] = raw; break;
      case 'custom': c.custom[step.sub] = raw; break;
      case 'note':
        if (raw.length > MAX_NOTE) errors.push(rowError('value_too_long', { column: step.header, max: MAX_NOTE }));
        else c.note = addNote(c.note, step.header, raw, cm.steps);
        break;
    }
  }
  if (!any) return { ok: 'empty' };
  if (fullName && !c.givenName && !c.familyName) {
    const { given, family } = splitFullName(fullName);
    c.givenName = given || null;
    c.familyName = family || null;
  }
  if (middle) c.givenName = c.givenName ? `${c.givenName} ${middle}` : middle;
  c.addresses = [...addresses.values()];
  if (c.emails[0]) c.emails[0].primary = true;
  if (c.phones[0]) c.phones[0].primary = true;
  // A follow-up's corrected cells for a record the batch already made (`knownRecord`) need not name anyone.
  if (!knownRecord && !c.givenName && !c.familyName && !c.emails.length && !c.phones.length && !c.companyName) {
    return { ok: false, errors: [...errors, rowError('contact_needs_identity')] };
  }
  return { ok: true, contact: c, warnings: errors };
}

/** Match keys of a contact: 'e:<email>', 'p:<e164>', 'x:<external id>'. */
export function matchKeysOf(c: ImportedContact, keys: readonly string[]): string[] {
  const out: string[] = [];
  if (keys.includes('email')) for (const e of c.emails) out.push(`e:${e.address}`);
  if (keys.includes('phone')) for (const p of c.phones) out.push(`p:${p.number}`);
  if (keys.includes('externalId') && c.externalId) out.push(`x:${c.externalId}`);
  return out;
}

/** Merges b into a: a's single values win, lists are united (emails, phones, addresses, tags), custom filled in. */
export function mergeInto(a: ImportedContact, b: ImportedContact): ImportedContact {
  for (const k of ['givenName', 'familyName', 'jobTitle', 'department', 'birthday', 'companyName', 'lifecycleStage', 'source', 'externalId'] as const) {
    if (!a[k] && b[k]) a[k] = b[k];
  }
  for (const e of b.emails) if (!a.emails.some((x) => x.address === e.address)) a.emails.push({ ...e, primary: a.emails.length === 0 });
  for (const p of b.phones) if (!a.phones.some((x) => x.number === p.number)) a.phones.push({ ...p, primary: a.phones.length === 0 });
  for (const ad of b.addresses) {
    if (!a.addresses.some((x) => JSON.stringify(x) === JSON.stringify(ad))) a.addresses.push(ad);
  }
  for (const t of b.tags) if (!a.tags.includes(t)) a.tags.push(t);
  for (const [k, v] of Object.entries(b.social)) if (!a.social[k]) a.social[k] = v;
  for (const [k, v] of Object.entries(b.custom)) if (!(k in a.custom)) a.custom[k] = v;
  a.note = mergeNotes(a.note, b.note);
  return a;
}

/**
 * A `note` cell added to the row's note text. With one note column the text is the cell as written; with several,
 * each is a paragraph headed by its column: addNote(undefined, 'Ghi chú', 'Gọi lại', steps) → 'Gọi lại'.
 */
export function addNote(prev: string | undefined, header: string, raw: string, steps: readonly { kind: string }[]): string {
  const labelled = steps.filter((st) => st.kind === 'note').length > 1;
  const text = labelled ? `${header}: ${raw}` : raw;
  return prev ? `${prev}\n\n${text}` : text;
}

/** Notes of rows merged in one file: both texts kept (once), in file order. */
export function mergeNotes(a: string | undefined, b: string | undefined): string | undefined {
  if (!b || a === b) return a;
  return a ? `${a}\n\n${b}` : b;
}
