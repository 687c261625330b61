/**
 * The stored file of a follow-up import: a UTF-8 CSV whose first two columns are the row's number in the batch's
 * file and the record a corrected warning goes into (empty for a corrected failed row), then the batch's columns.
 * Written once when the follow-up is created, read by the run like any upload.
 */
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { csvRows } from './engine/csv-reader.js';
import type { SourceRow } from './engine/source.js';

/** One corrected row: its number in the batch's file, the record it fills (a warning) or null (a failed row), its cells. */
export interface FollowUpRow { rowNumber: number; recordId: string | null; values: string[] }

/** Writes the rows (in row order) under the batch's headers. */
export function writeFollowUpFile(file: string, headers: string[], rows: FollowUpRow[]): void {
  const records = [['row', 'record', ...headers], ...rows.map((r) => [String(r.rowNumber), r.recordId ?? '', ...headers.map((_, i) => r.values[i] ?? '')])];
  fs.writeFileSync(file, stringify(records, { record_delimiter: '\r\n' }));
}

/** Streams a follow-up file's rows with their batch row numbers and target records. */
export async function* followUpRows(file: string): AsyncGenerator<SourceRow> {
  for await (const r of csvRows(file, 'utf8', ',')) {
    const [row, record, ...values] = r.values;
    yield { rowNumber: Number(row), values, ...(record ? { recordId: record } : {}) };
  }
}
