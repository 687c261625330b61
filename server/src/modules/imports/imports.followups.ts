/**
 * Follow-ups (issue 11 item 6): the failed rows and warnings of a finished import, corrected in the wizard's grid or
 * in the failed-rows CSV uploaded back, are re-checked (nothing written) and imported as a follow-up import of the
 * same batch. The batch is the first import and its follow-ups: one report, one revert.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CorrectedRow } from '../../../../contracts/imports.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/http/access.js';
import { conflict, invalid } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { inspectSource, readRows } from './engine/source.js';
import { companyWriter } from './imports.company-runner.js';
import { writeFollowUpFile, type FollowUpRow } from './imports.followup-file.js';
import { followUpRepository as followUps } from './imports.followups.repository.js';
import { storedIssues } from './imports.logic.js';
import { presentWarning } from './imports.presenter.js';
import { importsRepository as repo, type ImportRow } from './imports.repository.js';
import { contactWriter, type BatchOutcome } from './imports.runner.js';
import { IMPORT_JOB, importsService, moduleOfEntity } from './imports.service.js';

/** Most rows one uploaded file of corrections may hold. */
export const MAX_FOLLOW_UP_ROWS = 50_000;
/** Headers of the failed-rows CSV's first column (the row's number in the file), by language. */
export const rowColumn = { en: 'Row', vi: 'Dòng' } as const;
const ROW_HEADER = /^(row|dòng)$/i;
const ERROR_HEADER = /^(error|lỗi)$/i;
const actor = (p: Principal) => ({ id: p.userId, label: p.email });

/** The batch's first import (follow-ups are reached through it), checked for the caller. */
async function rootOf(ctx: AppContext, p: Principal, id: string): Promise<ImportRow> {
  const imp = await importsService.get(ctx, p, id);
  return imp.parent_id ? importsService.get(ctx, p, imp.parent_id) : imp;
}

/** Rows can be corrected once the batch's first import finished and while no follow-up runs. */
async function assertCorrectable(ctx: AppContext, root: ImportRow): Promise<void> {
  if (!['completed', 'cancelled', 'failed'].includes(root.status)) {
    throw conflict(`the import is ${root.status}; rows can be corrected once it has finished and before it is reverted`);
  }
  if ((await followUps.children(ctx.database.db, root.id)).some((c) => c.status === 'queued' || c.status === 'running')) {
    throw conflict('a follow-up of this import is still running; correct more rows when it has finished');
  }
}

/** Column index of a correction's key: the file's header, or the target a column maps to (warnings name `custom.<key>`). */
function columnIndex(root: ImportRow): (key: string) => number {
  const headers = JSON.parse(root.headers) as string[];
  const mapping = JSON.parse(root.mapping) as Record<string, string | null>;
  return (key) => {
    const i = headers.indexOf(key);
    return i >= 0 ? i : headers.findIndex((h) => mapping[h] === key);
  };
}

/**
 * The follow-up rows of corrections: a failed row is its stored cells with the corrections applied; a row whose
 * record was imported with warnings brings only the corrected cells and the record they go into. `where(i)` names
 * a correction in errors (`rows.3.row`, or `file` for an upload); `failedOnly` refuses rows that did not fail.
 */
async function buildRows(ctx: AppContext, root: ImportRow, corrections: CorrectedRow[], where: (i: number) => string, failedOnly = false): Promise<FollowUpRow[]> {
  const db = ctx.database.db;
  const headers = JSON.parse(root.headers) as string[];
  const indexOf = columnIndex(root);
  const ids = await followUps.batchIds(db, root);
  const numbers = corrections.map((c) => c.row);
  const failures = new Map((await followUps.failuresOfRows(db, ids, numbers)).map((f) => [f.row_number, f]));
  const warnings = new Map<number, string | null>();
  for (const w of await followUps.openWarningsOfRows(db, ids, numbers)) if (!warnings.has(w.row_number)) warnings.set(w.row_number, w.record_id);
  const seen = new Set<number>();
  const out: FollowUpRow[] = [];
  corrections.forEach((c, i) => {
    if (seen.has(c.row)) throw invalid(where(i), `row ${c.row} is corrected twice`);
    seen.add(c.row);
    const values: string[] = [];
    for (const [key, value] of Object.entries(c.values)) {
      const col = indexOf(key);
      if (col < 0) throw invalid(failedOnly ? where(i) : `rows.${i}.values.${key}`, `"${key}" is not a column of this import`);
      values[col] = value;
    }
    const failure = failures.get(c.row);
    if (failure) {
      const cells = JSON.parse(failure.cells) as string[];
      out.push({ rowNumber: c.row, recordId: null, values: headers.map((_, k) => values[k] ?? cells[k] ?? '') });
      return;
    }
    if (failedOnly || !warnings.has(c.row)) {
      throw invalid(where(i), `row ${c.row} is not a failed row${failedOnly ? '' : ' or a row with open warnings'} of this import (corrected already?)`);
    }
    const recordId = warnings.get(c.row) ?? null;
    if (!recordId) throw invalid(where(i), `row ${c.row} was skipped: it went into no record to correct`);
    out.push({ rowNumber: c.row, recordId, values: headers.map((_, k) => values[k] ?? '') });
  });
  return out.sort((a, b) => a.rowNumber - b.rowNumber);
}

/** Importing corrections needs what starting the import needed, and `update` when they fill records it made. */
function requireCorrector(p: Principal, root: ImportRow, rows: FollowUpRow[]): void {
  if (root.on_duplicate === 'update' || rows.some((r) => r.recordId)) requirePermission(p, moduleOfEntity(root.entity), 'update');
}

/** Stores the rows as a follow-up of `root` and queues its run, in one transaction with its audit entry. */
async function createFollowUp(ctx: AppContext, p: Principal, root: ImportRow, rows: FollowUpRow[], fileName: string): Promise<ImportRow> {
  requireCorrector(p, root, rows);
  const id = newId();
  const rel = path.join('imports', id);
  const file = path.join(ctx.config.dataDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFollowUpFile(file, JSON.parse(root.headers) as string[], rows);
  try {
    await ctx.database.db.transaction().execute(async (trx) => {
      const now = nowIso();
      // Writing the batch's row first locks it (PostgreSQL; SQLite has one writer): two corrections sent at once
      // queue here, and the second sees the first's follow-up.
      await repo.set(trx, root.id, { updated_at: now });
      const status = (await repo.find(trx, root.id))?.status;
      if (!status || !['completed', 'cancelled', 'failed'].includes(status)) throw conflict(`the import is ${status ?? 'gone'}; its rows can no longer be corrected`);
      const active = await trx.selectFrom('imports').select('id').where('parent_id', '=', root.id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      if (active) throw conflict('a follow-up of this import is still running; correct more rows when it has finished');
      await repo.insert(trx, {
        id, entity: root.entity, status: 'queued', file_name: fileName.slice(0, 300), file_path: rel, file_size: fs.statSync(file).size,
        format: 'csv', encoding: 'utf8', delimiter: ',', preset: root.preset, headers: root.headers, mapping: root.mapping,
        on_duplicate: root.on_duplicate, match_keys: root.match_keys, total: rows.length, run_started_at: null, error: null, job_id: null,
        created_by: p.userId, created_at: now, updated_at: now, started_at: null, finished_at: null, reverted_at: null, parent_id: root.id,
      });
      const jobId = await ctx.services.jobs.enqueue(trx, IMPORT_JOB, { importId: id }, { maxAttempts: 5, uniqueKey: `import:${id}` });
      await repo.set(trx, id, { job_id: jobId });
      await appendAudit(trx, { actor: actor(p), action: 'import_follow_up', entity: 'import', entityId: root.id, after: { followUp: id, rows: rows.length, file: fileName } });
    });
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  return (await repo.find(ctx.database.db, id))!;
}

/** Reads an uploaded failed-rows CSV (first column Row/Dòng, last Error/Lỗi dropped) into full-row corrections. */
async function correctionsOfFile(file: string, fileName: string, root: ImportRow): Promise<CorrectedRow[]> {
  let info;
  try {
    info = await inspectSource(file, fileName);
  } catch (err) {
    throw invalid('file', `cannot read this file: ${(err as Error).message}`);
  }
  if (info.format === 'vcard') throw invalid('file', 'send the failed-rows CSV (or a spreadsheet of it) with its Row column');
  if (!ROW_HEADER.test(info.headers[0] ?? '')) throw invalid('file', 'the first column must be "Row" (the row numbers of the failed-rows CSV)');
  const known = new Set(JSON.parse(root.headers) as string[]);
  const columns = info.headers.map((h, i) => (i === 0 || (ERROR_HEADER.test(h) && !known.has(h)) ? null : h));
  const unknown = columns.find((h) => h !== null && !known.has(h));
  if (unknown) throw invalid('file', `"${unknown}" is not a column of this import`);
  const out: CorrectedRow[] = [];
  for await (const r of readRows(file, info)) {
    if (r.values.every((v) => !v.trim())) continue;
    const row = Number(r.values[0]?.trim());
    if (!Number.isInteger(row) || row < 2 || row > 2_000_000_000) throw invalid('file', `line ${r.rowNumber} has no row number in its first column`);
    if (out.length >= MAX_FOLLOW_UP_ROWS) throw invalid('file', `more than ${MAX_FOLLOW_UP_ROWS} rows: upload the corrections in parts`);
    const values: Record<string, string> = {};
    columns.forEach((h, i) => { if (h !== null) values[h] = r.values[i] ?? ''; });
    out.push({ row, values });
  }
  if (!out.length) throw invalid('file', 'no rows to import');
  return out;
}

export const followUpService = {
  /** What importing the corrected rows would do (the run's own cleaning, matching and checks), rolled back. */
  async recheck(ctx: AppContext, p: Principal, id: string, corrections: CorrectedRow[]) {
    const root = await rootOf(ctx, p, id);
    await assertCorrectable(ctx, root);
    const rows = await buildRows(ctx, root, corrections, (i) => `rows.${i}.row`);
    let outcome: BatchOutcome | null = null;
    const opts = { dryRun: (o: BatchOutcome) => void (outcome = o) };
    // The batch's own id, so the rows meet its records exactly as the follow-up will; nothing stays written.
    const imp: ImportRow = { ...root, parent_id: root.id, status: 'running' };
    const source = rows.map((r) => ({ rowNumber: r.rowNumber, values: r.values, ...(r.recordId ? { recordId: r.recordId } : {}) }));
    if (root.entity === 'company') {
      const writer = await companyWriter(ctx, imp, p, opts);
      await writer.write(writer.prepare(source), 1);
    } else {
      const writer = await contactWriter(ctx, imp, p, opts);
      await writer.write(writer.prepare(source), 1);
    }
    const o = outcome as BatchOutcome | null;
    if (!o) throw new Error('the re-check produced no outcome');
    const failed = new Map(o.failures.map((f) => [f.row_number, storedIssues(f)]));
    const { processed: _processed, ...counts } = o.counts;
    return {
      rows: rows.map((r) => {
        const issues = failed.get(r.rowNumber);
        const empty = r.values.every((v) => !v.trim());
        return {
          row: r.rowNumber, status: issues ? 'failed' as const : empty ? 'empty' as const : 'ok' as const, issues: issues ?? [],
          warnings: (o.warnings ?? []).filter((w) => w.row_number === r.rowNumber).map(presentWarning),
        };
      }),
      outcome: counts,
    };
  },

  /** Imports corrected rows (the wizard's grid) as a follow-up of the batch. */
  async correct(ctx: AppContext, p: Principal, id: string, corrections: CorrectedRow[]): Promise<ImportRow> {
    const root = await rootOf(ctx, p, id);
    await assertCorrectable(ctx, root);
    const rows = await buildRows(ctx, root, corrections, (i) => `rows.${i}.row`);
    return createFollowUp(ctx, p, root, rows, `${root.file_name} — corrections`);
  },

  /** Imports an uploaded failed-rows CSV, corrected, as a follow-up of the batch (its Row column says which rows). */
  async reupload(ctx: AppContext, p: Principal, id: string, upload: { fileName: string; path: string }): Promise<ImportRow> {
    const root = await rootOf(ctx, p, id);
    await assertCorrectable(ctx, root);
    const corrections = await correctionsOfFile(upload.path, upload.fileName, root);
    const rows = await buildRows(ctx, root, corrections, () => 'file', true);
    return createFollowUp(ctx, p, root, rows, upload.fileName);
  },

  /** The batch's counts (GET /imports/{id} of its first import). */
  totals: (ctx: AppContext, rootId: string) => followUps.totals(ctx.database.db, rootId),
  /** The counts of the batches a history page shows. */
  totalsOf: (ctx: AppContext, rootIds: string[]) => followUps.totalsOf(ctx.database.db, rootIds),
  /** Ids of the batch `imp` starts (failures and warnings are listed over all of them). */
  batchIds: (ctx: AppContext, imp: ImportRow) => (imp.parent_id ? Promise.resolve([imp.id]) : followUps.batchIds(ctx.database.db, imp)),
};
