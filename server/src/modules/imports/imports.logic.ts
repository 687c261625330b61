/** Pure rules of an import beyond single-value cleaning: custom values, stages, merging into a stored row. */
import { cleanDate, fold } from './engine/clean.js';
import { errorText, type RowError } from './engine/row-errors.js';
import type { ImportedContact } from './engine/transform.js';
import type { ContactRow, ContactValues, CustomFieldDef } from './imports.gateway.js';
import { newRecordId } from './imports.ids.js';
import type { ImportFailuresTable, ImportWarningsTable } from './imports.tables.js';

/**
 * A failed row as stored: its cells, the English one-line `error` (as before codes existed) and the reasons
 * with codes and params (`issues`, JSON) for the wizard and the localised failed-rows CSV.
 */
export function failureRow(importId: string, rowNumber: number, cells: string[], errors: RowError[]): ImportFailuresTable {
  return { import_id: importId, row_number: rowNumber, cells: JSON.stringify(cells), error: errorText(errors), issues: JSON.stringify(errors) };
}

/** A cell left out of a row's record, with the row it came from (kept through in-file merges). */
export interface RowWarning { rowNumber: number; issue: RowError }

/**
 * Warnings as stored: one row each, tied to the record the row went into (null when the row was skipped), so
 * the value stays listed in the import's report and on the record's timeline, whatever later edits do.
 */
export function warningRows(importId: string, entity: string, warnings: readonly RowWarning[], recordId: string | null, now: string): ImportWarningsTable[] {
  return warnings.map(({ rowNumber, issue }) => ({
    id: newRecordId(), import_id: importId, row_number: rowNumber, entity, record_id: recordId,
    column_name: String(issue.params.column ?? ''), value: String(issue.params.value ?? ''), code: issue.code,
    params: JSON.stringify(issue.params), message: issue.message, created_at: now,
  }));
}

/** The reasons of a stored failed row; none for rows failed before codes were stored (their `error` text stays). */
export function storedIssues(f: Pick<ImportFailuresTable, 'issues'>): RowError[] {
  return f.issues ? (JSON.parse(f.issues) as RowError[]) : [];
}

/**
 * Turns the text of a cell into the custom field's value type before the contacts module checks it:
 * '42,5' → 42.5 (number), 'có'/'yes'/'1' → true, 'Gold' → 'gold' (select option by value or label),
 * '15/03/1990' → '1990-03-15' (date). Returns the raw text when nothing applies (the check then reports it).
 */
export function coerceCustom(def: Pick<CustomFieldDef, 'type' | 'options'>, raw: string): unknown {
  const s = raw.trim();
  const option = (v: string) => def.options.find((o) => o.value === v || fold(o.value) === fold(v) || fold(o.label.en) === fold(v) || fold(o.label.vi) === fold(v))?.value ?? v;
  switch (def.type) {
    case 'number': {
      const n = Number(/^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s.replace(/[\s,](?=\d{3}\b)/g, ''));
      return Number.isFinite(n) ? n : s;
    }
    case 'money': {
      const n = Number(s.replace(/[\s,.](?=\d{3}\b)/g, ''));
      return Number.isSafeInteger(n) ? n : s;
    }
    case 'checkbox': {
      const f = fold(s);
      if (['true', 'yes', 'y', '1', 'x', 'co', 'dung'].includes(f)) return true;
      if (['false', 'no', 'n', '0', 'khong', 'sai'].includes(f)) return false;
      return s;
    }
    case 'date': return cleanDate(s) ?? s;
    case 'select': return option(s);
    case 'multi_select': return s.split(/ ::: |[,;]/).map((x) => x.trim()).filter(Boolean).map(option);
    default: return s;
  }
}

/**
 * Lifecycle stage from an export's wording: HubSpot's 'Marketing Qualified Lead' → 'marketing_qualified'.
 * Returns null when no configured stage matches.
 */
export function matchStage(value: string, stages: Set<string>): string | null {
  if (stages.has(value)) return value;
  const trimmed = value.replace(/_lead$/, '');
  return stages.has(trimmed) ? trimmed : null;
}

type Mode = 'overwrite' | 'fill';
const SCALARS = [
  ['givenName', 'given_name'], ['familyName', 'family_name'], ['jobTitle', 'job_title'], ['department', 'department'],
  ['birthday', 'birthday'], ['lifecycleStage', 'lifecycle_stage'], ['source', 'source'], ['externalId', 'external_id'],
] as const;

/**
 * The columns that change when an imported contact is applied to a stored row. `overwrite` (onDuplicate
 * update): the file's non-empty values win. `fill` (a later row of the same file): only empty columns are
 * filled. Lists (emails, phones, addresses, tags) are always united; nothing is ever removed.
 */
export function changesFor(
  row: ContactRow, c: ImportedContact, custom: Record<string, unknown>, companyId: string | null, mode: Mode,
): Partial<ContactValues> {
  const set: Partial<ContactValues> = {};
  const want = (cur: string | null, next: string | null) => next !== null && next !== '' && next !== cur && (mode === 'overwrite' || !cur);
  for (const [from, col] of SCALARS) {
    const next = c[from];
    if (from === 'lifecycleStage' && mode === 'fill') continue; // the stored default 'lead' is not "empty"
    if (want(row[col], next)) (set as Record<string, unknown>)[col] = next;
  }
  if (companyId && want(row.company_id, companyId)) set.company_id = companyId;
  const emails = JSON.parse(row.emails) as { address: string; label: string | null; primary: boolean }[];
  const newEmails = c.emails.filter((e) => !emails.some((x) => x.address === e.address));
  if (newEmails.length) set.emails = JSON.stringify([...emails, ...newEmails.map((e) => ({ ...e, primary: false }))].map((e, i, all) => ({ ...e, primary: all.some((x) => x.primary) ? e.primary : i === 0 })));
  const phones = JSON.parse(row.phones) as { number: string; raw: string; label: string | null; primary: boolean }[];
  const newPhones = c.phones.filter((p) => !phones.some((x) => x.number === p.number));
  if (newPhones.length) set.phones = JSON.stringify([...phones, ...newPhones.map((p) => ({ ...p, primary: false }))].map((p, i, all) => ({ ...p, primary: all.some((x) => x.primary) ? p.primary : i === 0 })));
  const addresses = JSON.parse(row.addresses) as unknown[];
  const known = new Set(addresses.map((a) => JSON.stringify(a)));
  const newAddresses = c.addresses.filter((a) => !known.has(JSON.stringify(a)));
  if (newAddresses.length) set.addresses = JSON.stringify([...addresses, ...newAddresses]);
  const tags = JSON.parse(row.tags) as string[];
  const newTags = c.tags.filter((t) => !tags.includes(t));
  if (newTags.length) set.tags = JSON.stringify([...tags, ...newTags]);
  const social = JSON.parse(row.social) as Record<string, string | null>;
  let socialChanged = false;
  for (const [k, v] of Object.entries(c.social)) {
    if (want(social[k] ?? null, v)) {
      social[k] = v;
      socialChanged = true;
    }
  }
  if (socialChanged) set.social = JSON.stringify(social);
  const stored = JSON.parse(row.custom) as Record<string, unknown>;
  let customChanged = false;
  for (const [k, v] of Object.entries(custom)) {
    const cur = stored[k];
    const same = JSON.stringify(cur) === JSON.stringify(v);
    if (!same && (mode === 'overwrite' || cur === undefined || cur === null || cur === '')) {
      stored[k] = v;
      customChanged = true;
    }
  }
  if (customChanged) set.custom = JSON.stringify(stored);
  return set;
}
