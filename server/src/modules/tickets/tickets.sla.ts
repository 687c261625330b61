/**
 * The SLA clock of a ticket, run from the tickets hook in the write's transaction: dues on create (the most specific
 * active policy matching priority, category and customer tier — tickets.routing.logic.ts `policyMatch`, counted on the team's calendar or the default one), and the pause while
 * the ticket waits on the customer or is on hold — on resume the paused business minutes are added to the pause
 * total and the dues move by as much.
 */
import type { Executor } from '../../platform/db/db.js';
import { businessCalendarOf } from './tickets.presenter.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './tickets.sla.logic.js';
import { policyMatch } from './tickets.routing.logic.js';

export const PAUSED = new Set(['waiting_on_customer', 'on_hold']);

async function calendarOf(trx: Executor, team: unknown): Promise<BusinessCalendar | null> {
  const row = await repo.calendarFor(trx, typeof team === 'string' ? team : null);
  return row ? businessCalendarOf(row) : null;
}

/**
 * The dues of a ticket opened at `from` (plus `pausedMinutes` of paused business time), or {} when no policy matches
 * or no calendar exists.
 */
export async function duesOf(trx: Executor, t: Record<string, unknown>, from: Date, pausedMinutes = 0): Promise<Record<string, string>> {
  const policy = policyMatch(await repo.slaPolicies(trx, true), t);
  const cal = policy && (await calendarOf(trx, t.team));
  if (!policy || !cal) return {};
  return {
    first_response_due: addBusinessMinutes(cal, from, Number(policy.first_response_minutes) + pausedMinutes).toISOString(),
    resolution_due: addBusinessMinutes(cal, from, Number(policy.resolution_minutes) + pausedMinutes).toISOString(),
  };
}

/** Keys whose change picks another policy or calendar: the dues are recomputed from the ticket's creation. */
export const SLA_KEYS = ['priority', 'category', 'team'] as const;

/** Values a status change sets on the SLA fields (pause on entering a waiting status, shift the dues on leaving it). */
export async function pauseChange(trx: Executor, before: Record<string, unknown>, status: unknown, now: Date): Promise<Record<string, unknown>> {
  const wasPaused = PAUSED.has(String(before.status));
  const isPaused = PAUSED.has(String(status));
  if (isPaused && !wasPaused) return { sla_paused_at: now.toISOString() };
  if (!wasPaused || isPaused || typeof before.sla_paused_at !== 'string') return {};
  const cal = await calendarOf(trx, before.team);
  const out: Record<string, unknown> = { sla_paused_at: null };
  if (!cal) return out;
  const paused = businessMinutesBetween(cal, new Date(before.sla_paused_at), now);
  out.sla_paused_minutes = Number(before.sla_paused_minutes ?? 0) + paused;
  const shift = (due: unknown) => (typeof due === 'string' ? addBusinessMinutes(cal, new Date(due), paused).toISOString() : due ?? null);
  if (!before.first_responded_at) out.first_response_due = shift(before.first_response_due);
  out.resolution_due = shift(before.resolution_due);
  return out;
}
