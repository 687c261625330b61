import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const privacyMigrations: MigrationSet = {
  '20261124_0320_privacy': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // No foreign key to contacts: the vault outlives soft deletes and is cleared explicitly on erase/purge.
      await db.schema
        .createTable('personal_data_vault')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('personal_data_vault_subject_idx').on('personal_data_vault').column('subject_id').execute();
    },
  },
};
