/** Migration of the canned responses (tickets.canned.*). */
import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const ticketCannedMigrations: MigrationSet = {
  '20261207_1300_ticket_canned_responses': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('ticket_canned_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_canned_responses_title_idx').on('ticket_canned_responses').columns(['language', 'title']).execute();
    },
  },
};
