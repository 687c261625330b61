/**
 * Pure helpers of the import wizard and export menu: mapping targets, which step a status belongs to,
 * progress figures, saved mappings, export URLs. No React here (logic.test.ts).
 */
import type { TFunction } from 'i18next';
import type { CorrectedRow, ImportStatus, ImportWarning, RowErrorReport } from '../../../../contracts/imports';

export const ACTIVE: ImportStatus[] = ['queued', 'running', 'reverting'];
export const isActive = (s: ImportStatus) => ACTIVE.includes(s);
export type WizardStep = 'upload' | 'map' | 'validate' | 'run' | 'report';

/** The step an import in `status` is at (the wizard opens there when revisited). */
export function stepOf(status: ImportStatus): 'map' | 'run' | 'report' {
  if (status === 'mapping') return 'map';
  if (status === 'queued' || status === 'running') return 'run';
  return 'report';
}

/** Built-in mapping targets for contacts, in the order the select shows them, grouped. */
export const CONTACT_TARGETS: { group: string; targets: string[] }[] = [
  { group: 'name', targets: ['fullName', 'givenName', 'middleName', 'familyName'] },
  { group: 'contact', targets: ['email', 'email:work', 'email:home', 'email:other', 'phone', 'phone:mobile', 'phone:work', 'phone:home', 'phone:other'] },
  { group: 'work', targets: ['company', 'jobTitle', 'department'] },
  { group: 'details', targets: ['birthday', 'tags', 'lifecycleStage', 'source', 'externalId', 'note'] },
  { group: 'address', targets: ['address.street', 'address.city', 'address.region', 'address.postalCode', 'address.country', 'address:work.street', 'address:work.city', 'address:work.country', 'address:home.street', 'address:home.city', 'address:home.country'] },
  { group: 'social', targets: ['social.linkedin', 'social.facebook', 'social.zalo', 'social.x', 'social.website'] },
];

/** Built-in mapping targets for companies, grouped like CONTACT_TARGETS. */
export const COMPANY_TARGETS: { group: string; targets: string[] }[] = [
  { group: 'company', targets: ['name', 'domain', 'industry', 'size'] },
  { group: 'phone', targets: ['phone', 'phone:work', 'phone:fax', 'phone:other'] },
  { group: 'ownership', targets: ['parent', 'owner'] },
  { group: 'details', targets: ['tags', 'externalId', 'note'] },
  { group: 'address', targets: ['address.street', 'address.city', 'address.region', 'address.postalCode', 'address.country', 'address:billing.street', 'address:billing.city', 'address:billing.region', 'address:billing.postalCode', 'address:billing.country', 'address:shipping.street', 'address:shipping.city', 'address:shipping.country'] },
];

/** The targets the mapping step offers for an import of `entity`. */
export const targetsOf = (entity: string) => (entity === 'company' ? COMPANY_TARGETS : CONTACT_TARGETS);

/**
 * Splits a target into the i18n key of its field and its label suffix:
 * 'email:work' → { field: 'email', label: 'work' }; 'address:home.city' → { field: 'address.city', label: 'home' }.
 */
export function targetParts(target: string): { field: string; label: string | null } {
  const m = /^(email|phone|address)(?::([a-z]{1,20}))?(\..+)?$/.exec(target);
  if (!m) return { field: target, label: null };
  return { field: `${m[1]}${m[3] ?? ''}`, label: m[2] ?? null };
}

/**
 * Applies a saved mapping to this file's headers: a header the saved mapping names takes its target,
 * others keep the current choice (the server's suggestion).
 */
export function applySaved(current: Record<string, string | null>, saved: Record<string, string | null>, headers: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const byFolded = new Map(Object.entries(saved).map(([k, v]) => [k.trim().toLowerCase(), v]));
  for (const h of headers) {
    const key = h.trim().toLowerCase();
    out[h] = byFolded.has(key) ? (byFolded.get(key) ?? null) : (current[h] ?? null);
  }
  return out;
}

/** How many columns map to something, and targets used by more than one column where only one makes sense. */
export function mappingSummary(mapping: Record<string, string | null>): { mapped: number; repeated: string[] } {
  const seen = new Map<string, number>();
  for (const t of Object.values(mapping)) if (t) seen.set(t, (seen.get(t) ?? 0) + 1);
  // Several columns may fill emails, phones, tags and address parts (the server joins them with ", "), and the note
  // (one note per record, a paragraph per column).
  const multi = (t: string) => /^(email|phone|tags|address|note)([:.]|$)/.test(t);
  return { mapped: [...seen.values()].reduce((a, b) => a + b, 0), repeated: [...seen].filter(([t, n]) => n > 1 && !multi(t)).map(([t]) => t) };
}

/** Percentage done, 0–100 (0 while the total is unknown). */
export function percent(processed: number, total: number | null): number {
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.round((processed / total) * 1000) / 10);
}

/** Seconds as "1 h 05 min", "3 min 20 s", "45 s"; null → null. */
export function formatEta(seconds: number | null | undefined): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

export type ExportFormat = 'csv' | 'xlsx' | 'vcf';

/** What the list passes to the export menu: the same parameters as the list query, or a selection. */
export interface ExportParams {
  filter?: unknown[] | string | null;
  sort?: string | null;
  q?: string | null;
  ownerId?: string | null;
  tag?: string | null;
  stage?: string | null;
  companyId?: string | null;
  ids?: string[] | null;
}

/** Where each list's export is served. */
export const EXPORT_PATHS = { contact: '/api/v1/contacts/export', company: '/api/v1/companies/export' } as const;

/**
 * The export URL for a format. A selection (ids) wins over filters; empty values are left out.
 * `base` is EXPORT_PATHS[entity].
 * @example exportUrl({ q: 'lan', ids: [] }, 'csv', true) === '/api/v1/contacts/export?format=csv&bom=true&q=lan'
 */
export function exportUrl(p: ExportParams, format: ExportFormat, bom = false, base: string = EXPORT_PATHS.contact): string {
  const qs = new URLSearchParams({ format });
  if (format === 'csv' && bom) qs.set('bom', 'true');
  if (p.ids && p.ids.length) {
    qs.set('ids', p.ids.join(','));
  } else {
    const filter = Array.isArray(p.filter) ? (p.filter.length ? JSON.stringify(p.filter) : '') : (p.filter ?? '');
    const rest: [string, string | null | undefined][] = [['filter', filter], ['sort', p.sort], ['q', p.q?.trim()], ['ownerId', p.ownerId], ['tag', p.tag], ['stage', p.stage], ['companyId', p.companyId]];
    for (const [k, v] of rest) if (v) qs.set(k, v);
  }
  return `${base}?${qs.toString()}`;
}

/** File extensions the upload accepts. */
export const UPLOAD_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'vcf', 'vcard'] as const;
export const acceptsFile = (name: string) => (UPLOAD_EXTENSIONS as readonly string[]).includes(name.toLowerCase().split('.').pop() ?? '');

/**
 * A failed row's reasons in the UI language, one line each, from their codes and params (`imports.rowErrors.*`).
 * A code this build does not know shows the server's English message; a row stored before codes existed
 * (no issues) shows its English `error` line.
 * @example rowErrorLines(t, { row: 3, error: '…', issues: [{ code: 'invalid_email', params: { column: 'Email', value: 'x@' }, message: '…' }] })
 *   → ['Email: “x@” không phải là email hợp lệ'] in Vietnamese
 */
export function rowErrorLines(t: TFunction, r: Pick<RowErrorReport, 'error' | 'issues'>): string[] {
  if (!r.issues.length) return [r.error];
  return r.issues.map((i) => t(`imports.rowErrors.${i.code}`, { ...i.params, defaultValue: i.message }));
}

/** One editable line of the corrections grid: a cell of a failed row or a warning (row, column, value, reason). */
export interface CorrectionLine {
  key: string;
  row: number;
  /** The file's header; null when the reason names no column (a row naming no one): the user picks one. */
  column: string | null;
  value: string;
  issues: RowErrorReport['issues'];
  kind: 'failure' | 'warning';
}

/**
 * The corrections grid's lines: each failed row's reasons (one line per column they name, one with no column for
 * "needs a name…") with the row's cell, then each open warning. Columns named by target (`custom.tier`) show as
 * the header that maps to them.
 * @example correctionLines([{ row: 7, error: '', issues: [{ code: 'contact_needs_identity', params: {}, message: '' }], cells: { Name: '' } }], [], ['Name'], {})
 *   → [{ key: '7:', row: 7, column: null, value: '', kind: 'failure', … }]
 */
export function correctionLines(
  failures: RowErrorReport[], warnings: ImportWarning[], headers: string[], mapping: Record<string, string | null>,
): CorrectionLine[] {
  const headerOf = (column: unknown) => {
    const c = typeof column === 'string' ? column : '';
    return headers.includes(c) ? c : (headers.find((h) => mapping[h] === c) ?? null);
  };
  const lines = new Map<string, CorrectionLine>();
  const add = (row: number, column: string | null, value: string, issue: RowErrorReport['issues'][number], kind: CorrectionLine['kind']) => {
    const key = `${row}:${column ?? ''}`;
    const line = lines.get(key);
    if (line) line.issues.push(issue);
    else lines.set(key, { key, row, column, value, issues: [issue], kind });
  };
  for (const f of failures) {
    for (const issue of f.issues) {
      const column = headerOf(issue.params.column);
      add(f.row, column, column ? (f.cells?.[column] ?? String(issue.params.value ?? '')) : '', issue, 'failure');
    }
  }
  for (const w of warnings) add(w.row, headerOf(w.column) ?? w.column, w.value, { code: w.code, params: w.params, message: w.reason }, 'warning');
  return [...lines.values()].sort((a, b) => a.row - b.row);
}

/**
 * The rows to send from the grid's edits (line key → { column, value }): the changed cells grouped by row.
 * @example correctedRows([{ key: '3:Birthday', row: 3, column: 'Birthday', value: '31/02', … }], { '3:Birthday': { value: '28/02/1990' } })
 *   → [{ row: 3, values: { Birthday: '28/02/1990' } }]
 */
export function correctedRows(lines: CorrectionLine[], edits: Record<string, { column?: string | null; value: string }>): CorrectedRow[] {
  const rows = new Map<number, Record<string, string>>();
  for (const line of lines) {
    const edit = edits[line.key];
    const column = edit?.column ?? line.column;
    if (!edit || !column || (edit.value === line.value && column === line.column)) continue;
    rows.set(line.row, { ...rows.get(line.row), [column]: edit.value });
  }
  return [...rows].map(([row, values]) => ({ row, values }));
}
