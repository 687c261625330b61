import type { Generated } from 'kysely';

/** Row types of the imports module (migration 20261124_0400_imports). JSON columns are text. */
export interface ImportsTable {
  id: string;
  entity: string;
  status: string;
  file_name: string;
  /** Path of the stored upload, relative to dataDir (imports/<id>). */
  file_path: string;
  file_size: number;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  preset: string | null;
  headers: string;
  mapping: string;
  on_duplicate: string;
  match_keys: string;
  total: number | null;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  merged: Generated<number>;
  /** Cells left out of their records and reported (import_warnings rows). */
  warnings: Generated<number>;
  /** Last source row committed; written in the same transaction as the batch it ends. */
  checkpoint_row: Generated<number>;
  /** `processed` when the current run started and when it started (rows/s without earlier runs). */
  run_base: Generated<number>;
  run_started_at: string | null;
  error: string | null;
  job_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  reverted_at: string | null;
  /**
   * The import this one follows up (corrected rows of that batch; migration 20261207_0500_import_follow_ups), null for
   * an upload. Column added later, hence optional on insert.
   */
  parent_id?: string | null;
}
/** What an import did to one record, so it can be reverted: `before` is the full row before an update. */
export interface ImportChangesTable {
  import_id: string;
  entity: string;
  record_id: string;
  kind: string;
  before: string | null;
  row_number: number;
}
export interface ImportFailuresTable {
  import_id: string;
  row_number: number;
  /** JSON array of the row's original cells. */
  cells: string;
  /** The reasons in English, one line (`Email: "x" is not a valid email; …`). */
  error: string;
  /**
   * JSON array of the reasons with codes and params (contracts/import-errors.ts); null for rows failed before
   * migration 20261202_0500_import_failures_issues.
   */
  issues: string | null;
}
/** A cell an import could not use: its record was imported without it (migration 20261207_0300_import_warnings). */
export interface ImportWarningsTable {
  /** UUIDv7: orders the warnings of one row and the timeline items of one record. */
  id: string;
  import_id: string;
  row_number: number;
  entity: string;
  /** The record the row was imported into; null when the row was skipped (onDuplicate=skip). */
  record_id: string | null;
  /** The file's header (or the target, `custom.<key>`). */
  column_name: string;
  /** The cell as written. */
  value: string;
  code: string;
  /** JSON of the reason's params (contracts/import-errors.ts). */
  params: string;
  /** The reason in English. */
  message: string;
  created_at: string;
  /** The follow-up import whose corrected value replaced this one (migration 20261207_0500); null while open. */
  resolved_by?: string | null;
}
export interface ImportMappingsTable {
  id: string;
  name: string;
  entity: string;
  preset: string | null;
  mapping: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    imports: ImportsTable;
    import_changes: ImportChangesTable;
    import_failures: ImportFailuresTable;
    import_mappings: ImportMappingsTable;
    import_warnings: ImportWarningsTable;
  }
}
