import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const importWarningsMigrations: MigrationSet = {
  '20261207_0300_import_warnings': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // A cell an import could not use (bad date, phone, email, country, custom value): the record was imported
      // without it, and the value stays here, listed in the import's report and on the record's timeline.
      await db.schema
        .createTable('import_warnings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('row_number', 'integer', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text')
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('import_warnings_import_idx').on('import_warnings').columns(['import_id', 'row_number', 'id']).execute();
      await db.schema.createIndex('import_warnings_record_idx').on('import_warnings').columns(['record_id', 'created_at', 'id']).execute();
      await db.schema.alterTable('imports').addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
};
