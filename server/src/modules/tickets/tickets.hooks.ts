/**
 * The tickets object's domain hook, run by the engine's write pipeline inside every write (API, bulk, import,
 * public form): numbers a new ticket, keeps a closed ticket read-only (409 naming `status`), checks the team, and
 * stamps the status times (first response when a ticket first leaves `new`, solved when it becomes `solved`), assigns a
 * new ticket by the rules (tickets.assignment.ts) and runs the SLA clock (tickets.sla.ts).
 */
import { AppError } from '../../platform/http/errors.js';
import type { ObjectHooks } from '../../platform/records/index.js';
import { assign } from './tickets.assignment.js';
import { slaTargetValues } from './tickets.escalation.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { duesOf, pauseChange, PAUSED, SLA_KEYS } from './tickets.sla.js';
import { tierOf } from './tickets.tiers.js';

const fieldError = (key: string, message: string) => new AppError('validation_failed', `values.${key}: ${message}`, [{ path: `values.${key}`, message }]);

export const ticketHooks: ObjectHooks = {
  async beforeWrite(ctx) {
    if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
    const before = ctx.before ?? {};
    if (ctx.kind === 'updated' && before.status === 'closed') {
      throw new AppError('conflict', 'status: a closed ticket is read-only; open a follow-up ticket instead', [{ path: 'values.status', message: 'the ticket is closed' }]);
    }
    if (typeof ctx.values.team === 'string') {
      if (!(await repo.team(ctx.trx, ctx.values.team))) throw fieldError('team', 'no such team');
      if (ctx.kind === 'created') ctx.teamId = ctx.values.team;
    }
    const at = new Date();
    const now = at.toISOString();
    if (ctx.kind === 'created') {
      ctx.values.number = `#${await repo.nextNumber(ctx.trx)}`;
      ctx.values.customer_tier = await tierOf(ctx.trx, ctx.values.company, ctx.values.requester);
      if (!ctx.values.agent && !ctx.values.team) await assign(ctx, ctx.values);
      Object.assign(ctx.values, await duesOf(ctx.trx, ctx.values, at));
      if (ctx.values.status !== 'new') ctx.values.first_responded_at = now;
      if (ctx.values.status === 'solved') ctx.values.solved_at = now;
      if (PAUSED.has(String(ctx.values.status))) ctx.values.sla_paused_at = now;
      Object.assign(ctx.values, await slaTargetValues(ctx, at));
      return;
    }
    const status = 'status' in ctx.values ? ctx.values.status : before.status;
    const after = { ...before, ...ctx.values };
    if (SLA_KEYS.some((k) => k in ctx.values && ctx.values[k] !== before[k]) && status !== 'solved' && status !== 'closed') {
      // Another priority, category or team may mean another policy or calendar: the dues count again from creation.
      const dues = await duesOf(ctx.trx, after, new Date(await repo.createdAt(ctx.trx, ctx.id)), Number(before.sla_paused_minutes ?? 0));
      Object.assign(ctx.values, { first_response_due: null, resolution_due: null, ...dues });
    }
    if (status !== before.status) {
      if (before.status === 'new' && !before.first_responded_at) ctx.values.first_responded_at = now;
      if (status === 'solved') ctx.values.solved_at = now;
      else if (before.status === 'solved') ctx.values.solved_at = null;
      Object.assign(ctx.values, await pauseChange(ctx.trx, before, status, at));
    }
    Object.assign(ctx.values, await slaTargetValues(ctx, at));
  },
};
