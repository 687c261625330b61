/**
 * Assignment of a new ticket (no agent named): the first active rule whose conditions hold (channel, category,
 * priority, keywords, company, customer tier, the requester's language) picks a team; inside it the next available
 * agent in round robin (a counter row taken in the write's transaction) or the available agent with the fewest open
 * tickets (tickets.agents.ts: status and working hours). A rule that sets a priority sets it and the rules are tried
 * again from the first (the rule that made the last change assigns when none matches then); at most
 * MAX_PRIORITY_CHANGES changes (a loop the save check could not see stops there). The
 * decision is written to `assignment`: "rule 'VIP' → team Hanoi support → Lan (fewest open)".
 */
import { scopeOf } from '../../platform/auth/principal.js';
import type { WriteContext } from '../../platform/records/index.js';
import { pickAgent } from './tickets.agents.js';
import { conditionsHold, type RuleConditions } from './tickets.logic.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { MAX_PRIORITY_CHANGES, requesterLanguage } from './tickets.routing.logic.js';
import { SUPPORT_FORM_USER_ID } from './tickets.system.js';

export async function assign(ctx: WriteContext, t: Record<string, unknown>): Promise<void> {
  const rules = await repo.assignmentRules(ctx.trx, true);
  const view: Record<string, unknown> = { ...t, language: requesterLanguage(t) };
  const trail: string[] = [];
  const names: string[] = [];
  let changer: (typeof rules)[number] | undefined;
  for (let changes = 0; ;) {
    // After a priority change no rule may match any more: the rule that changed it then assigns its own team.
    const rule = rules.find((r) => conditionsHold(JSON.parse(r.conditions) as RuleConditions, view)) ?? changer;
    if (!rule) {
      ctx.values.assignment = 'no rule matched: unassigned';
      return;
    }
    if (rule.set_priority && rule.set_priority !== view.priority) {
      if (++changes > MAX_PRIORITY_CHANGES) {
        // The rules hand the ticket round in a loop: keep the priority it came with and leave it unassigned.
        ctx.values.priority = t.priority;
        ctx.values.assignment = `assignment stopped after ${MAX_PRIORITY_CHANGES} priority changes (a loop of rules ${[...new Set(names)].map((n) => `'${n}'`).join(', ')}): unassigned`;
        return;
      }
      trail.push(`rule '${rule.name}' → priority ${rule.set_priority}`);
      names.push(rule.name);
      changer = rule;
      view.priority = ctx.values.priority = rule.set_priority;
      continue;
    }
    const { who, words } = await pickAgent(ctx.trx, rule.team_id, rule.method);
    ctx.values.team = rule.team_id;
    ctx.values.agent = who?.id ?? null;
    ctx.values.assignment = [...trail, `rule '${rule.name}'`, `team ${rule.team_name ?? rule.team_id}`, words].join(' → ');
    // The record's owner follows the agent when that keeps it in the creator's sight (the system, or an all-scope writer).
    if (ctx.principal.userId === SUPPORT_FORM_USER_ID || scopeOf(ctx.principal, 'tickets') === 'all') {
      ctx.ownerId = who?.id ?? null;
      ctx.teamId = rule.team_id;
    }
    return;
  }
}
