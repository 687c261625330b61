import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const workspaceMigrations: MigrationSet = {
  '20261207_0900_workspace_notification_preferences': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // One row per user and kind of notification the user changed; a missing row means the defaults.
      await db.schema
        .createTable('notification_preferences')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('in_app', 'integer', (c) => c.notNull())
        .addColumn('email', 'integer', (c) => c.notNull())
        .addColumn('push', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'event'])
        .execute();
      // A notification's email is claimed here before it is sent: at most one send per notification.
      await db.schema
        .createTable('notification_emails')
        .addColumn('notification_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
    },
  },
};
