/** Settings rows → wire (snake_case stops here), and a calendar row → the SLA arithmetic's calendar. */
import type { Calendar, SlaPolicy, TicketAssignmentRule } from '../../../../contracts/tickets.js';
import { toHhmm } from './tickets.logic.js';
import type { AssignmentRuleRow, CalendarRow, SlaPolicyRow } from './tickets.repository.js';
import type { BusinessCalendar, WorkInterval } from './tickets.sla.logic.js';

type StoredHours = Record<string, WorkInterval[]>;

export function businessCalendarOf(row: CalendarRow): BusinessCalendar {
  const hours = JSON.parse(row.hours) as StoredHours;
  const holidays = (JSON.parse(row.holidays) as { date: string }[]).map((h) => h.date);
  return { timeZone: row.time_zone, hours: Object.fromEntries(Object.entries(hours).map(([d, l]) => [Number(d), l])), holidays: new Set(holidays) };
}

export const presentCalendar = (r: CalendarRow): Calendar => ({
  id: r.id, name: r.name, timeZone: r.time_zone,
  hours: Object.entries(JSON.parse(r.hours) as StoredHours).flatMap(([d, list]) => list.map((i) => ({ day: Number(d), start: toHhmm(i.start), end: toHhmm(i.end) }))),
  holidays: JSON.parse(r.holidays) as Calendar['holidays'], teamId: r.team_id, isDefault: Number(r.is_default) === 1, updatedAt: r.updated_at,
});

export const presentSlaPolicy = (r: SlaPolicyRow): SlaPolicy => ({
  id: r.id, name: r.name, priority: r.priority as SlaPolicy['priority'], category: r.category, firstResponseMinutes: Number(r.first_response_minutes),
  resolutionMinutes: Number(r.resolution_minutes), position: Number(r.position), active: Number(r.active) === 1, updatedAt: r.updated_at,
  nextResponseMinutes: r.next_response_minutes == null ? null : Number(r.next_response_minutes), warnAtPercent: Number(r.warn_at_percent ?? 80),
  raisePriority: Number(r.raise_priority) === 1, reassignToTeam: r.reassign_to_team ?? null,
  customerTier: (r.customer_tier ?? null) as SlaPolicy['customerTier'],
});

export const presentAssignmentRule = (r: AssignmentRuleRow): TicketAssignmentRule => ({
  id: r.id, name: r.name, conditions: JSON.parse(r.conditions) as TicketAssignmentRule['conditions'], teamId: r.team_id, teamName: r.team_name,
  method: r.method as TicketAssignmentRule['method'], position: Number(r.position), active: Number(r.active) === 1, updatedAt: r.updated_at,
  setPriority: (r.set_priority ?? null) as TicketAssignmentRule['setPriority'],
});
