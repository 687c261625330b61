import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, createUniqueIndex } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const productsMigrations: MigrationSet = {
  '20261208_0100_products': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'products');
      const columns: [string, 'text' | 'real' | 'bigint' | 'integer'][] = [
        ['sku', 'text'], ['name', 'text'], ['name_vi', 'text'], ['description', 'text'], ['category', 'text'], ['unit', 'text'],
        ['price', 'bigint'], ['price_currency', 'text'], ['cost', 'bigint'], ['cost_currency', 'text'], ['tax_rate', 'text'],
        ['kind', 'text'], ['serial_tracked', 'integer'], ['allow_backorder', 'integer'], ['warranty_months', 'real'],
        ['reorder_level', 'real'], ['image', 'text'], ['status', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'products', c, kind);
      await createUniqueIndex(ex, 'products', 'sku');
      for (const c of ['sku', 'name', 'name_vi', 'category', 'unit', 'price', 'cost', 'tax_rate', 'kind', 'serial_tracked', 'allow_backorder', 'warranty_months', 'reorder_level', 'status']) {
        await createFieldIndex(ex, dialect, 'products', c, ['category', 'tax_rate', 'kind', 'status'].includes(c));
      }
    },
  },
  '20261208_0200_products_price_lists_inventory': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('price_lists')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('customer_group', 'text')
        .addColumn('valid_from', 'text')
        .addColumn('valid_to', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('price_list_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('price_list_id', 'text', (c) => c.notNull().references('price_lists.id').onDelete('cascade'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('min_quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('price_list_items_break', ['price_list_id', 'product_id', 'min_quantity'])
        .execute();
      await db.schema.createIndex('price_list_items_product').on('price_list_items').columns(['product_id', 'price_list_id']).execute();

      await db.schema.createTable('warehouses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('address', 'text')
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One row per product × warehouse; `available` = on_hand − reserved, kept in the row so that taking stock is
      // one conditional UPDATE (… where available >= n) on both databases.
      await db.schema.createTable('stock_levels')
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
        .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('available', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_levels_pk', ['product_id', 'warehouse_id'])
        .execute();
      await db.schema.createTable('stock_ledger')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('warehouse_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('on_hand_delta', 'integer', (c) => c.notNull())
        .addColumn('reserved_delta', 'integer', (c) => c.notNull())
        .addColumn('on_hand_after', 'integer', (c) => c.notNull())
        .addColumn('reserved_after', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('ref', 'text')
        .addColumn('serials', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('actor_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stock_ledger_product').on('stock_ledger').columns(['product_id', 'id']).execute();
      await db.schema.createIndex('stock_ledger_warehouse').on('stock_ledger').columns(['warehouse_id', 'id']).execute();
      await db.schema.createIndex('stock_ledger_ref').on('stock_ledger').columns(['ref', 'product_id']).execute();
      await db.schema.createTable('stock_serials')
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('warehouse_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addColumn('ref', 'text')
        .addPrimaryKeyConstraint('stock_serials_pk', ['product_id', 'serial'])
        .execute();
      // A product is "low" from the movement that takes its available total below its reorder level until one
      // brings it back: the alert goes out once per crossing.
      await db.schema.createTable('stock_alerts')
        .addColumn('product_id', 'text', (c) => c.primaryKey())
        .addColumn('low_since', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
