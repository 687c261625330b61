import { sql, type Kysely } from 'kysely';
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
  '20261207_1230_tickets_escalation_survey': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      // The current SLA target of a ticket (first_response / next_response / resolution), its due and warning times, and
      // the once-per-target stamps of the escalation sweep; satisfaction; the closed ticket a follow-up continues.
      for (const c of ['next_response_due', 'sla_target', 'sla_due_at', 'sla_warn_at', 'sla_warned_at', 'sla_breached_at', 'satisfaction_comment', 'follow_up_of']) {
        await addObjectColumn(ex, dialect, 'tickets', c, 'text');
      }
      await addObjectColumn(ex, dialect, 'tickets', 'satisfaction', 'integer');
      for (const c of ['next_response_due', 'sla_due_at', 'sla_warn_at', 'satisfaction', 'follow_up_of']) await createFieldIndex(ex, dialect, 'tickets', c, false);
      // The sweep's two selects walk these: only tickets still waiting for their warning / breach are in them.
      await sql.raw('create index tickets_sla_warn_pending on tickets (sla_warn_at, id) where deleted_at is null and sla_warned_at is null and sla_warn_at is not null').execute(db);
      await sql.raw('create index tickets_sla_due_pending on tickets (sla_due_at, id) where deleted_at is null and sla_breached_at is null and sla_due_at is not null').execute(db);
      await db.schema.alterTable('ticket_sla_policies').addColumn('next_response_minutes', 'integer').execute();
      await db.schema.alterTable('ticket_sla_policies').addColumn('warn_at_percent', 'integer', (c) => c.notNull().defaultTo(80)).execute();
      await db.schema.alterTable('ticket_sla_policies').addColumn('raise_priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('ticket_sla_policies').addColumn('reassign_to_team', 'text').execute();
      // One survey per solved ticket (a reopened and solved-again ticket gets a new token on the same row).
      await db.schema.createTable('ticket_surveys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull().unique())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('requester', 'text')
        .addColumn('agent', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('score', 'integer')
        .addColumn('comment', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_surveys_agent').on('ticket_surveys').columns(['agent', 'answered_at']).execute();
    },
  },
};
