/**
 * Pure rules of routing a ticket (no I/O): the requester's language, the SLA policy that applies (most specific match),
 * and the check that refuses assignment rules whose priority changes could go round forever.
 */

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** Whether a text carries letters only Vietnamese uses (ă, đ, ơ, ư, ạ, ế …). */
export const looksVietnamese = (text: string): boolean => VIETNAMESE.test(text.normalize('NFC'));

/**
 * The requester's language as assignment rules see it: Vietnamese when the subject or description carry Vietnamese
 * letters (whatever the ticket's default said), else the ticket's language (the form's choice, the mail's guess).
 */
export function requesterLanguage(t: Record<string, unknown>): string {
  if (looksVietnamese(`${String(t.subject ?? '')} ${String(t.description ?? '')}`)) return 'vi';
  return typeof t.language === 'string' && t.language ? t.language : 'en';
}

/** The criteria of an SLA policy (null = any). */
export interface PolicyCriteria { priority: string | null; category: string | null; customer_tier?: string | null; active?: number }

/**
 * The policy that applies to a ticket: among the active policies whose every set criterion (priority, category,
 * customer tier) equals the ticket's, the one with the most criteria set; a tie goes to the earlier in `policies`
 * (their position order). So "VIP + urgent" beats "urgent", which beats "any".
 *
 * @example policyMatch([{ priority: null, category: null }, { priority: 'urgent', category: null }], { priority: 'urgent' }) // the second
 */
export function policyMatch<P extends PolicyCriteria>(policies: P[], t: { priority?: unknown; category?: unknown; customer_tier?: unknown }): P | undefined {
  let best: P | undefined;
  let bestScore = -1;
  for (const p of policies) {
    if (p.active !== undefined && Number(p.active) !== 1) continue;
    const criteria: [string | null | undefined, unknown][] = [[p.priority, t.priority], [p.category, t.category], [p.customer_tier, t.customer_tier]];
    if (criteria.some(([want, has]) => want && want !== has)) continue;
    const score = criteria.filter(([want]) => want).length;
    if (score > bestScore) { best = p; bestScore = score; }
  }
  return best;
}

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** A rule as the loop check sees it: its name, the priorities it accepts (empty = any) and the priority it sets. */
export interface PriorityRule { name: string; priorities: string[]; setPriority: string | null }

/**
 * A loop of priority changes the rules could make, or null. Each rule that sets priority q draws an edge p → q from
 * every priority p ≠ q it accepts; a cycle means a ticket could be handed from rule to rule forever. The other
 * conditions are not considered (the check is on the safe side: a cycle is refused even if those conditions could
 * never hold together). Returns the rules along the cycle and the priorities visited.
 */
export function priorityLoop(rules: PriorityRule[]): { rules: string[]; priorities: string[] } | null {
  const edges = new Map<string, { to: string; rule: string }[]>();
  for (const r of rules) {
    if (!r.setPriority) continue;
    for (const p of r.priorities.length ? r.priorities : PRIORITIES) {
      if (p === r.setPriority) continue;
      const list = edges.get(p) ?? [];
      list.push({ to: r.setPriority, rule: r.name });
      edges.set(p, list);
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: { at: string; rule: string }[] = [];
  const visit = (p: string): { rules: string[]; priorities: string[] } | null => {
    state.set(p, 'open');
    for (const e of edges.get(p) ?? []) {
      path.push({ at: p, rule: e.rule });
      if (state.get(e.to) === 'open') {
        const from = path.findIndex((s) => s.at === e.to);
        const cycle = path.slice(from);
        return { rules: cycle.map((s) => s.rule), priorities: [...cycle.map((s) => s.at), e.to] };
      }
      if (!state.has(e.to)) {
        const found = visit(e.to);
        if (found) return found;
      }
      path.pop();
    }
    state.set(p, 'done');
    return null;
  };
  for (const p of PRIORITIES) {
    if (state.has(p)) continue;
    const found = visit(p);
    if (found) return found;
  }
  return null;
}

/** Most priority changes one assignment makes before it stops (a loop the save check could not see, e.g. an old rule set). */
export const MAX_PRIORITY_CHANGES = 8;
