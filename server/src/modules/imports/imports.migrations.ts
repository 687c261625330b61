import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

export const importsMigrations: MigrationSet = {
  '20261124_0400_imports': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_path', 'text', (c) => c.notNull())
        .addColumn('file_size', 'bigint', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text')
        .addColumn('delimiter', 'text')
        .addColumn('preset', 'text')
        .addColumn('headers', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('on_duplicate', 'text', (c) => c.notNull().defaultTo('skip'))
        .addColumn('match_keys', 'text', (c) => c.notNull())
        .addColumn('total', 'integer')
        .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('merged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('checkpoint_row', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_base', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_started_at', 'text')
        .addColumn('error', 'text')
        .addColumn('job_id', 'text')
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('reverted_at', 'text')
        .execute();
      await db.schema.createIndex('imports_created_idx').on('imports').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('imports_status_idx').on('imports').column('status').execute();

      await db.schema
        .createTable('import_changes')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('row_number', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_changes_pk', ['import_id', 'entity', 'record_id'])
        .execute();

      await db.schema
        .createTable('import_failures')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('row_number', 'integer', (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_failures_pk', ['import_id', 'row_number'])
        .execute();

      await db.schema
        .createTable('import_mappings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('preset', 'text')
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('import_mappings_name_uq').on('import_mappings').columns(['entity', 'name']).unique().execute();
    },
  },
};
