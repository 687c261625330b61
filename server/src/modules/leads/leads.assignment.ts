/**
 * The leads object's domain hook: every write derives the score from the scoring rules; a create without a named
 * owner (public capture, or API/UI without `ownerId`) is assigned by the first matching assignment rule, and the
 * decision is written to `assignment` ("rule 'Hanoi web leads' → team Hà Nội → Lan (round robin)").
 */
import type { Principal } from '../../platform/auth/principal.js';
import { scopeOf } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError } from '../../platform/http/errors.js';
import type { ObjectHooks, WriteContext } from '../../platform/records/index.js';
import { conditionsHold, roundRobin, scoreOf, type Conditions } from './leads.logic.js';
import { leadsRepository as repo } from './leads.repository.js';

/** The id public captures are written by (no user row: record events show its label "Web form"). */
export const SYSTEM_USER_ID = 'system-web-form';

/** The principal of public captures: writes leads as the system, owner chosen by the assignment rules. */
export function systemPrincipal(): Principal {
  return {
    kind: 'user', userId: SYSTEM_USER_ID, email: 'web-form@system', name: 'Web form', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}

const statusError = (message: string) => new AppError('validation_failed', `values.status: ${message}`, [{ path: 'values.status', message }]);

/** Score of the given lead values with the active rules. */
export async function scoreLead(ex: Executor, values: Record<string, unknown>): Promise<number> {
  return scoreOf(await repo.scoringRules(ex, true), values);
}

/** Whether a lead owned by `teamId` (and maybe `ownerId`) stays visible to its creator. */
function visibleTo(p: Principal, ownerId: string | null, teamId: string | null): boolean {
  const scope = scopeOf(p, 'leads');
  if (scope === 'all') return true;
  if (ownerId === p.userId) return true;
  return scope === 'team' && teamId !== null && p.teamIds.includes(teamId);
}

/** Applies the first matching active assignment rule to a new lead (in the write's transaction). */
export async function assign(ctx: WriteContext, values: Record<string, unknown>): Promise<void> {
  const system = ctx.principal.userId === SYSTEM_USER_ID;
  for (const rule of await repo.assignmentRules(ctx.trx, true)) {
    if (!conditionsHold(JSON.parse(rule.conditions) as Conditions, values)) continue;
    if (rule.team_id) {
      // The team must stay in the creator's sight before its turn is taken (a skipped rule takes no turn).
      if (!system && !visibleTo(ctx.principal, null, rule.team_id)) continue;
      const members = await repo.teamMembers(ctx.trx, rule.team_id);
      const who = roundRobin(members, members.length ? await repo.nextTurn(ctx.trx, rule.team_id) : 0);
      if (!who) continue;
      ctx.ownerId = who.id;
      ctx.teamId = rule.team_id;
      ctx.values.assignment = `rule '${rule.name}' → team ${rule.team_name ?? rule.team_id} → ${who.name} (round robin)`;
      return;
    }
    if (rule.user_id) {
      const u = await repo.user(ctx.trx, rule.user_id);
      if (!u || u.active !== 1 || (!system && !visibleTo(ctx.principal, u.id, u.team_id))) continue;
      ctx.ownerId = u.id;
      ctx.teamId = u.team_id;
      ctx.values.assignment = `rule '${rule.name}' → ${u.name}`;
      return;
    }
  }
  if (system) {
    ctx.ownerId = null;
    ctx.teamId = null;
    ctx.values.assignment = 'no rule matched: unassigned';
  }
}

export const leadHooks: ObjectHooks = {
  async beforeWrite(ctx) {
    if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
    // Conversion sets status, converted_at and the links together (leads.convert.ts); a hand edit cannot fake it.
    if (ctx.values.status === 'converted' && !('converted_at' in ctx.values) && ctx.before?.status !== 'converted') throw statusError('a lead becomes converted through its Convert action');
    if (ctx.before?.status === 'converted' && 'status' in ctx.values && ctx.values.status !== 'converted') throw statusError('a converted lead stays converted');
    const after = { ...(ctx.before ?? {}), ...ctx.values };
    ctx.values.score = await scoreLead(ctx.trx, after);
    if (ctx.kind === 'created' && (!ctx.ownerGiven || ctx.principal.userId === SYSTEM_USER_ID)) await assign(ctx, after);
  },
};
