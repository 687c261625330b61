import type { Locale } from '../../../../contracts/common.js';
import { formatRowIssue, type ImportRun, type ImportWarning, type RowErrorCode, type RowErrorReport } from '../../../../contracts/imports.js';
import { storedIssues, type RowWarning } from './imports.logic.js';
import type { ImportFailuresTable, ImportMappingsTable, ImportWarningsTable } from './imports.tables.js';
import type { ImportRow } from './imports.repository.js';

/** Stored run → wire shape, with live rate and ETA of the current run. */
export function presentImport(r: ImportRow, now = Date.now()): ImportRun {
  let rowsPerSecond: number | null = null;
  let etaSeconds: number | null = null;
  if (r.run_started_at && (r.status === 'running' || r.finished_at)) {
    const end = r.status === 'running' || !r.finished_at ? now : Date.parse(r.finished_at);
    const secs = Math.max(0.001, (end - Date.parse(r.run_started_at)) / 1000);
    rowsPerSecond = Math.round(((r.processed - r.run_base) / secs) * 10) / 10;
    if (r.status === 'running' && r.total !== null && rowsPerSecond > 0) etaSeconds = Math.ceil(Math.max(0, r.total - r.processed) / rowsPerSecond);
  }
  if (r.status === 'completed') etaSeconds = 0;
  return {
    id: r.id,
    entity: r.entity as ImportRun['entity'],
    status: r.status as ImportRun['status'],
    fileName: r.file_name,
    format: r.format as ImportRun['format'],
    encoding: r.encoding,
    delimiter: r.delimiter,
    preset: r.preset,
    headers: JSON.parse(r.headers) as string[],
    mapping: JSON.parse(r.mapping) as Record<string, string | null>,
    onDuplicate: r.on_duplicate as ImportRun['onDuplicate'],
    matchKeys: JSON.parse(r.match_keys) as ImportRun['matchKeys'],
    total: r.total,
    processed: r.processed,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    failed: r.failed,
    merged: r.merged,
    warnings: r.warnings,
    rowsPerSecond,
    etaSeconds,
    checkpointRow: r.checkpoint_row,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    revertedAt: r.reverted_at,
    parentId: r.parent_id ?? null,
  };
}

export function presentMapping(m: ImportMappingsTable) {
  return {
    id: m.id, name: m.name, entity: m.entity as 'contact' | 'company', preset: m.preset,
    mapping: JSON.parse(m.mapping) as Record<string, string | null>, createdBy: m.created_by, createdAt: m.created_at,
  };
}

/** Stored failed row → wire shape: the English `error` line and the reasons with codes and params. */
export function presentFailure(f: ImportFailuresTable, headers?: string[]): RowErrorReport {
  const out: RowErrorReport = { row: f.row_number, error: f.error, issues: storedIssues(f) };
  if (headers) {
    const cells = JSON.parse(f.cells) as string[];
    out.cells = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
  }
  return out;
}

/**
 * The failed-rows CSV's Error cell in a language. English keeps the stored line exactly as API clients and
 * earlier downloads had it; rows stored before codes existed have only that line, whatever the language.
 * Example (vi): 'Email: “x” không phải là email hợp lệ; Số điện thoại: “12345” không phải là số điện thoại hợp lệ'.
 */
export function failureText(f: ImportFailuresTable, locale: Locale): string {
  const issues = storedIssues(f);
  return locale === 'en' || issues.length === 0 ? f.error : issues.map((i) => formatRowIssue(locale, i)).join('; ');
}

/** Header of the failed-rows CSV's last column. */
export const errorColumn: Record<Locale, string> = { en: 'Error', vi: 'Lỗi' };

/** Stored warning → wire shape. */
export function presentWarning(w: ImportWarningsTable): ImportWarning {
  return {
    row: w.row_number, column: w.column_name, value: w.value, code: w.code as RowErrorCode,
    params: JSON.parse(w.params) as ImportWarning['params'], reason: w.message, recordId: w.record_id,
  };
}

/** A warning of a validation report (no record yet) → wire shape. */
export function presentRowWarning(w: RowWarning): ImportWarning {
  const { issue } = w;
  return {
    row: w.rowNumber, column: String(issue.params.column ?? ''), value: String(issue.params.value ?? ''), code: issue.code,
    params: issue.params, reason: issue.message, recordId: null,
  };
}

/**
 * A warning's reason in a language (the warnings CSV, the timeline); English is the stored message, as for failed
 * rows. Example (vi): 'Ngày sinh: “31/02/1990” không phải là ngày hợp lệ'.
 */
export function warningText(w: Pick<ImportWarningsTable, 'code' | 'params' | 'message'>, locale: Locale): string {
  return locale === 'en' ? w.message : formatRowIssue(locale, { code: w.code, params: JSON.parse(w.params) as Record<string, string>, message: w.message });
}

/** Headers of the warnings CSV. */
export const warningColumns: Record<Locale, string[]> = {
  en: ['Row', 'Column', 'Value', 'Code', 'Reason', 'Record'],
  vi: ['Dòng', 'Cột', 'Giá trị', 'Mã', 'Lý do', 'Bản ghi'],
};
