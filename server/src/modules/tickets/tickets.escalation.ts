/**
 * The SLA target a ticket's clock runs for, kept on the ticket by the tickets hook in every write's transaction:
 * `sla_target` (first_response until the first response, next_response while a customer's answer waits for the agent,
 * else resolution), `sla_due_at` (that target's due) and `sla_warn_at` (when `warn_at_percent` of the target's own
 * business time has passed). Both are null while the ticket is paused, solved or closed, so the escalation sweep
 * (tickets.escalation.sweep.ts) selects only tickets whose clock runs. A new target clears the sweep's stamps
 * (`sla_warned_at`, `sla_breached_at`): each target is warned and escalated once.
 *
 * Next response: starts when a ticket waiting on the customer comes back (the customer answered: waiting_on_customer →
 * an open status) and the policy has `next_response_minutes`; it ends when the ticket waits on the customer again, is
 * put on hold, solved or closed (the agent answered). Inbound mail can start one with `startNextResponse`.
 */
import type { Executor } from '../../platform/db/db.js';
import type { WriteContext } from '../../platform/records/index.js';
import { businessCalendarOf } from './tickets.presenter.js';
import { ticketsRepository as repo, type SlaPolicyRow } from './tickets.repository.js';
import { PAUSED } from './tickets.sla.js';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './tickets.sla.logic.js';
import { policyMatch } from './tickets.routing.logic.js';

export const DONE = new Set(['solved', 'closed']);
export type SlaTarget = 'first_response' | 'next_response' | 'resolution';

/** The policy that applies to a ticket (most specific match: priority, category, customer tier; the one that set its dues). */
export async function policyFor(trx: Executor, t: Record<string, unknown>): Promise<SlaPolicyRow | undefined> {
  return policyMatch(await repo.slaPolicies(trx, true), t);
}

async function calendarOf(trx: Executor, team: unknown): Promise<BusinessCalendar | null> {
  const row = await repo.calendarFor(trx, typeof team === 'string' ? team : null);
  return row ? businessCalendarOf(row) : null;
}

/** Which target a ticket's clock runs for, or null once solved or closed. */
export function targetOf(t: Record<string, unknown>): SlaTarget | null {
  if (DONE.has(String(t.status))) return null;
  if (!t.first_responded_at) return 'first_response';
  return t.next_response_due ? 'next_response' : 'resolution';
}

const dueKey: Record<SlaTarget, string> = { first_response: 'first_response_due', next_response: 'next_response_due', resolution: 'resolution_due' };

/**
 * When to warn for a target due at `due` whose window opened at `start`: when `percent` of the business time of the
 * window (paused minutes left out) has passed — i.e. at the due minus the remaining share, in business minutes.
 */
export function warnTime(cal: BusinessCalendar, start: Date, due: Date, percent: number, pausedMinutes: number): Date {
  const total = businessMinutesBetween(cal, start, due);
  const running = Math.max(0, total - pausedMinutes);
  return addBusinessMinutes(cal, start, Math.max(0, total - Math.round(running * (1 - percent / 100))));
}

const TIMING_KEYS = ['status', 'first_responded_at', 'first_response_due', 'resolution_due', 'next_response_due', 'sla_paused_at', 'priority', 'category', 'team'];

/**
 * The SLA target values a write sets (called last by the tickets hook, after the dues and the pause moved): starts or
 * ends the next-response clock on status changes, then recomputes target, due and warning time. `at` is the write's time.
 */
export async function slaTargetValues(ctx: WriteContext, at: Date): Promise<Record<string, unknown>> {
  const before = ctx.before ?? {};
  if (ctx.kind === 'updated' && !TIMING_KEYS.some((k) => k in ctx.values && ctx.values[k] !== before[k])) return {};
  const out: Record<string, unknown> = {};
  const t = { ...before, ...ctx.values };
  const status = String(t.status ?? 'new');
  if (ctx.kind === 'updated' && status !== before.status) {
    if (PAUSED.has(status) || DONE.has(status)) out.next_response_due = null;
    else if (before.status === 'waiting_on_customer' && t.first_responded_at) {
      const due = await nextResponseDue(ctx.trx, t, at);
      if (due) out.next_response_due = due;
    }
  }
  Object.assign(t, out);
  const target = targetOf(t);
  out.sla_target = target;
  if (target !== (before.sla_target ?? null)) { out.sla_warned_at = null; out.sla_breached_at = null; }
  const due = target ? t[dueKey[target]] : null;
  if (!target || typeof due !== 'string' || PAUSED.has(status)) return { ...out, sla_due_at: null, sla_warn_at: null };
  out.sla_due_at = due;
  const cal = await calendarOf(ctx.trx, t.team);
  if (!cal) return { ...out, sla_warn_at: null };
  const policy = await policyFor(ctx.trx, t);
  const percent = Number(policy?.warn_at_percent ?? 80);
  if (target === 'next_response') {
    // The window opened when the customer answered: at this write, or kept from the write that opened it.
    const opened = Boolean(out.next_response_due) || ('next_response_due' in ctx.values && ctx.values.next_response_due !== before.next_response_due);
    out.sla_warn_at = opened
      ? warnTime(cal, at, new Date(due), percent, 0).toISOString()
      : before.sla_target === 'next_response' ? before.sla_warn_at ?? null : null;
    return out;
  }
  const created = ctx.kind === 'created' ? at : new Date(await repo.createdAt(ctx.trx, ctx.id));
  out.sla_warn_at = warnTime(cal, created, new Date(due), percent, Number(t.sla_paused_minutes ?? 0)).toISOString();
  return out;
}

/** The next-response due of a ticket the customer answered at `at`, or null when its policy has no such target. */
async function nextResponseDue(trx: Executor, t: Record<string, unknown>, at: Date): Promise<string | null> {
  const policy = await policyFor(trx, t);
  const cal = policy?.next_response_minutes ? await calendarOf(trx, t.team) : null;
  return policy?.next_response_minutes && cal ? addBusinessMinutes(cal, at, Number(policy.next_response_minutes)).toISOString() : null;
}

/**
 * The derived values that start a next-response clock now on an open ticket the customer wrote to (for inbound mail
 * on a ticket that was not waiting on the customer): pass them as the update's `derived`. Empty when no target applies.
 */
export async function startNextResponse(trx: Executor, t: Record<string, unknown>, at = new Date()): Promise<Record<string, unknown>> {
  if (!t.first_responded_at || DONE.has(String(t.status)) || PAUSED.has(String(t.status))) return {};
  const due = await nextResponseDue(trx, t, at);
  return due ? { next_response_due: due } : {};
}
