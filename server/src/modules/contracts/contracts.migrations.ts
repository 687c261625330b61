import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const contractsMigrations: MigrationSet = {
  '20261208_1100_contracts': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'contracts');
      const columns: [string, 'text' | 'real' | 'bigint' | 'integer'][] = [
        ['title', 'text'], ['status', 'text'], ['company', 'text'], ['contact', 'text'], ['start_date', 'text'], ['end_date', 'text'],
        ['value', 'bigint'], ['value_currency', 'text'], ['renewal', 'text'], ['reminder_days', 'real'], ['terms', 'text'],
        ['quote', 'text'], ['deal', 'text'], ['renewal_deal', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'contracts', c, kind);
      for (const c of ['title', 'status', 'company', 'contact', 'start_date', 'end_date', 'value', 'quote', 'deal']) {
        await createFieldIndex(ex, dialect, 'contracts', c, c === 'status');
      }
      await db.schema.createTable('contract_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('contract_id', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema.createIndex('contract_files_contract').on('contract_files').columns(['contract_id', 'created_at']).execute();
    },
  },
};
