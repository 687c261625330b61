import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. Uploaded product images (files under the data dir). */
export const productImagesMigrations: MigrationSet = {
  '20261208_0300_product_images': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('product_images')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('product_images_product_idx').on('product_images').columns(['product_id', 'position', 'id']).execute();
    },
  },
};
