/** The tickets module's SQL: the number counter and the few reads over the engine's `tickets` table and teams. */
import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { TicketAssignmentRulesTable, TicketCalendarsTable, TicketSlaPoliciesTable } from './tickets.tables.js';
import './tickets.tables.js';

/** The engine's per-object tables are not in the static schema: typed loosely here and nowhere else. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export const ticketsRepository = {
  /**
   * Takes the next ticket number. The update locks the counter row until the creating transaction ends, so
   * concurrent creates queue on it and never take the same number; a rolled-back create gives its number back.
   */
  async nextNumber(ex: Executor): Promise<number> {
    await ex.updateTable('ticket_counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', 'number').execute();
    const row = await ex.selectFrom('ticket_counters').select('value').where('name', '=', 'number').executeTakeFirstOrThrow();
    return Number(row.value);
  },
  team: (ex: Executor, id: string) => ex.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst(),
  /** The company a contact works at, or null (a new ticket's company). */
  async contactCompany(ex: Executor, contactId: string): Promise<string | null> {
    const r = await ex.selectFrom('contacts').innerJoin('companies', 'companies.id', 'contacts.company_id').select('companies.id')
      .where('contacts.id', '=', contactId).where('companies.deleted_at', 'is', null).executeTakeFirst();
    return r?.id ?? null;
  },
  async numberOf(ex: Executor, id: string): Promise<string> {
    const r = await loose(ex).selectFrom('tickets').select('number').where('id', '=', id).executeTakeFirstOrThrow();
    return String(r.number);
  },
  async createdAt(ex: Executor, id: string): Promise<string> {
    const r = await loose(ex).selectFrom('tickets').select('created_at').where('id', '=', id).executeTakeFirstOrThrow();
    return String(r.created_at);
  },
  /** A live ticket's id by its number (`#10001`). */
  byNumber: (ex: Executor, number: string) =>
    loose(ex).selectFrom('tickets').select(['id']).where('number', '=', number).where('deleted_at', 'is', null).executeTakeFirst() as Promise<{ id: string } | undefined>,

  /** Takes a team's next round-robin number (the counter row lock queues concurrent creates, like `nextNumber`). */
  async nextTurn(ex: Executor, teamId: string): Promise<number> {
    const name = `rr:${teamId}`;
    await ex.insertInto('ticket_counters').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
    await ex.updateTable('ticket_counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', name).execute();
    return Number((await ex.selectFrom('ticket_counters').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value);
  },
  /** The team's active users in a stable order (the round robin's ring). */
  teamMembers: (ex: Executor, teamId: string) =>
    ex.selectFrom('users').select(['id', 'name']).where('team_id', '=', teamId).where('active', '=', 1).orderBy('created_at').orderBy('id').execute(),
  /** Open (not solved or closed) live tickets per agent. */
  async openCounts(ex: Executor, agentIds: string[]): Promise<Map<string, number>> {
    if (!agentIds.length) return new Map();
    const rows = await loose(ex).selectFrom('tickets').select(['agent', (eb) => eb.fn.countAll().as('n')]).where('agent', 'in', agentIds)
      .where('status', 'not in', ['solved', 'closed']).where('deleted_at', 'is', null).groupBy('agent').execute() as { agent: string; n: unknown }[];
    return new Map(rows.map((r) => [r.agent, Number(r.n)]));
  },

  calendars: (ex: Executor) => ex.selectFrom('ticket_calendars').selectAll().orderBy('name').orderBy('id').execute(),
  calendar: (ex: Executor, id: string) => ex.selectFrom('ticket_calendars').selectAll().where('id', '=', id).executeTakeFirst(),
  /** The calendar timing a team's tickets: the team's own, else the default one. */
  async calendarFor(ex: Executor, teamId: string | null): Promise<TicketCalendarsTable | undefined> {
    const own = teamId ? await ex.selectFrom('ticket_calendars').selectAll().where('team_id', '=', teamId).executeTakeFirst() : undefined;
    return own ?? ex.selectFrom('ticket_calendars').selectAll().where('is_default', '=', 1).orderBy('created_at').executeTakeFirst();
  },
  insertCalendar: (ex: Executor, row: TicketCalendarsTable) => ex.insertInto('ticket_calendars').values(row).execute(),
  updateCalendar: (ex: Executor, id: string, set: Partial<TicketCalendarsTable>) => ex.updateTable('ticket_calendars').set(set).where('id', '=', id).execute(),
  deleteCalendar: (ex: Executor, id: string) => ex.deleteFrom('ticket_calendars').where('id', '=', id).executeTakeFirst(),
  /** Clears the default flag (and the team link) of every other calendar. */
  clearDefault: (ex: Executor, exceptId: string) => ex.updateTable('ticket_calendars').set({ is_default: 0 }).where('id', '!=', exceptId).execute(),
  calendarOfTeam: (ex: Executor, teamId: string) => ex.selectFrom('ticket_calendars').select('id').where('team_id', '=', teamId).executeTakeFirst(),

  slaPolicies(ex: Executor, activeOnly = false) {
    let q = ex.selectFrom('ticket_sla_policies').selectAll();
    if (activeOnly) q = q.where('active', '=', 1);
    return q.orderBy('position').orderBy('id').execute();
  },
  slaPolicy: (ex: Executor, id: string) => ex.selectFrom('ticket_sla_policies').selectAll().where('id', '=', id).executeTakeFirst(),
  insertSlaPolicy: (ex: Executor, row: TicketSlaPoliciesTable) => ex.insertInto('ticket_sla_policies').values(row).execute(),
  updateSlaPolicy: (ex: Executor, id: string, set: Partial<TicketSlaPoliciesTable>) => ex.updateTable('ticket_sla_policies').set(set).where('id', '=', id).execute(),
  deleteSlaPolicy: (ex: Executor, id: string) => ex.deleteFrom('ticket_sla_policies').where('id', '=', id).executeTakeFirst(),
  reorderSlaPolicies: async (ex: Executor, ids: string[]) => { for (const [i, id] of ids.entries()) await ex.updateTable('ticket_sla_policies').set({ position: i }).where('id', '=', id).execute(); },

  assignmentRules(ex: Executor, activeOnly = false) {
    let q = ex.selectFrom('ticket_assignment_rules as r').leftJoin('teams as t', 't.id', 'r.team_id').selectAll('r').select('t.name as team_name');
    if (activeOnly) q = q.where('r.active', '=', 1);
    return q.orderBy('r.position').orderBy('r.id').execute();
  },
  insertAssignmentRule: (ex: Executor, row: TicketAssignmentRulesTable) => ex.insertInto('ticket_assignment_rules').values(row).execute(),
  updateAssignmentRule: (ex: Executor, id: string, set: Partial<TicketAssignmentRulesTable>) => ex.updateTable('ticket_assignment_rules').set(set).where('id', '=', id).execute(),
  deleteAssignmentRule: (ex: Executor, id: string) => ex.deleteFrom('ticket_assignment_rules').where('id', '=', id).executeTakeFirst(),
  reorderAssignmentRules: async (ex: Executor, ids: string[]) => { for (const [i, id] of ids.entries()) await ex.updateTable('ticket_assignment_rules').set({ position: i }).where('id', '=', id).execute(); },
};

export type CalendarRow = TicketCalendarsTable;
export type SlaPolicyRow = TicketSlaPoliciesTable;
export type AssignmentRuleRow = TicketAssignmentRulesTable & { team_name: string | null };
