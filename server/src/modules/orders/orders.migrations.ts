import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, createUniqueIndex, type ColumnKind } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const ordersMigrations: MigrationSet = {
  '20261208_0300_orders': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'orders');
      const money = (c: string): [string, ColumnKind][] => [[c, 'bigint'], [`${c}_currency`, 'text']];
      const columns: [string, ColumnKind][] = [
        ['number', 'text'], ['subject', 'text'], ['status', 'text'], ['deal', 'text'], ['quote', 'text'], ['company', 'text'], ['contact', 'text'], ['currency', 'text'],
        ['order_date', 'text'], ...money('subtotal'), ...money('tax_total'), ...money('total'), ['carrier', 'text'], ['tracking', 'text'],
        ['shipped_at', 'text'], ['delivered_at', 'text'], ['notes', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'orders', c, kind);
      await createUniqueIndex(ex, 'orders', 'number');
      for (const c of ['number', 'subject', 'status', 'deal', 'quote', 'company', 'contact', 'order_date', 'total', 'shipped_at', 'delivered_at']) {
        await createFieldIndex(ex, dialect, 'orders', c, c === 'status');
      }
      await db.schema.createTable('order_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', 'real', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addColumn('discount_percent', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('discount_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('tax_rate', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('net', 'bigint', (c) => c.notNull())
        .addColumn('tax', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('shipped', 'real', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('order_lines_order').on('order_lines').columns(['order_id', 'position']).execute();
      await db.schema.createTable('order_shipments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text', (c) => c.notNull())
        .addColumn('tracking', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('shipped_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('created_by', 'text')
        .execute();
      await db.schema.createIndex('order_shipments_order').on('order_shipments').columns(['order_id', 'shipped_at']).execute();
      await db.schema.createTable('order_shipment_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shipment_id', 'text', (c) => c.notNull())
        .addColumn('order_line_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'real', (c) => c.notNull())
        .addColumn('serials', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.createIndex('order_shipment_lines_shipment').on('order_shipment_lines').columns(['shipment_id']).execute();
    },
  },
  // Orders from an e-commerce integration: `<source>:<externalId>`, unique among live orders (the intake's idempotency).
  '20261208_1200_orders_external_ref': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await addObjectColumn(ex, dialect, 'orders', 'external_ref', 'text');
      await createUniqueIndex(ex, 'orders', 'external_ref');
    },
  },
};
