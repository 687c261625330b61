import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const duplicatesMigrations: MigrationSet = {
  '20261124_0300_contacts_merged_into': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // A merged contact is soft-deleted and points at its survivor (links to it can be redirected).
      await db.schema.alterTable('contacts').addColumn('merged_into', 'text').execute();
      await db.schema.createIndex('contacts_merged_into_idx').on('contacts').column('merged_into').execute();
    },
  },
  '20261124_0310_duplicates': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('contact_duplicates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('a_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('b_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addColumn('dismissed_at', 'text')
        .addColumn('dismissed_by', 'text')
        .execute();
      await db.schema.createIndex('contact_duplicates_pair_uq').on('contact_duplicates').columns(['a_id', 'b_id']).unique().execute();
      await db.schema.createIndex('contact_duplicates_b_idx').on('contact_duplicates').column('b_id').execute();
      await db.schema.createIndex('contact_duplicates_score_idx').on('contact_duplicates').columns(['dismissed_at', 'score', 'id']).execute();
    },
  },
  '20261207_0700_duplicates_background': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Records waiting for their candidates to be recomputed (filled by the event listener, drained by a job).
      await db.schema
        .createTable('duplicate_queue')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('queued_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('duplicate_queue_pk', ['entity', 'record_id'])
        .execute();
      await db.schema.createIndex('duplicate_queue_at_idx').on('duplicate_queue').columns(['queued_at']).execute();
      // Lookup values of companies (domain, name core, phone): companies keep phones in JSON, so no other index finds them.
      await db.schema
        .createTable('duplicate_keys')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('duplicate_keys_pk', ['entity', 'record_id', 'kind', 'value'])
        .execute();
      await db.schema.createIndex('duplicate_keys_value_idx').on('duplicate_keys').columns(['entity', 'kind', 'value']).execute();
      await db.schema
        .createTable('company_duplicates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('a_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
        .addColumn('b_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addColumn('dismissed_at', 'text')
        .addColumn('dismissed_by', 'text')
        .execute();
      await db.schema.createIndex('company_duplicates_pair_uq').on('company_duplicates').columns(['a_id', 'b_id']).unique().execute();
      await db.schema.createIndex('company_duplicates_b_idx').on('company_duplicates').column('b_id').execute();
      await db.schema.createIndex('company_duplicates_score_idx').on('company_duplicates').columns(['dismissed_at', 'score', 'id']).execute();
    },
  },
};
