import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionsHold } from './tickets.logic.js';
import { policyMatch, priorityLoop, PRIORITIES, requesterLanguage, type PriorityRule } from './tickets.routing.logic.js';

const priority = fc.constantFrom(...PRIORITIES);
const rule = fc.record({
  name: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
  priorities: fc.uniqueArray(priority, { maxLength: 4 }),
  setPriority: fc.option(priority, { nil: null }),
});

/** The runtime walk over priorities alone: the first rule accepting the priority either changes it or ends the walk. */
function walk(rules: PriorityRule[], start: string, cap = 50): number {
  let p = start;
  for (let changes = 0; changes <= cap; changes++) {
    const r = rules.find((x) => !x.priorities.length || x.priorities.includes(p));
    if (!r || !r.setPriority || r.setPriority === p) return changes;
    p = r.setPriority;
  }
  return Infinity;
}

describe('assignment rules: priority loops', () => {
  it('a rule set the check accepts never changes a priority more than three times, from any priority', () => {
    fc.assert(fc.property(fc.array(rule, { maxLength: 8 }), (rules) => {
      if (priorityLoop(rules)) return;
      for (const p of PRIORITIES) expect(walk(rules, p)).toBeLessThanOrEqual(3);
    }), { numRuns: 500 });
  });

  it('a loop it reports is a real cycle: each rule accepts the priority it leaves and sets the next one, back to the first', () => {
    fc.assert(fc.property(fc.array(rule, { maxLength: 8 }), (rules) => {
      const loop = priorityLoop(rules);
      if (!loop) return;
      expect(loop.priorities.at(-1)).toBe(loop.priorities[0]);
      loop.rules.forEach((name, i) => {
        const from = loop.priorities[i]!;
        const to = loop.priorities[i + 1]!;
        expect(rules.some((r) => r.name === name && r.setPriority === to && to !== from && (!r.priorities.length || (r.priorities as string[]).includes(from)))).toBe(true);
      });
    }), { numRuns: 500 });
  });

  it('finds the two-rule ping-pong and the walk really loops on it', () => {
    const rules = [{ name: 'Escalate', priorities: ['high'], setPriority: 'urgent' }, { name: 'Calm down', priorities: ['urgent'], setPriority: 'high' }];
    expect(priorityLoop(rules)).toEqual({ rules: ['Escalate', 'Calm down'], priorities: ['high', 'urgent', 'high'] });
    expect(walk(rules, 'high')).toBe(Infinity);
    expect(priorityLoop([{ name: 'VIP', priorities: [], setPriority: 'urgent' }, { name: 'Low', priorities: ['low'], setPriority: 'normal' }])).toBeNull();
  });
});

describe('SLA policies: the most specific match wins', () => {
  const crit = fc.option(fc.constantFrom('a', 'b'), { nil: null });
  const policy = fc.record({ priority: crit, category: crit, customer_tier: crit, active: fc.constantFrom(0, 1, 1) });
  const ticket = fc.record({ priority: fc.constantFrom('a', 'b'), category: fc.constantFrom('a', 'b'), customer_tier: fc.constantFrom('a', 'b') });
  const score = (p: { priority: string | null; category: string | null; customer_tier: string | null }) => [p.priority, p.category, p.customer_tier].filter(Boolean).length;
  const matches = (p: { priority: string | null; category: string | null; customer_tier: string | null; active: number }, t: Record<string, string>) =>
    p.active === 1 && (!p.priority || p.priority === t.priority) && (!p.category || p.category === t.category) && (!p.customer_tier || p.customer_tier === t.customer_tier);

  it('picks a matching active policy with the most criteria, the earliest among equals; none when nothing matches', () => {
    fc.assert(fc.property(fc.array(policy, { maxLength: 8 }), ticket, (policies, t) => {
      const got = policyMatch(policies, t);
      const candidates = policies.filter((p) => matches(p, t));
      if (!candidates.length) { expect(got).toBeUndefined(); return; }
      const best = Math.max(...candidates.map(score));
      expect(got).toBe(candidates.find((p) => score(p) === best));
    }), { numRuns: 500 });
  });

  it('VIP + urgent beats urgent beats any, whatever their order', () => {
    const any = { priority: null, category: null, customer_tier: null, name: 'any' };
    const urgent = { priority: 'urgent', category: null, customer_tier: null, name: 'urgent' };
    const vipUrgent = { priority: 'urgent', category: null, customer_tier: 'vip', name: 'vip urgent' };
    expect(policyMatch([any, urgent, vipUrgent], { priority: 'urgent', customer_tier: 'vip' })?.name).toBe('vip urgent');
    expect(policyMatch([any, urgent, vipUrgent], { priority: 'urgent', customer_tier: 'gold' })?.name).toBe('urgent');
    expect(policyMatch([vipUrgent, urgent, any], { priority: 'low', customer_tier: 'vip' })?.name).toBe('any');
  });
});

describe('assignment conditions: company, tier, language', () => {
  it('language: Vietnamese letters in the text count, else the ticket language', () => {
    expect(requesterLanguage({ subject: 'Hoá đơn sai', language: 'en' })).toBe('vi');
    expect(requesterLanguage({ subject: 'Invoice wrong', language: 'vi' })).toBe('vi');
    expect(requesterLanguage({ subject: 'Invoice wrong' })).toBe('en');
    // Decomposed (NFD) text from a mail client still reads as Vietnamese.
    expect(requesterLanguage({ subject: 'Không đăng nhập được'.normalize('NFD') })).toBe('vi');
  });

  it('every listed condition must hold', () => {
    const t = { channel: 'email', company: 'c1', customer_tier: 'vip', language: 'vi', subject: 'Máy chủ sập' };
    expect(conditionsHold({ company: ['c1', 'c2'], customerTier: ['vip'], language: ['vi'] }, t)).toBe(true);
    expect(conditionsHold({ company: ['c2'] }, t)).toBe(false);
    expect(conditionsHold({ customerTier: ['gold', 'silver'] }, t)).toBe(false);
    expect(conditionsHold({ language: ['en'] }, t)).toBe(false);
    expect(conditionsHold({ keywords: ['may chu'], customerTier: ['vip'] }, t)).toBe(true);
  });
});
