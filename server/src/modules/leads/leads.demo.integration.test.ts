import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { module as identity } from '../identity/index.js';
import { loadLeadsDemo } from './leads.demo.js';
import { actor, client, q } from './leads.test-helpers.js';

describeEachDialect('leads demo', (env) => {
  it('kith demo adds scored, assigned leads with UTM data, a few converted, and the rules; once', async () => {
    await identity.demo!(env().ctx);
    await actor(env(), { admin: true });
    const out = await loadLeadsDemo(env().ctx);
    expect(out).toMatch(/^leads: 30 leads .*, 4 converted; 6 scoring and 3 assignment rules/);
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const all = (await admin.get('/leads?limit=200')).body.data as { ownerId: string | null; values: Record<string, unknown> }[];
    expect(all).toHaveLength(30);
    expect(new Set(all.map((l) => l.values.source)).size).toBeGreaterThanOrEqual(5);
    expect(all.filter((l) => l.values.utm_campaign).length).toBeGreaterThan(10);
    expect(all.filter((l) => l.values.status === 'converted')).toHaveLength(4);
    expect(all.filter((l) => typeof l.values.score === 'number' && (l.values.score as number) > 0).length).toBeGreaterThan(20);
    const hanoiWeb = all.filter((l) => l.values.source === 'web_form' && l.values.region === 'Hà Nội');
    expect(hanoiWeb.length).toBeGreaterThan(0);
    expect(hanoiWeb.every((l) => String(l.values.assignment).startsWith("rule 'Hanoi web leads' → team Sales North →") && l.ownerId)).toBe(true);
    const deals = await admin.get(`/deals?filter=${q([{ field: 'lead', op: 'not_empty' }])}`);
    expect(deals.body.data).toHaveLength(4);
    expect(await loadLeadsDemo(env().ctx)).toBe('leads: the database already has leads, left as they are');
  });
});
