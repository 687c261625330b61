/**
 * Migration of assignment by availability and customer tier (tickets.agents.*, tickets.tiers.ts): agents' status and
 * working hours, the customer tier (a select custom field of companies and contacts, stored on each ticket at create),
 * SLA policies per tier, and the rules' set-priority action.
 */
import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { MigrationSet } from '../../platform/db/migrate.js';
import { addObjectColumn, createFieldIndex } from '../../platform/db/records-ddl.js';
import { newId, nowIso } from '../../platform/ids.js';

const tierOptions = [
  { value: 'standard', label: { en: 'Standard', vi: 'Tiêu chuẩn' } },
  { value: 'silver', label: { en: 'Silver', vi: 'Bạc' } },
  { value: 'gold', label: { en: 'Gold', vi: 'Vàng' } },
  { value: 'vip', label: { en: 'VIP', vi: 'VIP' } },
];

/** Frozen: never edit a migration that has landed; add a new one. */
export const ticketAgentsMigrations: MigrationSet = {
  '20261207_1620_ticket_agents_tiers': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await db.schema.createTable('ticket_agents')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('available'))
        .addColumn('hours', 'text', (c) => c.notNull().defaultTo('always'))
        .addColumn('calendar_id', 'text', (c) => c.references('ticket_calendars.id').onDelete('set null'))
        .addColumn('status_changed_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await addObjectColumn(ex, dialect, 'tickets', 'customer_tier', 'text');
      await createFieldIndex(ex, dialect, 'tickets', 'customer_tier', true);
      await db.schema.alterTable('ticket_sla_policies').addColumn('customer_tier', 'text').execute();
      await db.schema.alterTable('ticket_assignment_rules').addColumn('set_priority', 'text').execute();
      // The tier lives with the customer: a select custom field of companies and of contacts (the contact's counts when
      // the ticket has no company). An existing field with the key is kept as it is.
      const now = nowIso();
      for (const entity of ['company', 'contact']) {
        await db.insertInto('custom_fields').values({
          id: newId(), entity, key: 'customer_tier', type: 'select', label: JSON.stringify({ en: 'Customer tier', vi: 'Hạng khách hàng' }),
          options: JSON.stringify(tierOptions), required: 0, default_value: null, classification: 'internal', relation_entity: null, currency: null,
          position: 0, version: 1, created_at: now, updated_at: now, created_by: null, updated_by: null,
        }).onConflict((oc) => oc.columns(['entity', 'key']).doNothing()).execute();
      }
    },
  },
};
