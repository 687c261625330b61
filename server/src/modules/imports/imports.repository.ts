/** SQL of the imports module's own tables: runs, changes (for revert), failed rows, saved mappings. */
import { sql } from 'kysely';
import { bulkInsert } from '../../platform/db/bulk.js';
import type { Database, Executor } from '../../platform/db/db.js';
import type { ImportChangesTable, ImportFailuresTable, ImportMappingsTable, ImportsTable, ImportWarningsTable } from './imports.tables.js';

export type ImportRow = Omit<ImportsTable, 'processed' | 'created' | 'updated' | 'skipped' | 'failed' | 'merged' | 'checkpoint_row' | 'run_base' | 'warnings'> & {
  processed: number; created: number; updated: number; skipped: number; failed: number; merged: number; checkpoint_row: number; run_base: number; warnings: number;
};
export type ImportValues = Omit<ImportsTable, 'processed' | 'created' | 'updated' | 'skipped' | 'failed' | 'merged' | 'checkpoint_row' | 'run_base' | 'warnings'>;
export interface BatchCounts { processed: number; created: number; updated: number; skipped: number; failed: number; merged: number }

const chunked = <T>(a: T[], n: number): T[][] => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

export const importsRepository = {
  async insert(db: Executor, row: ImportValues): Promise<void> {
    await db.insertInto('imports').values(row).execute();
  },

  async find(db: Executor, id: string): Promise<ImportRow | undefined> {
    return (await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()) as ImportRow | undefined;
  },

  async set(db: Executor, id: string, values: Partial<ImportValues>): Promise<void> {
    await db.updateTable('imports').set(values).where('id', '=', id).execute();
  },

  /** Moves the status only from one of `from`; false when another writer got there first. */
  async transition(db: Executor, id: string, from: string[], values: Partial<ImportValues> & { status: string }): Promise<boolean> {
    const res = await db.updateTable('imports').set(values).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /**
   * Adds a batch's counts and moves the checkpoint, in the batch's own transaction. The status guard makes
   * a cancelled run's in-flight batch roll back instead of committing (returns false).
   */
  async commitBatch(trx: Executor, id: string, lastRow: number, c: BatchCounts, now: string, warnings = 0): Promise<boolean> {
    const res = await trx.updateTable('imports').set({
      checkpoint_row: lastRow, warnings: sql`warnings + ${warnings}`,
      processed: sql`processed + ${c.processed}`, created: sql`created + ${c.created}`, updated: sql`updated + ${c.updated}`,
      skipped: sql`skipped + ${c.skipped}`, failed: sql`failed + ${c.failed}`, merged: sql`merged + ${c.merged}`, updated_at: now,
    }).where('id', '=', id).where('status', '=', 'running').where('checkpoint_row', '<', lastRow).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async page(db: Executor, limit: number, after: [string, string] | undefined, createdBy: string | null): Promise<ImportRow[]> {
    // Follow-ups are shown inside the batch they follow up, not as imports of their own.
    let q = db.selectFrom('imports').selectAll().where('parent_id', 'is', null);
    if (createdBy) q = q.where('created_by', '=', createdBy);
    if (after) q = q.where((eb) => eb.or([eb('created_at', '<', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '<', after[1])])]));
    return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()) as ImportRow[];
  },

  async activeIds(db: Executor): Promise<string[]> {
    return (await db.selectFrom('imports').select('id').where('status', 'in', ['queued', 'running', 'reverting']).execute()).map((r) => r.id);
  },

  async insertChanges(database: Database, trx: Executor, rows: ImportChangesTable[]): Promise<void> {
    // A record touched twice by one import keeps the first `before` (its state before the import).
    await bulkInsert(database, trx, 'import_changes', rows, { onConflictDoNothing: ['import_id', 'entity', 'record_id'] });
  },

  /** Which of the ids this import (or its batch: `importId` a list) created (they are merged into, never "updated" or skipped). */
  async createdAmong(trx: Executor, importId: string | string[], ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const importIds = typeof importId === 'string' ? [importId] : importId;
    for (const part of chunked(ids, 900)) {
      const rows = await trx.selectFrom('import_changes').select('record_id').where('import_id', 'in', importIds)
        .where('entity', '=', 'contact').where('kind', '=', 'created').where('record_id', 'in', part).execute();
      for (const r of rows) out.add(r.record_id);
    }
    return out;
  },

  /** A page of changes for revert, in key order. */
  async changes(db: Executor, importId: string, entity: string, kind: string, afterId: string, limit: number) {
    return db.selectFrom('import_changes').selectAll().where('import_id', '=', importId).where('entity', '=', entity)
      .where('kind', '=', kind).where('record_id', '>', afterId).orderBy('record_id').limit(limit).execute();
  },

  async insertFailures(database: Database, trx: Executor, rows: ImportFailuresTable[]): Promise<void> {
    await bulkInsert(database, trx, 'import_failures', rows, { onConflictDoNothing: ['import_id', 'row_number'] });
  },

  /** A page of failed rows of an import, or of a batch (`importId` a list: a row fails in one of them at most). */
  async failures(db: Executor, importId: string | string[], afterRow: number, limit: number): Promise<ImportFailuresTable[]> {
    const ids = typeof importId === 'string' ? [importId] : importId;
    return db.selectFrom('import_failures').selectAll().where('import_id', 'in', ids).where('row_number', '>', afterRow)
      .orderBy('row_number').limit(limit).execute();
  },

  async insertWarnings(database: Database, trx: Executor, rows: ImportWarningsTable[]): Promise<void> {
    await bulkInsert(database, trx, 'import_warnings', rows);
  },

  /** A page of an import's warnings in file order (row, then id), after the keyset position. */
  async warnings(db: Executor, importId: string | string[], after: [number, string] | undefined, limit: number): Promise<ImportWarningsTable[]> {
    const ids = typeof importId === 'string' ? [importId] : importId;
    // Warnings a follow-up corrected are left out (their value is on the record now).
    let q = db.selectFrom('import_warnings').selectAll().where('import_id', 'in', ids).where('resolved_by', 'is', null);
    if (after) q = q.where((eb) => eb.or([eb('row_number', '>', after[0]), eb.and([eb('row_number', '=', after[0]), eb('id', '>', after[1])])]));
    return q.orderBy('row_number').orderBy('id').limit(limit).execute();
  },

  /** A record's warnings older than (createdAt, id), newest first: its timeline items. */
  async warningsOfRecord(db: Executor, recordId: string, before: { occurredAt: string; id: string } | null, limit: number): Promise<ImportWarningsTable[]> {
    let q = db.selectFrom('import_warnings').selectAll().where('record_id', '=', recordId).where('resolved_by', 'is', null);
    if (before) {
      q = q.where((eb) => eb.or([eb('created_at', '<', before.occurredAt), eb.and([eb('created_at', '=', before.occurredAt), eb('id', '<', before.id)])]));
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  /** Deletes an import still at the mapping step (never started: nothing else refers to it); false otherwise. */
  async deleteAtMapping(db: Executor, id: string): Promise<boolean> {
    const res = await db.deleteFrom('imports').where('id', '=', id).where('status', '=', 'mapping').executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  },

  /** Imports left at the mapping step, untouched since before `before` (abandoned uploads), oldest first. */
  async abandoned(db: Executor, before: string, limit: number): Promise<Pick<ImportRow, 'id' | 'file_path'>[]> {
    return db.selectFrom('imports').select(['id', 'file_path']).where('status', '=', 'mapping').where('updated_at', '<', before)
      .orderBy('updated_at').limit(limit).execute();
  },

  async insertMapping(db: Executor, row: ImportMappingsTable): Promise<void> {
    await db.insertInto('import_mappings').values(row).execute();
  },

  async mappings(db: Executor): Promise<ImportMappingsTable[]> {
    return db.selectFrom('import_mappings').selectAll().orderBy('name').orderBy('id').limit(500).execute();
  },
};
