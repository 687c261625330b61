import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const companyImportMigrations: MigrationSet = {
  '20261201_2330_companies_external_id': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // The company's id in the system it was imported from (HubSpot Record ID, Salesforce Account Id):
      // a re-import matches on it. Added by the imports module, which alone writes it (as duplicates adds
      // contacts.merged_into).
      await db.schema.alterTable('companies').addColumn('external_id', 'text').execute();
      await db.schema.createIndex('companies_external_id_idx').on('companies').column('external_id').execute();
    },
  },
};
