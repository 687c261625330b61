/**
 * SQL of follow-up imports: a batch is an import and the follow-ups that import its corrected rows
 * (imports.parent_id). Failed rows and open warnings of a batch, and the superseding of a row's earlier outcome.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { ImportRow } from './imports.repository.js';
import type { ImportFailuresTable, ImportWarningsTable } from './imports.tables.js';

const chunked = <T>(a: T[], n: number): T[][] => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

/** Counts of a batch summed over the import and its follow-ups. */
export interface BatchTotals {
  processed: number; created: number; updated: number; skipped: number; failed: number; merged: number; warnings: number;
  followUps: number; running: boolean;
}

/** A row a follow-up took: its earlier failure goes, and its open warnings on `columns` (every column: null) are resolved. */
export interface SupersededRow { rowNumber: number; columns: string[] | null }

export const followUpRepository = {
  /** The follow-ups of an import, oldest first. */
  async children(db: Executor, parentId: string): Promise<ImportRow[]> {
    return (await db.selectFrom('imports').selectAll().where('parent_id', '=', parentId).orderBy('created_at').orderBy('id').execute()) as ImportRow[];
  },

  /** Ids of the batch an import belongs to: the first import, then its follow-ups. */
  async batchIds(db: Executor, imp: Pick<ImportRow, 'id' | 'parent_id'>): Promise<string[]> {
    const root = imp.parent_id ?? imp.id;
    const rows = await db.selectFrom('imports').select('id').where('parent_id', '=', root).orderBy('created_at').orderBy('id').execute();
    return [root, ...rows.map((r) => r.id)];
  },

  async totals(db: Executor, rootId: string): Promise<BatchTotals> {
    const r = await db.selectFrom('imports')
      .select((eb) => [
        eb.fn.sum<number>('processed').as('processed'), eb.fn.sum<number>('created').as('created'), eb.fn.sum<number>('updated').as('updated'),
        eb.fn.sum<number>('skipped').as('skipped'), eb.fn.sum<number>('failed').as('failed'), eb.fn.sum<number>('merged').as('merged'),
        eb.fn.sum<number>('warnings').as('warnings'), eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(sql`case when status in ('queued', 'running') then 1 else 0 end`).as('active'),
      ])
      .where((eb) => eb.or([eb('id', '=', rootId), eb('parent_id', '=', rootId)]))
      .executeTakeFirstOrThrow();
    const n = (v: unknown) => Number(v ?? 0);
    return {
      processed: n(r.processed), created: n(r.created), updated: n(r.updated), skipped: n(r.skipped), failed: n(r.failed), merged: n(r.merged),
      warnings: n(r.warnings), followUps: n(r.n) - 1, running: n(r.active) > 0,
    };
  },

  /** Counts of the batches these imports start (the history page), one grouped query. */
  async totalsOf(db: Executor, rootIds: string[]): Promise<Map<string, BatchTotals>> {
    const out = new Map<string, BatchTotals>();
    if (!rootIds.length) return out;
    const root = sql<string>`coalesce(parent_id, id)`;
    const rows = await db.selectFrom('imports')
      .select((eb) => [
        root.as('root'),
        eb.fn.sum<number>('processed').as('processed'), eb.fn.sum<number>('created').as('created'), eb.fn.sum<number>('updated').as('updated'),
        eb.fn.sum<number>('skipped').as('skipped'), eb.fn.sum<number>('failed').as('failed'), eb.fn.sum<number>('merged').as('merged'),
        eb.fn.sum<number>('warnings').as('warnings'), eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(sql`case when status in ('queued', 'running') then 1 else 0 end`).as('active'),
      ])
      .where((eb) => eb.or([eb('id', 'in', rootIds), eb('parent_id', 'in', rootIds)]))
      .groupBy(root)
      .execute();
    const n = (v: unknown) => Number(v ?? 0);
    for (const r of rows) {
      out.set(r.root, {
        processed: n(r.processed), created: n(r.created), updated: n(r.updated), skipped: n(r.skipped), failed: n(r.failed), merged: n(r.merged),
        warnings: n(r.warnings), followUps: n(r.n) - 1, running: n(r.active) > 0,
      });
    }
    return out;
  },

  /** The batch's current failures of these rows (a row fails in one import of the batch at most). */
  async failuresOfRows(db: Executor, ids: string[], rows: number[]): Promise<ImportFailuresTable[]> {
    const out: ImportFailuresTable[] = [];
    for (const part of chunked(rows, 900)) {
      out.push(...await db.selectFrom('import_failures').selectAll().where('import_id', 'in', ids).where('row_number', 'in', part).execute());
    }
    return out;
  },

  /** The batch's open warnings of these rows. */
  async openWarningsOfRows(db: Executor, ids: string[], rows: number[]): Promise<ImportWarningsTable[]> {
    const out: ImportWarningsTable[] = [];
    for (const part of chunked(rows, 900)) {
      out.push(...await db.selectFrom('import_warnings').selectAll().where('import_id', 'in', ids).where('row_number', 'in', part)
        .where('resolved_by', 'is', null).orderBy('row_number').orderBy('id').execute());
    }
    return out;
  },

  /**
   * In a follow-up's batch transaction: the rows it took replace their earlier outcome in the batch. Their earlier
   * failures are deleted (the import that held one counts one row less: failed and processed), and their open warnings
   * on the corrected columns are marked resolved by the follow-up (that import counts them no more).
   */
  async supersede(trx: Executor, ids: string[], followUpId: string, rows: SupersededRow[]): Promise<void> {
    const others = ids.filter((id) => id !== followUpId);
    if (!others.length || !rows.length) return;
    const byRow = new Map(rows.map((r) => [r.rowNumber, r.columns]));
    const failed = new Map<string, number>();
    const resolved = new Map<string, string[]>();
    for (const part of chunked([...byRow.keys()], 900)) {
      const gone = await trx.selectFrom('import_failures').select(['import_id', 'row_number']).where('import_id', 'in', others).where('row_number', 'in', part).execute();
      for (const f of gone) failed.set(f.import_id, (failed.get(f.import_id) ?? 0) + 1);
      if (gone.length) await trx.deleteFrom('import_failures').where('import_id', 'in', others).where('row_number', 'in', part).execute();
      const open = await trx.selectFrom('import_warnings').select(['id', 'import_id', 'row_number', 'column_name'])
        .where('import_id', 'in', others).where('row_number', 'in', part).where('resolved_by', 'is', null).execute();
      for (const w of open) {
        const columns = byRow.get(w.row_number);
        if (columns && !columns.includes(w.column_name)) continue;
        resolved.set(w.import_id, [...(resolved.get(w.import_id) ?? []), w.id]);
      }
    }
    for (const [importId, n] of failed) {
      await trx.updateTable('imports').set({ failed: sql`failed - ${n}`, processed: sql`processed - ${n}` }).where('id', '=', importId).execute();
    }
    for (const [importId, warningIds] of resolved) {
      for (const part of chunked(warningIds, 900)) await trx.updateTable('import_warnings').set({ resolved_by: followUpId }).where('id', 'in', part).execute();
      await trx.updateTable('imports').set({ warnings: sql`warnings - ${warningIds.length}` }).where('id', '=', importId).execute();
    }
  },
};
