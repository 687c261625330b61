import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, type ColumnKind } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const warrantiesMigrations: MigrationSet = {
  '20261208_0400_warranties': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'warranties');
      const columns: [string, ColumnKind][] = [
        ['item', 'text'], ['product', 'text'], ['serial', 'text'], ['quantity', 'real'], ['order_id', 'text'], ['company', 'text'], ['contact', 'text'],
        ['start_date', 'text'], ['end_date', 'text'], ['status', 'text'], ['renewal_task', 'text'], ['notes', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'warranties', c, kind);
      for (const c of ['item', 'product', 'serial', 'quantity', 'order_id', 'company', 'contact', 'start_date', 'end_date', 'status']) {
        await createFieldIndex(ex, dialect, 'warranties', c, c === 'status');
      }
      await db.schema.createTable('warranty_claims')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('warranty_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema.createIndex('warranty_claims_warranty').on('warranty_claims').columns(['warranty_id', 'created_at']).execute();
    },
  },
};
