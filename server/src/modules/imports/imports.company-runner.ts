/**
 * Runs a company import in batches, with the contact runner's guarantees: each batch is one transaction
 * holding the new and updated companies, the revert log (import_changes, full `before` row of every
 * update), failed rows, the counts, the checkpoint and one audit entry, so a killed run resumes after the
 * last committed batch. Parents are resolved by name (this batch, then live companies, else created).
 */
import { canAccessRecord, type Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';
import { checkCustomValue, normaliseText } from '../contacts/index.js';
import { fold } from './engine/clean.js';
import {
  cleanDomain, compileCompanyMapping, companyMatchKeysOf, mergeCompanyInto, transformCompanyRow, type CompiledCompanyMapping, type ImportedCompany,
} from './engine/company-transform.js';
import type { SourceRow } from './engine/source.js';
import { rowError, type RowError } from './engine/row-errors.js';
import { companyImportRepository as crepo, type OwnerCandidate } from './imports.company-repository.js';
import { companyChangesFor, companyDerived, newCompanyImportRow, parentStubRow, type NewCompany, type Placement } from './imports.company-logic.js';
import { bulk, importPhone, listDefs, type CustomFieldDef } from './imports.gateway.js';
import { newRecordId } from './imports.ids.js';
import { coerceCustom, failureRow, warningRows, type RowWarning } from './imports.logic.js';
import { type BatchCounts, type ImportRow } from './imports.repository.js';
import {
  batchIdsOf, batchTransaction, driveImport, sourceInfo, writeNotes, type BatchWriter, type RowCleaning, type RowNote, type RunOptions,
} from './imports.runner.js';
import type { ImportChangesTable, ImportFailuresTable, ImportWarningsTable } from './imports.tables.js';

export interface Owners { byEmail: Map<string, OwnerCandidate>; byName: Map<string, OwnerCandidate[]> }

/** Active users by email and by folded name: a file names an owner either way. */
export async function loadOwners(db: Executor): Promise<Owners> {
  const owners: Owners = { byEmail: new Map(), byName: new Map() };
  for (const u of await crepo.owners(db)) {
    owners.byEmail.set(u.email.toLowerCase(), u);
    owners.byName.set(fold(u.name), [...(owners.byName.get(fold(u.name)) ?? []), u]);
  }
  return owners;
}

export interface CompanyRunContext {
  p: Principal;
  cm: CompiledCompanyMapping;
  defs: Map<string, CustomFieldDef>;
  owners: Owners;
  matchKeys: string[];
}

interface Prepared {
  rowNumber: number;
  cells: string[];
  company: ImportedCompany;
  custom: Record<string, unknown>;
  keys: string[];
  /** Owner named in the file (null: the importer for a new company, unchanged for an update). */
  owner: { id: string; teamId: string | null } | null;
  /** Cells left out of this company (its own row's and those of rows merged into it). */
  warnings: RowWarning[];
  /** A follow-up's corrected warning: the company the batch made of this row, which the cells fill. */
  recordId?: string;
}

/** The owner a cell names, or why it names none (the code of the row's failure). */
function resolveOwner(raw: string, owners: Owners): OwnerCandidate | 'owner_email_not_found' | 'owner_ambiguous' | 'owner_not_found' {
  if (raw.includes('@')) return owners.byEmail.get(raw.trim().toLowerCase()) ?? 'owner_email_not_found';
  const named = owners.byName.get(fold(raw)) ?? [];
  if (named.length === 1) return named[0]!;
  return named.length ? 'owner_ambiguous' : 'owner_not_found';
}

/**
 * Cleans a company row fully (values, custom fields, owner) without touching the database. A bad optional cell —
 * an owner not found or ambiguous included — is left out and becomes a warning (a new company is then the
 * importer's, an updated one keeps its owner); a row fails without a name or naming an owner outside the scope.
 */
export function prepareCompanyRow(row: SourceRow, s: CompanyRunContext): { kind: 'ok'; prepared: Prepared } | { kind: 'failed'; errors: RowError[] } | { kind: 'empty' } {
  const t = transformCompanyRow(row.values, s.cm, Boolean(row.recordId));
  if (t.ok === 'empty') return { kind: 'empty' };
  if (t.ok === false) return { kind: 'failed', errors: t.errors };
  const c = t.company;
  const errors: RowError[] = t.warnings;
  const custom: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(c.custom)) {
    const def = s.defs.get(key);
    if (!def) {
      errors.push(rowError('unknown_custom_field', { column: `custom.${key}` }));
      continue;
    }
    const checked = checkCustomValue(def, coerceCustom(def, raw), s.cm.region);
    if (checked.ok) custom[key] = checked.value;
    else errors.push(rowError('invalid_custom_value', { column: `custom.${key}`, value: raw, type: def.type }, `custom.${key}: ${checked.message}`));
  }
  let owner: Prepared['owner'] = null;
  if (c.owner) {
    const field = s.cm.steps.find((st) => st.kind === 'owner')?.header ?? 'owner';
    const u = resolveOwner(c.owner, s.owners);
    if (typeof u === 'string') errors.push(rowError(u, { column: field, value: c.owner }));
    else {
      // As the companies service does: the importer's own team when they own it, else the owner's team.
      owner = { id: u.id, teamId: u.id === s.p.userId ? (s.p.teamId ?? u.team_id) : u.team_id };
      // Not a bad cell but a refusal: the importer may not hand a company to someone outside their scope (listed
      // with the cells the row could not use, as contact_outside_visibility is).
      if (!canAccessRecord(s.p, 'companies', { ownerId: owner.id, teamId: owner.teamId })) {
        return { kind: 'failed', errors: [rowError('owner_outside_visibility', { column: field, value: c.owner }), ...errors] };
      }
    }
  }
  const warnings = errors.map((issue) => ({ rowNumber: row.rowNumber, issue }));
  const keys = row.recordId ? [] : companyMatchKeysOf(c, s.matchKeys, normaliseText);
  return { kind: 'ok', prepared: { rowNumber: row.rowNumber, cells: row.values, company: c, custom, keys, owner, warnings, recordId: row.recordId } };
}

/** `batchIds`: the import and the others of its batch (follow-ups): companies any of them created are filled, not matched. */
interface RunState extends CompanyRunContext { imp: ImportRow; batchIds: string[] }
type Plan =
  | { cand: Prepared; action: 'create'; id: string }
  | { cand: Prepared; action: 'overwrite' | 'fill'; id: string; stub: boolean }
  | { cand: Prepared; action: 'skip'; id: string }
  /** A follow-up's corrected warning: fills the company its row made (logged as updated, so a revert restores it). */
  | { cand: Prepared; action: 'correct'; id: string };


/** Writes one batch; returns false when the import is no longer running (cancelled), having written nothing. */
async function writeBatch(ctx: AppContext, s: RunState, rows: SourceRow[], batchNo: number, opts: RunOptions): Promise<boolean> {
  const counts: BatchCounts = { processed: rows.length, created: 0, updated: 0, skipped: 0, failed: 0, merged: 0 };
  const failures: ImportFailuresTable[] = [];
  const fail = (cand: { rowNumber: number; cells: string[] }, errors: RowError[]) => {
    counts.failed++;
    failures.push(failureRow(s.imp.id, cand.rowNumber, cand.cells, errors));
  };
  const candidates: Prepared[] = [];
  const byKey = new Map<string, Prepared>();
  for (const row of rows) {
    const r = prepareCompanyRow(row, s);
    if (r.kind === 'empty') counts.skipped++;
    else if (r.kind === 'failed') fail({ rowNumber: row.rowNumber, cells: row.values }, r.errors);
    else {
      // Duplicates within the file: merged into the first row carrying the same domain, name or external id.
      const first = r.prepared.keys.map((k) => byKey.get(k)).find(Boolean);
      if (first) {
        mergeCompanyInto(first.company, r.prepared.company);
        Object.assign(first.custom, { ...r.prepared.custom, ...first.custom });
        first.owner ??= r.prepared.owner;
        first.warnings.push(...r.prepared.warnings);
        for (const k of r.prepared.keys) if (!first.keys.includes(k)) first.keys.push(k);
        counts.merged++;
      } else candidates.push(r.prepared);
      for (const k of r.prepared.keys) byKey.set(k, first ?? r.prepared);
    }
  }
  const now = nowIso();
  const parentColumn = s.cm.steps.find((st) => st.kind === 'parent')?.header ?? 'parent';
  const createdIds: string[] = [];
  const updatedIds: string[] = [];
  return batchTransaction(ctx, batchNo, opts, async (trx) => {
    const keys = candidates.flatMap((c) => c.keys);
    const pick = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2));
    const matches = (await crepo.match(trx, { domains: pick('d:'), nameKeys: pick('n:'), externalIds: pick('x:') }))
      .filter((m) => !m.key.startsWith('d:') || cleanDomain(m.domain ?? '') === m.key.slice(2));
    const idsByKey = new Map<string, string[]>();
    const access = new Map<string, boolean>();
    for (const m of matches) {
      idsByKey.set(m.key, [...(idsByKey.get(m.key) ?? []), m.id]);
      access.set(m.id, canAccessRecord(s.p, 'companies', { ownerId: m.owner_id, teamId: m.team_id }));
    }
    // Without `name` among the match keys, a company created earlier as a parent is still claimed by its own row.
    const claimable = s.matchKeys.includes('name') ? new Map<string, string>()
      : await crepo.parentsCreated(trx, s.imp.id, candidates.map((c) => normaliseText(c.company.name)));
    for (const id of claimable.values()) access.set(id, true);
    const ours = await crepo.createdAmong(trx, s.batchIds, [...access.keys()]);
    const forced = candidates.flatMap((c) => (c.recordId && !access.has(c.recordId) ? [c.recordId] : []));
    const stored = new Map((await crepo.rows(trx, [...access.keys(), ...forced])).map((r) => [r.id, r] as const));
    const onDup = s.imp.on_duplicate;
    const plans: Plan[] = [];
    for (const cand of candidates) {
      if (cand.recordId) {
        const row = stored.get(cand.recordId);
        if (!row || row.deleted_at || !canAccessRecord(s.p, 'companies', { ownerId: row.owner_id, teamId: row.team_id })) fail(cand, [rowError('record_gone')]);
        else plans.push({ cand, action: 'correct', id: row.id });
        continue;
      }
      // A company the importer may not see is no match: the row goes on exactly as if it did not exist (no existence oracle).
      const ids = [...new Set(cand.keys.flatMap((k) => idsByKey.get(k) ?? []))].filter((id) => ours.has(id) || access.get(id));
      const parent = ids.length ? undefined : claimable.get(normaliseText(cand.company.name));
      if (parent) {
        claimable.delete(normaliseText(cand.company.name));
        plans.push({ cand, action: 'fill', id: parent, stub: true });
        continue;
      }
      const mine = ids.find((id) => ours.has(id));
      const target = mine ?? ids[0];
      if (!target || (!mine && onDup === 'create')) plans.push({ cand, action: 'create', id: newRecordId() });
      else if (!mine && onDup === 'skip') plans.push({ cand, action: 'skip', id: target });
      else plans.push({ cand, action: mine ? 'fill' : 'overwrite', id: target, stub: mine !== undefined && ours.get(mine) === 0 });
    }

    // Parents: a company of this batch, else a live company the importer may see, else one created here.
    const batchNames = new Map<string, string>();
    for (const pl of plans) batchNames.set(normaliseText(pl.cand.company.name), pl.id);
    for (const pl of plans) if (pl.action !== 'create' && !batchNames.has(stored.get(pl.id)!.name_key)) batchNames.set(stored.get(pl.id)!.name_key, pl.id);
    const wanted = [...new Set(plans.filter((pl) => pl.action !== 'skip' && pl.cand.company.parentName).map((pl) => normaliseText(pl.cand.company.parentName)))];
    const parentIds = new Map<string, string>();
    for (const r of await crepo.byNameKey(trx, wanted.filter((k) => !batchNames.has(k)))) {
      // A company the importer may not see is no parent: its name reads as unknown, as a hand edit's parentId would.
      if (!canAccessRecord(s.p, 'companies', { ownerId: r.owner_id, teamId: r.team_id })) continue;
      const seen = parentIds.get(r.name_key);
      if (!seen || (!access.get(seen) && canAccessRecord(s.p, 'companies', { ownerId: r.owner_id, teamId: r.team_id }))) {
        parentIds.set(r.name_key, r.id);
        access.set(r.id, canAccessRecord(s.p, 'companies', { ownerId: r.owner_id, teamId: r.team_id }));
      }
    }
    const stubs: NewCompany[] = [];
    for (const pl of plans) {
      const name = pl.cand.company.parentName;
      if (pl.action === 'skip' || !name) continue;
      const key = normaliseText(name);
      if (!batchNames.has(key) && !parentIds.has(key)) {
        const stub = parentStubRow(newRecordId(), name, { ownerId: s.p.userId, teamId: s.p.teamId }, s.p.userId, now);
        stubs.push(stub);
        parentIds.set(key, stub.id);
      }
    }
    const parentOf = new Map<string, string | null>();
    for (const st of stubs) parentOf.set(st.id, null);
    const planned = new Map<string, string>();
    for (const pl of plans) {
      const name = pl.cand.company.parentName;
      const pid = pl.action !== 'skip' && name ? batchNames.get(normaliseText(name)) ?? parentIds.get(normaliseText(name))! : null;
      if (pid) planned.set(pl.id, pid);
      parentOf.set(pl.id, pid ?? (pl.action === 'create' ? null : stored.get(pl.id)?.parent_id ?? null));
    }
    // A parent that would close a loop is left out (the company keeps the parent it had): a warning, not a failure,
    // so every planned company is written and no row can point at a company that was not (no `parent_failed` now).
    for (const pl of plans) {
      const pid = planned.get(pl.id);
      if (pid && (await reaches(trx, parentOf, pid, pl.id))) {
        pl.cand.warnings.push({ rowNumber: pl.cand.rowNumber, issue: rowError('parent_loop', { column: parentColumn, value: pl.cand.company.parentName ?? '' }) });
        parentOf.set(pl.id, pl.action === 'create' ? null : stored.get(pl.id)?.parent_id ?? null);
        planned.delete(pl.id);
      }
    }
    const warnings: ImportWarningsTable[] = [];
    for (const pl of plans) warnings.push(...warningRows(s.imp.id, 'company', pl.cand.warnings, pl.action === 'skip' ? null : pl.id, now));
    const live = plans;

    // The row's `note` column: one note activity on the company it went into (none when the row is skipped).
    const notes: RowNote[] = [];
    const note = (pl: Plan) => {
      if (pl.cand.company.note) notes.push({ id: newRecordId(), text: pl.cand.company.note, contactId: null, companyId: pl.id, rowNumber: pl.cand.rowNumber });
    };
    const newRows: NewCompany[] = [...stubs];
    const changes: ImportChangesTable[] = stubs.map((st) => ({ import_id: s.imp.id, entity: 'company', record_id: st.id, kind: 'created', before: null, row_number: 0 }));
    const placement = (pl: Plan): Placement => ({ ownerId: pl.cand.owner?.id ?? null, teamId: pl.cand.owner?.teamId ?? null, parentId: planned.get(pl.id) ?? null });
    for (const pl of live) {
      if (pl.action === 'skip') counts.skipped++;
      if (pl.action !== 'create') continue;
      const at = placement(pl);
      newRows.push(newCompanyImportRow(pl.id, pl.cand.company, pl.cand.custom, { ...at, ownerId: at.ownerId ?? s.p.userId, teamId: at.ownerId ? at.teamId : s.p.teamId }, s.p.userId, now));
      changes.push({ import_id: s.imp.id, entity: 'company', record_id: pl.id, kind: 'created', before: null, row_number: pl.cand.rowNumber });
      note(pl);
      createdIds.push(pl.id);
      counts.created++;
    }
    for (const pl of live) if (pl.action === 'fill' || pl.action === 'overwrite' || pl.action === 'correct') note(pl);
    await bulk.insertCompanies(ctx.database, trx, parentsFirst(newRows));
    // Updates after the inserts (a new parent must exist), each against the row as this batch left it.
    for (const pl of live) {
      if (pl.action !== 'fill' && pl.action !== 'overwrite' && pl.action !== 'correct') continue;
      const row = stored.get(pl.id)!;
      const set = companyChangesFor(row, pl.cand.company, pl.cand.custom, placement(pl), pl.action === 'correct' ? 'overwrite' : pl.action);
      if (pl.action === 'fill' && pl.stub) {
        // A company first created as a parent now meets its own row: that row created it.
        counts.created++;
        await crepo.claim(trx, s.imp.id, pl.id, pl.cand.rowNumber);
      } else if (pl.action === 'fill') counts.merged++;
      else if (Object.keys(set).length === 0) counts.skipped++;
      if (Object.keys(set).length === 0) continue;
      if (pl.action === 'correct') {
        changes.push({ import_id: s.imp.id, entity: 'company', record_id: row.id, kind: 'updated', before: JSON.stringify(row), row_number: pl.cand.rowNumber });
        updatedIds.push(row.id);
        counts.updated++;
      }
      Object.assign(set, companyDerived({ ...row, ...set }), { updated_at: now, updated_by: s.p.userId });
      if (!(await crepo.update(trx, row, set))) throw new Error(`company ${row.id} changed concurrently`);
      stored.set(row.id, { ...row, ...set, version: row.version + 1 });
      if (pl.action === 'overwrite') {
        changes.push({ import_id: s.imp.id, entity: 'company', record_id: row.id, kind: 'updated', before: JSON.stringify(row), row_number: pl.cand.rowNumber });
        updatedIds.push(row.id);
        counts.updated++;
      }
    }
    await writeNotes(ctx, trx, s, notes, changes, now);
    return { imp: s.imp, p: s.p, rows, counts, changes, failures, createdIds, updatedIds, now, warnings, tag: { entity: 'company' } };
  });
}

/** True when walking up from `start` meets `target` (so making start target's parent would close a loop). */
async function reaches(trx: Executor, parentOf: Map<string, string | null>, start: string, target: string): Promise<boolean> {
  let cur: string | null = start;
  for (let depth = 0; cur && depth < 100; depth++) {
    if (cur === target) return true;
    if (!parentOf.has(cur)) for (const [id, pid] of await crepo.parentsOf(trx, [cur])) parentOf.set(id, pid);
    cur = parentOf.get(cur) ?? null;
  }
  return false;
}

/** New rows ordered so a parent created in this batch is inserted before its children (foreign key). */
function parentsFirst(rows: NewCompany[]): NewCompany[] {
  const byId = new Map(rows.map((r) => [r.id, r] as const));
  const depth = (r: NewCompany): number => {
    let d = 0;
    for (let cur = r.parent_id; cur && byId.has(cur) && d < 100; cur = byId.get(cur)!.parent_id) d++;
    return d;
  };
  return rows.map((r) => [depth(r), r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

async function runContext(ctx: AppContext, p: Principal, imp: ImportRow): Promise<CompanyRunContext> {
  const info = sourceInfo(imp);
  return {
    p, owners: await loadOwners(ctx.database.db), matchKeys: JSON.parse(imp.match_keys) as string[],
    defs: new Map((await listDefs(ctx.database.db, 'company')).map((d) => [d.key, d])),
    cm: compileCompanyMapping(info.headers, JSON.parse(imp.mapping) as Record<string, string | null>, ctx.config.defaultRegion, importPhone),
  };
}

/** Cleans company rows as the run does (prepareCompanyRow), without writing. */
export async function companyRowCleaner(ctx: AppContext, imp: ImportRow, p: Principal): Promise<(row: SourceRow) => RowCleaning> {
  const s = await runContext(ctx, p, imp);
  return (row) => {
    const r = prepareCompanyRow(row, s);
    return r.kind === 'ok' ? { kind: 'ok', warnings: r.prepared.warnings } : r;
  };
}

/** Runs (or resumes) a company import to its end through the shared run loop (driveImport). Returns the final row. */
export async function runCompanyImport(ctx: AppContext, importId: string, opts: RunOptions = {}): Promise<ImportRow> {
  return driveImport(ctx, importId, opts, (imp, p) => companyWriter(ctx, imp, p, opts));
}

/** The company import's batch writer: cleaning happens inside write (owners and parents need the database). */
export async function companyWriter(ctx: AppContext, imp: ImportRow, p: Principal, opts: RunOptions): Promise<BatchWriter<SourceRow[]>> {
  const state: RunState = { imp, batchIds: await batchIdsOf(ctx.database.db, imp), ...(await runContext(ctx, p, imp)) };
  return { prepare: (rows: SourceRow[]) => rows, write: (rows: SourceRow[], batchNo: number) => writeBatch(ctx, state, rows, batchNo, opts) };
}
