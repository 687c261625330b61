import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const importFollowUpMigrations: MigrationSet = {
  '20261207_0500_import_follow_ups': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // A follow-up import (corrected rows of a batch) points to the import it follows up; the batch is that
      // import and its follow-ups: one report, one revert.
      await db.schema.alterTable('imports').addColumn('parent_id', 'text').execute();
      await db.schema.createIndex('imports_parent_idx').on('imports').column('parent_id').execute();
      // A warning corrected by a follow-up: the follow-up's id (its value was applied to the record).
      await db.schema.alterTable('import_warnings').addColumn('resolved_by', 'text').execute();
    },
  },
};
