/**
 * Assignment of a new ticket (no agent named): the first active rule whose conditions hold picks a team; inside it
 * the next agent in round robin (a counter row taken in the write's transaction) or the active agent with the
 * fewest open tickets. The decision is written to `assignment`: "rule 'VIP' → team Hanoi support → Lan (fewest open)".
 */
import { scopeOf } from '../../platform/auth/principal.js';
import type { WriteContext } from '../../platform/records/index.js';
import { conditionsHold, fewestOpen, roundRobin, type RuleConditions } from './tickets.logic.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { SUPPORT_FORM_USER_ID } from './tickets.system.js';

export async function assign(ctx: WriteContext, t: Record<string, unknown>): Promise<void> {
  for (const rule of await repo.assignmentRules(ctx.trx, true)) {
    if (!conditionsHold(JSON.parse(rule.conditions) as RuleConditions, t)) continue;
    const members = await repo.teamMembers(ctx.trx, rule.team_id);
    const fewest = rule.method === 'fewest_open';
    const who = fewest ? fewestOpen(members, await repo.openCounts(ctx.trx, members.map((m) => m.id))) : members.length ? roundRobin(members, await repo.nextTurn(ctx.trx, rule.team_id)) : undefined;
    const team = rule.team_name ?? rule.team_id;
    ctx.values.team = rule.team_id;
    ctx.values.agent = who?.id ?? null;
    ctx.values.assignment = `rule '${rule.name}' → team ${team} → ${who ? `${who.name} (${fewest ? 'fewest open' : 'round robin'})` : 'no active agent: unassigned'}`;
    // The record's owner follows the agent when that keeps it in the creator's sight (the system, or an all-scope writer).
    if (ctx.principal.userId === SUPPORT_FORM_USER_ID || scopeOf(ctx.principal, 'tickets') === 'all') {
      ctx.ownerId = who?.id ?? null;
      ctx.teamId = rule.team_id;
    }
    return;
  }
  ctx.values.assignment = 'no rule matched: unassigned';
}
