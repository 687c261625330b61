import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const leadsMigrations: MigrationSet = {
  '20261207_0620_leads': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'leads');
      const columns = [
        'name', 'email', 'phone', 'company_name', 'job_title', 'source', 'status', 'region', 'product_interest', 'message', 'utm_source',
        'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'referrer', 'assignment', 'converted_at', 'contact', 'company', 'deal', 'next_step_at',
      ];
      for (const c of columns) await addObjectColumn(ex, dialect, 'leads', c, 'text');
      await addObjectColumn(ex, dialect, 'leads', 'score', 'real');
      for (const c of ['name', 'email', 'phone', 'company_name', 'source', 'status', 'score', 'region', 'product_interest', 'utm_source', 'utm_campaign', 'converted_at', 'contact', 'company', 'deal', 'next_step_at']) {
        await createFieldIndex(ex, dialect, 'leads', c, c === 'source' || c === 'status');
      }
    },
  },
  '20261207_0720_leads_rules': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('lead_scoring_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('lead_assignment_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('lead_assignment_counters')
        .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
        .addColumn('counter', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};
