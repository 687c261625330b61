/**
 * The tickets list's built-in views: my tickets, my team's, unassigned, breaching soon (the current SLA target —
 * first response, next response or resolution, `sla_due_at` — due within the next 2 hours; wall-clock hours, not
 * business hours) and overdue (past it), as engine filters computed at `now`. A paused ticket has no `sla_due_at`.
 * Pure (views.test.ts); index.ts hands them to the generic list.
 *
 * @example ticketPresets({ id: 'u1', teamId: null }, Date.parse('2026-12-07T10:00:00Z'))[0]
 *   // { id: 'mine', filters: [{ field: 'agent', op: 'eq', value: 'u1' }, { field: 'status', op: 'in', value: [...] }], ... }
 */
import type { RecordFilter } from '../../../../contracts/records';

/** Statuses of a ticket still being worked on; new and open are the ones whose SLA clock runs. */
export const UNSOLVED = ['new', 'open', 'waiting_on_customer', 'on_hold'];
const RUNNING = ['new', 'open'];
export const SOON_MS = 2 * 3_600_000;

/** The list's first columns: number, status, priority, agent, team and the SLA (the current target and its due, with a badge). */
export const TICKET_COLUMNS = ['number', 'status', 'priority', 'agent', 'team', 'sla_target', 'sla_due_at'];

export type PresetKey = 'mine' | 'team' | 'unassigned' | 'breaching' | 'overdue';

export interface TicketPreset { id: PresetKey; filters: RecordFilter[]; sort: string }

export function ticketPresets(user: { id: string; teamId: string | null }, now: number): TicketPreset[] {
  const unsolved: RecordFilter = { field: 'status', op: 'in', value: UNSOLVED };
  const running: RecordFilter = { field: 'status', op: 'in', value: RUNNING };
  const at = (ms: number) => new Date(ms).toISOString();
  const byDue = 'sla_due_at';
  const team: TicketPreset[] = user.teamId ? [{ id: 'team', filters: [{ field: 'team', op: 'eq', value: user.teamId }, unsolved], sort: byDue }] : [];
  return [
    { id: 'mine', filters: [{ field: 'agent', op: 'eq', value: user.id }, unsolved], sort: byDue },
    ...team,
    { id: 'unassigned', filters: [{ field: 'agent', op: 'empty' }, unsolved], sort: '-createdAt' },
    { id: 'breaching', filters: [running, { field: 'sla_due_at', op: 'gte', value: at(now) }, { field: 'sla_due_at', op: 'lt', value: at(now + SOON_MS) }], sort: byDue },
    { id: 'overdue', filters: [running, { field: 'sla_due_at', op: 'lt', value: at(now) }], sort: byDue },
  ];
}
