import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, createUniqueIndex } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const ticketsMigrations: MigrationSet = {
  '20261207_0800_tickets': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'tickets');
      const text = [
        'number', 'subject', 'description', 'status', 'priority', 'channel', 'category', 'requester', 'company', 'team', 'agent', 'tags', 'language',
        'first_response_due', 'resolution_due', 'first_responded_at', 'solved_at', 'sla_paused_at', 'assignment',
      ];
      for (const c of text) await addObjectColumn(ex, dialect, 'tickets', c, 'text');
      await addObjectColumn(ex, dialect, 'tickets', 'sla_paused_minutes', 'real');
      await createUniqueIndex(ex, 'tickets', 'number');
      for (const c of ['number', 'subject', 'status', 'priority', 'channel', 'category', 'requester', 'company', 'team', 'agent', 'first_response_due', 'resolution_due', 'solved_at']) {
        await createFieldIndex(ex, dialect, 'tickets', c, ['status', 'priority', 'channel', 'category'].includes(c));
      }
      await db.schema.createTable('ticket_counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('ticket_counters').values({ name: 'number', value: 10000 }).execute();
    },
  },
  '20261207_0810_tickets_sla_assignment': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('ticket_calendars')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('holidays', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('ticket_sla_policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('priority', 'text')
        .addColumn('category', 'text')
        .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
        .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('ticket_assignment_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
