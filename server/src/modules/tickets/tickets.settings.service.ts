/**
 * Service-desk settings (tickets manage): business-hours calendars, SLA policies, assignment rules. Each write is one
 * transaction; bad input → 400 naming the field.
 */
import type { CalendarInput, SlaPolicyInput, TicketAssignmentRuleInput } from '../../../../contracts/tickets.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { definitionOf } from '../../platform/records/index.js';
import { toMinutes } from './tickets.logic.js';
import { priorityLoop } from './tickets.routing.logic.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { hasWorkingHours, isTimeZone, type WorkInterval } from './tickets.sla.logic.js';

/** Checks a calendar; returns its stored hours JSON. */
async function checkCalendar(trx: Executor, input: CalendarInput, id: string | null): Promise<string> {
  if (!isTimeZone(input.timeZone)) throw invalid('timeZone', `"${input.timeZone}" is not a known IANA time zone`);
  const byDay: Record<number, WorkInterval[]> = {};
  input.hours.forEach((h, i) => {
    const start = toMinutes(h.start);
    const end = toMinutes(h.end);
    if (end <= start) throw invalid(`hours.${i}.end`, 'must be after start');
    const list = (byDay[h.day] ??= []);
    if (list.some((o) => start < o.end && o.start < end)) throw invalid(`hours.${i}`, 'overlaps another interval of the same day');
    list.push({ start, end });
  });
  if (!hasWorkingHours({ hours: byDay })) throw invalid('hours', 'a calendar needs working hours on at least one day');
  for (const l of Object.values(byDay)) l.sort((a, b) => a.start - b.start);
  if (input.teamId) {
    if (!(await repo.team(trx, input.teamId))) throw invalid('teamId', 'no such team');
    const other = await repo.calendarOfTeam(trx, input.teamId);
    if (other && other.id !== id) throw invalid('teamId', 'this team already has a calendar');
  }
  return JSON.stringify(byDay);
}

async function checkSla(trx: Executor, input: SlaPolicyInput): Promise<void> {
  if (input.resolutionMinutes < input.firstResponseMinutes) throw invalid('resolutionMinutes', 'must not be shorter than the first-response target');
  if (input.reassignToTeam && !(await repo.team(trx, input.reassignToTeam))) throw invalid('reassignToTeam', 'no such team');
  if (input.category) {
    const { def } = await definitionOf(trx, 'tickets');
    if (!def.fields.find((f) => f.key === 'category')?.options?.some((o) => o.value === input.category)) throw invalid('category', `"${input.category}" is not a ticket category`);
  }
}

async function checkRule(trx: Executor, input: TicketAssignmentRuleInput, id: string | null): Promise<void> {
  if (!(await repo.team(trx, input.teamId))) throw invalid('teamId', 'no such team');
  const { def } = await definitionOf(trx, 'tickets');
  for (const key of ['channel', 'category'] as const) {
    const allowed = def.fields.find((f) => f.key === key)?.options?.map((o) => o.value) ?? [];
    (input.conditions?.[key] ?? []).forEach((v, i) => { if (!allowed.includes(v)) throw invalid(`conditions.${key}.${i}`, `"${v}" is not a ticket ${key}`); });
  }
  const companies = input.conditions?.company ?? [];
  const live = new Set((companies.length ? await trx.selectFrom('companies').select('id').where('id', 'in', companies).where('deleted_at', 'is', null).execute() : []).map((c) => c.id));
  companies.forEach((v, i) => { if (!live.has(v)) throw invalid(`conditions.company.${i}`, 'no such company'); });
  // The active rule set after this save must not be able to change a ticket's priority round in a loop.
  const others = (await repo.assignmentRules(trx, true)).filter((r) => r.id !== id)
    .map((r) => ({ name: r.name, priorities: (JSON.parse(r.conditions) as { priority?: string[] }).priority ?? [], setPriority: r.set_priority ?? null }));
  const mine = input.active === false ? [] : [{ name: input.name, priorities: input.conditions?.priority ?? [], setPriority: input.setPriority ?? null }];
  const loop = priorityLoop([...others, ...mine]);
  if (loop) {
    throw invalid('setPriority', `rule '${input.name}' makes a loop: ${loop.rules.map((n) => `'${n}'`).join(' → ')} would change the priority ${loop.priorities.join(' → ')} forever`);
  }
}

function moved(ids: string[], id: string, position: number | undefined): string[] {
  if (position === undefined) return ids;
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.min(position, rest.length), 0, id);
  return rest;
}

export const ticketSettingsService = {
  listCalendars: (db: Executor) => repo.calendars(db),
  async saveCalendar(database: Database, id: string | null, input: CalendarInput) {
    return database.db.transaction().execute(async (trx) => {
      if (id && !(await repo.calendar(trx, id))) throw notFound('calendar');
      const hours = await checkCalendar(trx, input, id);
      const now = nowIso();
      const set = { name: input.name, time_zone: input.timeZone, hours, holidays: JSON.stringify(input.holidays ?? []), team_id: input.teamId ?? null, is_default: input.isDefault ? 1 : 0, updated_at: now };
      const key = id ?? newId();
      if (id) await repo.updateCalendar(trx, id, set);
      else await repo.insertCalendar(trx, { id: key, created_at: now, ...set });
      if (input.isDefault) await repo.clearDefault(trx, key);
      return (await repo.calendar(trx, key))!;
    });
  },
  async deleteCalendar(database: Database, id: string) {
    if (Number((await repo.deleteCalendar(database.db, id)).numDeletedRows) === 0) throw notFound('calendar');
  },

  listSlaPolicies: (db: Executor) => repo.slaPolicies(db),
  async saveSlaPolicy(database: Database, id: string | null, input: SlaPolicyInput) {
    return database.db.transaction().execute(async (trx) => {
      if (id && !(await repo.slaPolicy(trx, id))) throw notFound('SLA policy');
      await checkSla(trx, input);
      const now = nowIso();
      const set = { name: input.name, priority: input.priority ?? null, category: input.category || null, first_response_minutes: input.firstResponseMinutes, resolution_minutes: input.resolutionMinutes, active: input.active === false ? 0 : 1, updated_at: now,
        next_response_minutes: input.nextResponseMinutes ?? null, warn_at_percent: input.warnAtPercent ?? 80, raise_priority: input.raisePriority ? 1 : 0, reassign_to_team: input.reassignToTeam || null,
        customer_tier: input.customerTier ?? null };
      const all = (await repo.slaPolicies(trx)).map((p) => p.id);
      const key = id ?? newId();
      if (id) await repo.updateSlaPolicy(trx, id, set);
      else { await repo.insertSlaPolicy(trx, { id: key, position: all.length, created_at: now, ...set }); all.push(key); }
      await repo.reorderSlaPolicies(trx, moved(all, key, input.position));
      return (await repo.slaPolicy(trx, key))!;
    });
  },
  async deleteSlaPolicy(database: Database, id: string) {
    if (Number((await repo.deleteSlaPolicy(database.db, id)).numDeletedRows) === 0) throw notFound('SLA policy');
  },

  listAssignmentRules: (db: Executor) => repo.assignmentRules(db),
  async saveAssignmentRule(database: Database, id: string | null, input: TicketAssignmentRuleInput) {
    return database.db.transaction().execute(async (trx) => {
      const all = (await repo.assignmentRules(trx)).map((r) => r.id);
      if (id && !all.includes(id)) throw notFound('assignment rule');
      await checkRule(trx, input, id);
      const now = nowIso();
      const set = { name: input.name, conditions: JSON.stringify(input.conditions ?? {}), team_id: input.teamId, method: input.method, active: input.active === false ? 0 : 1, updated_at: now,
        set_priority: input.setPriority ?? null };
      const key = id ?? newId();
      if (id) await repo.updateAssignmentRule(trx, id, set);
      else { await repo.insertAssignmentRule(trx, { id: key, position: all.length, created_at: now, ...set }); all.push(key); }
      await repo.reorderAssignmentRules(trx, moved(all, key, input.position));
      return (await repo.assignmentRules(trx)).find((r) => r.id === key)!;
    });
  },
  async deleteAssignmentRule(database: Database, id: string) {
    await database.db.transaction().execute(async (trx) => {
      if (Number((await repo.deleteAssignmentRule(trx, id)).numDeletedRows) === 0) throw notFound('assignment rule');
      await repo.reorderAssignmentRules(trx, (await repo.assignmentRules(trx)).map((r) => r.id));
    });
  },
};
