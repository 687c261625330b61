import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const quotesMigrations: MigrationSet = {
  '20261208_1000_quotes': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'quotes');
      const columns: [string, 'text' | 'real' | 'bigint' | 'integer'][] = [
        ['number', 'text'], ['revision', 'integer'], ['title', 'text'], ['deal', 'text'], ['company', 'text'], ['contact', 'text'],
        ['currency', 'text'], ['status', 'text'], ['valid_until', 'text'], ['language', 'text'], ['approval', 'text'],
        ['subtotal', 'bigint'], ['subtotal_currency', 'text'], ['discount_total', 'bigint'], ['discount_total_currency', 'text'],
        ['tax_total', 'bigint'], ['tax_total_currency', 'text'], ['total', 'bigint'], ['total_currency', 'text'],
        ['max_discount', 'real'], ['approved_by', 'text'], ['approved_at', 'text'], ['sent_at', 'text'], ['sent_to', 'text'],
        ['decided_at', 'text'], ['decided_by_name', 'text'], ['decided_ip', 'text'], ['decline_reason', 'text'],
        ['previous', 'text'], ['notes', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'quotes', c, kind);
      for (const c of ['number', 'title', 'deal', 'company', 'contact', 'status', 'valid_until', 'total', 'sent_at', 'decided_at']) {
        await createFieldIndex(ex, dialect, 'quotes', c, c === 'status');
      }
      await sql`create unique index quotes_number_revision on quotes (number, revision) where deleted_at is null`.execute(db);

      await db.schema.createTable('quote_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('quote_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('quantity', 'real', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addColumn('discount_percent', 'real')
        .addColumn('discount_amount', 'bigint')
        .addColumn('tax_rate', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('gross', 'bigint', (c) => c.notNull())
        .addColumn('discount', 'bigint', (c) => c.notNull())
        .addColumn('net', 'bigint', (c) => c.notNull())
        .addColumn('tax', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('quote_lines_quote').on('quote_lines').columns(['quote_id', 'position']).execute();
      await db.schema.createTable('quote_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('quote_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('quote_links_quote').on('quote_links').columns(['quote_id']).execute();
      await db.schema.createTable('quote_series')
        .addColumn('series', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};
