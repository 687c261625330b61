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
};
