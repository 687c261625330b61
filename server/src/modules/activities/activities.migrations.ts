import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const activitiesMigrations: MigrationSet = {
  '20261124_0210_activities': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('activities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('body', 'text')
        // Cascade is a safety net: purge deletes activities (and their files) explicitly first.
        .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('cascade'))
        .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('set null'))
        .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('duration_seconds', 'integer')
        .addColumn('direction', 'text')
        .addColumn('outcome', 'text')
        .addColumn('due_at', 'text')
        .addColumn('remind_at', 'text')
        .addColumn('reminded_at', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('location', 'text')
        .addColumn('email_from', 'text')
        .addColumn('email_to', 'text')
        .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_by', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      // Timeline pages: newest first per contact / company, keyset on (occurred_at, id).
      await db.schema.createIndex('activities_contact_idx').on('activities').columns(['contact_id', 'occurred_at desc', 'id']).execute();
      await db.schema.createIndex('activities_company_idx').on('activities').columns(['company_id', 'occurred_at desc', 'id']).execute();
      // "My tasks" sorted by due date; reminders due.
      await db.schema.createIndex('activities_owner_due_idx').on('activities').columns(['owner_id', 'due_at']).execute();
      await db.schema.createIndex('activities_remind_idx').on('activities').columns(['remind_at']).execute();

      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_activity_idx').on('attachments').columns(['activity_id', 'created_at']).execute();
    },
  },
  '20261124_0400_activities_timeline_idx': {
    // The first indexes had occurred_at desc but id asc, while every page orders by (occurred_at desc, id desc):
    // the direction mismatch made both databases sort each record's rows. All-ascending columns are walked
    // backwards by both, and the row-value keyset (occurred_at, id) < (…) seeks straight into them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('activities_contact_idx').execute();
      await db.schema.dropIndex('activities_company_idx').execute();
      await db.schema.createIndex('activities_contact_time_idx').on('activities').columns(['contact_id', 'occurred_at', 'id']).execute();
      await db.schema.createIndex('activities_company_time_idx').on('activities').columns(['company_id', 'occurred_at', 'id']).execute();
    },
  },
  '20261210_0100_activities_records': {
    // Activities on any engine record by (record type, record id): a deal, a ticket, a custom object's record.
    // No foreign key (the target table depends on the type); contacts and companies keep contact_id/company_id.
    // The index serves a record's timeline like the contact/company ones: walked backwards with a row-value keyset.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('activities').addColumn('record_type', 'text').execute();
      await db.schema.alterTable('activities').addColumn('record_id', 'text').execute();
      await db.schema.createIndex('activities_record_time_idx').on('activities').columns(['record_type', 'record_id', 'occurred_at', 'id']).execute();
    },
  },
};
