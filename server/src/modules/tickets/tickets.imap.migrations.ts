/** Migration of the IMAP support mailboxes (tickets.imap.*). */
import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const ticketImapMigrations: MigrationSet = {
  '20261209_0200_ticket_mailboxes': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('ticket_mailboxes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('port', 'integer', (c) => c.notNull())
        .addColumn('tls', 'integer', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('password', 'text', (c) => c.notNull())
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('after_action', 'text', (c) => c.notNull())
        .addColumn('move_to', 'text')
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('uid_validity', 'text')
        .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('last_poll_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One row per message taken from a mailbox: the guard against storing it twice (a crash before \Seen) and the
      // list of messages still to flag.
      await db.schema.createTable('ticket_mailbox_messages')
        .addColumn('mailbox_id', 'text', (c) => c.notNull().references('ticket_mailboxes.id').onDelete('cascade'))
        .addColumn('uid_validity', 'text', (c) => c.notNull())
        .addColumn('uid', 'bigint', (c) => c.notNull())
        .addColumn('inbound_id', 'text', (c) => c.notNull())
        .addColumn('flagged_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_mailbox_messages_pk', ['mailbox_id', 'uid_validity', 'uid'])
        .execute();
      await db.schema.createIndex('ticket_mailbox_messages_unflagged_idx').on('ticket_mailbox_messages').columns(['mailbox_id', 'flagged_at']).execute();
    },
  },
};
