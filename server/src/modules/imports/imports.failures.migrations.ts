import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const importFailuresMigrations: MigrationSet = {
  '20261202_0500_import_failures_issues': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // A failed row's reasons as codes with params (JSON), so they can be shown in the reader's language.
      // Nullable: rows failed before keep only their English `error` text.
      await db.schema.alterTable('import_failures').addColumn('issues', 'text').execute();
    },
  },
};
