import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { module as identity } from '../identity/index.js';
import { loadTicketsDemo } from './tickets.demo.js';
import { actor, client } from './tickets.test-helpers.js';

describeEachDialect('tickets demo', (env) => {
  it('kith demo adds a calendar with Tết, SLA policies, rules and 20 tickets in every status; once', async () => {
    await identity.demo!(env().ctx);
    await actor(env(), { admin: true });
    const out = await loadTicketsDemo(env().ctx);
    expect(out).toMatch(/^tickets: 20 tickets in every status/);
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const all = (await admin.get('/tickets?limit=200')).body.data as { ownerId: string | null; values: Record<string, unknown> }[];
    expect(all).toHaveLength(20);
    expect(new Set(all.map((t) => t.values.status))).toEqual(new Set(['new', 'open', 'waiting_on_customer', 'on_hold', 'solved', 'closed']));
    expect(all.every((t) => typeof t.values.resolution_due === 'string')).toBe(true);
    const web = all.filter((t) => t.values.channel === 'web_form');
    expect(web).toHaveLength(10);
    expect(web.every((t) => /^rule '(Billing|Web and email)' → team Support → .+ \((fewest open|round robin)\)$/.test(String(t.values.assignment)))).toBe(true);
    const cal = (await admin.get('/ticket-calendars')).body.data[0];
    expect(cal.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining(['2026-02-17', '2027-02-06', '2026-09-02']));
    expect((await admin.get('/ticket-sla-policies')).body.data).toHaveLength(2);
    expect(await loadTicketsDemo(env().ctx)).toBe('tickets: the database already has tickets, left as they are');
  });
});
