import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, createUniqueIndex } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. Columns are written out here, not read from the definition. */
export const tasksMigrations: MigrationSet = {
  '20261207_0600_tasks': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'tasks');
      const columns: [string, 'text' | 'real' | 'bigint' | 'integer'][] = [
        ['title', 'text'], ['type', 'text'], ['status', 'text'], ['priority', 'text'], ['due_at', 'text'], ['remind_at', 'text'],
        ['assignee', 'text'], ['description', 'text'], ['outcome', 'text'], ['completed_at', 'text'], ['contact', 'text'],
        ['company', 'text'], ['deal', 'text'], ['lead', 'text'], ['source_key', 'text'], ['reminded_at', 'text'], ['due_notified_at', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'tasks', c, kind);
      for (const c of ['title', 'type', 'status', 'priority', 'due_at', 'remind_at', 'assignee', 'completed_at', 'contact', 'company', 'deal', 'lead']) {
        await createFieldIndex(ex, dialect, 'tasks', c, c === 'type' || c === 'status' || c === 'priority');
      }
      await createUniqueIndex(ex, 'tasks', 'source_key');
      // "My tasks": open tasks of one assignee by due time.
      await sql`create index tasks_my_open on tasks (assignee, due_at, id) where deleted_at is null and status = 'open'`.execute(db);
    },
  },
  '20261207_0710_tasks_user_settings': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Per user: the time zone "my day" and the digest use, the calendar feed's token hash, the last digest's local day.
      await db.schema.createTable('task_user_settings')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('time_zone', 'text')
        .addColumn('feed_token_hash', 'text')
        .addColumn('feed_created_at', 'text')
        .addColumn('digest_sent_on', 'text')
        .execute();
      await db.schema.createIndex('task_user_settings_feed').unique().on('task_user_settings').column('feed_token_hash').execute();
      // Reminder and due sweeps: open live tasks whose notification is not sent yet.
      await sql`create index tasks_remind_pending on tasks (remind_at, id) where reminded_at is null and deleted_at is null and status = 'open'`.execute(db);
      await sql`create index tasks_due_pending on tasks (due_at, id) where due_notified_at is null and deleted_at is null and status = 'open'`.execute(db);
    },
  },
};
