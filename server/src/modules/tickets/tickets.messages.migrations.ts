/** Migrations of the ticket conversation: messages, attachments, inbound mail, acknowledgement templates. */
import type { Kysely } from 'kysely';
import { bytesType } from '../../platform/db/dialect.js';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const ticketMessagesMigrations: MigrationSet = {
  '20261207_1200_ticket_messages': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('ticket_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('author_user_id', 'text')
        .addColumn('author_contact_id', 'text')
        .addColumn('from_address', 'text')
        .addColumn('to_address', 'text')
        .addColumn('subject', 'text')
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text')
        .addColumn('full_text', 'text')
        .addColumn('message_id', 'text')
        .addColumn('in_reply_to', 'text')
        .addColumn('references_header', 'text')
        .addColumn('mail_status', 'text', (c) => c.notNull())
        .addColumn('inbound_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_messages_ticket_idx').on('ticket_messages').columns(['ticket_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('ticket_messages_message_id_idx').on('ticket_messages').column('message_id').execute();
      await db.schema.createIndex('ticket_messages_contact_idx').on('ticket_messages').columns(['author_contact_id', 'created_at', 'id']).execute();
      await db.schema.createTable('ticket_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull().references('ticket_messages.id').onDelete('cascade'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_attachments_message_idx').on('ticket_attachments').column('message_id').execute();
    },
  },
  '20261207_1210_ticket_inbound_mail': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      await db.schema.createTable('ticket_inbound_mail')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('raw', bytesType(dialect), (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('from_address', 'text')
        .addColumn('subject', 'text')
        .addColumn('message_id', 'text')
        .addColumn('ticket_id', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('processed_at', 'text')
        .execute();
      await db.schema.createIndex('ticket_inbound_mail_status_idx').on('ticket_inbound_mail').columns(['status', 'received_at']).execute();
      await db.schema.createTable('ticket_mail_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
