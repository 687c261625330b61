/**
 * The validation report (the wizard's "Check the file"): every row cleaned as the run would clean it, and the
 * first rows run through the real batch writer in a transaction that is rolled back.
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { readRows, type SourceRow } from './engine/source.js';
import { errorText, type RowError } from './engine/row-errors.js';
import { storedIssues, type RowWarning } from './imports.logic.js';
import { companyWriter } from './imports.company-runner.js';
import type { BatchCounts, ImportRow } from './imports.repository.js';
import { contactWriter, filePath, sourceInfo, type BatchOutcome, type RowCleaning, type RunOptions } from './imports.runner.js';

/** A failed row as reports list it: English text and the reasons with codes (contracts/imports.ts rowErrorSchema). */
export interface ReportedRow { row: number; error: string; issues: RowError[] }

/**
 * Every row of the file through `clean`: counts and the first `maxErrors` errors, in file order; likewise the
 * warnings (cells the run will leave out of their records) and how many there are.
 */
export async function cleaningReport(ctx: AppContext, imp: ImportRow, clean: (row: SourceRow) => RowCleaning, maxErrors: number) {
  const report = { total: 0, valid: 0, invalid: 0, empty: 0, errors: [] as ReportedRow[], warningCount: 0, warnings: [] as RowWarning[] };
  for await (const row of readRows(filePath(ctx, imp), sourceInfo(imp))) {
    report.total++;
    const r = clean(row);
    if (r.kind === 'ok') {
      report.valid++;
      for (const w of r.warnings ?? []) {
        report.warningCount++;
        if (report.warnings.length < maxErrors) report.warnings.push(w);
      }
    } else if (r.kind === 'empty') report.empty++;
    else {
      report.invalid++;
      if (report.errors.length < maxErrors) report.errors.push({ row: row.rowNumber, error: errorText(r.errors), issues: r.errors });
    }
  }
  return report;
}

/** What the run would do with the first rows of the file: the validation report's `outcome`. */
export interface ImportPreview {
  rows: number;
  complete: boolean;
  counts: BatchCounts;
  failures: ReportedRow[];
}

/**
 * Runs the first `maxRows` rows of the file through the real writer (matching, duplicates in the file and
 * against the database, visibility, company parents) as ONE batch in one transaction, and rolls it back.
 * Exact for those rows, since the run itself decides the same way; later rows are only cleaned (validate).
 * One batch so that rows meeting each other across batches are merged as the run would merge them.
 */
export async function previewImport(ctx: AppContext, p: Principal, imp: ImportRow, maxRows: number): Promise<ImportPreview> {
  let outcome: BatchOutcome | null = null;
  const opts: RunOptions = { dryRun: (o) => void (outcome = o) };
  const rows: SourceRow[] = [];
  let complete = true;
  for await (const row of readRows(filePath(ctx, imp), sourceInfo(imp))) {
    if (rows.length >= maxRows) {
      complete = false;
      break;
    }
    rows.push(row);
  }
  const empty: BatchCounts = { processed: 0, created: 0, updated: 0, skipped: 0, failed: 0, merged: 0 };
  if (rows.length === 0) return { rows: 0, complete, counts: empty, failures: [] };
  if (imp.entity === 'company') {
    const writer = await companyWriter(ctx, imp, p, opts);
    await writer.write(writer.prepare(rows), 1);
  } else {
    const writer = await contactWriter(ctx, imp, p, opts);
    await writer.write(writer.prepare(rows), 1);
  }
  const o = outcome as BatchOutcome | null;
  if (!o) throw new Error('the import preview produced no outcome');
  return { rows: rows.length, complete, counts: o.counts, failures: o.failures.map((f) => ({ row: f.row_number, error: f.error, issues: storedIssues(f) })) };
}
