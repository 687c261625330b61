import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createRole, createTeam, createUser, signIn } from '../../platform/testing/factories.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { Executor } from '../../platform/db/db.js';

/**
 * Forecast figures against a hand-computed fixture (2026-Q4, VND). Deals are written straight into the deals table
 * with their stored status, probability and category, so the figures test the forecast alone.
 */
async function deal(db: Executor, o: { owner: string; team: string | null; amount: number; currency?: string; status: string; prob: number; close: string; cat?: string | null; deleted?: boolean }) {
  const now = nowIso();
  const id = newId();
  await sql`insert into deals (id, version, owner_id, team_id, created_at, updated_at, deleted_at, search_text, name, amount, amount_currency, status, probability, close_date, forecast_category, closed_at)
    values (${id}, 1, ${o.owner}, ${o.team}, ${now}, ${now}, ${o.deleted ? now : null}, '', ${`Deal ${o.amount}`}, ${o.amount}, ${o.currency ?? 'VND'}, ${o.status}, ${o.prob}, ${o.close}, ${o.cat ?? null},
      ${o.status === 'open' ? null : `${o.close}T09:00:00.000Z`})`.execute(db);
  return id;
}

describeEachDialect('forecast and quotas', (env) => {
  it('figures per owner and team equal the hand-computed fixture; scopes, quotas and drill-down hold', async () => {
    const db = env().database.db;
    const t1 = await createTeam(db, { name: 'Hà Nội' });
    const t2 = await createTeam(db, { name: 'Sài Gòn' });
    const reader = await createRole(db, { permissions: { deals: { actions: ['read'], scope: 'own' } } });
    const a = await createUser(db, { name: 'An', teamId: t1.id, roleId: reader.id });
    const b = await createUser(db, { name: 'Bình', teamId: t1.id, roleId: reader.id });
    const c = await createUser(db, { name: 'Chi', teamId: t2.id, roleId: reader.id });
    const admin = await signIn(db, await createUser(db, { admin: true }));
    const M = 1_000_000;
    await deal(db, { owner: a.id, team: t1.id, amount: 100 * M, status: 'won', prob: 100, close: '2026-11-05' });
    const commit = await deal(db, { owner: a.id, team: t1.id, amount: 50 * M, status: 'open', prob: 75, close: '2026-12-10', cat: 'commit' });
    await deal(db, { owner: a.id, team: t1.id, amount: 20 * M, status: 'open', prob: 50, close: '2026-10-20', cat: 'best_case' });
    await deal(db, { owner: a.id, team: t1.id, amount: 10 * M, status: 'open', prob: 10, close: '2026-12-31' });
    await deal(db, { owner: a.id, team: t1.id, amount: 99 * M, status: 'open', prob: 50, close: '2026-11-01', cat: 'omitted' });
    await deal(db, { owner: a.id, team: t1.id, amount: 40 * M, status: 'lost', prob: 0, close: '2026-11-11' });
    await deal(db, { owner: a.id, team: t1.id, amount: 70 * M, status: 'won', prob: 100, close: '2027-01-02' });
    await deal(db, { owner: b.id, team: t1.id, amount: 30 * M, status: 'won', prob: 100, close: '2026-10-01' });
    await deal(db, { owner: b.id, team: t1.id, amount: 5 * M, currency: 'USD', status: 'open', prob: 75, close: '2026-10-15', cat: 'commit' });
    await deal(db, { owner: c.id, team: t2.id, amount: 8 * M, status: 'open', prob: 25, close: '2026-11-30' });
    await deal(db, { owner: c.id, team: t2.id, amount: 1000, status: 'won', prob: 100, close: '2026-11-30', deleted: true });
    const put = (headers: Record<string, string>, body: object) => env().app.inject({ method: 'PUT', url: '/api/v1/quotas', headers, payload: body });
    expect((await put(admin, { userId: a.id, period: '2026-Q4', amount: 200 * M })).statusCode).toBe(200);
    for (const [m, amount] of [['2026-10', 10], ['2026-11', 10], ['2026-12', 20]] as const) expect((await put(admin, { userId: b.id, period: m, amount: amount * M })).statusCode).toBe(200);
    // Setting it again replaces it (one quota per user and period).
    expect((await put(admin, { userId: a.id, period: '2026-Q4', amount: 200 * M })).json()).toMatchObject({ amount: 200 * M, userName: 'An' });

    const get = async (headers: Record<string, string>, query: string) => {
      const res = await env().app.inject({ method: 'GET', url: `/api/v1/forecast?${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const byOwner = await get(admin, 'period=2026-Q4&by=owner');
    expect(byOwner.period).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    const rowOf = (key: string) => byOwner.rows.find((r: { key: string }) => r.key === key);
    expect(rowOf(a.id)).toEqual({ key: a.id, label: 'An', won: 100 * M, commit: 50 * M, bestCase: 20 * M, pipeline: 10 * M, weighted: 48.5 * M, deals: 4, quota: 200 * M, attainment: 0.5 });
    expect(rowOf(b.id)).toEqual({ key: b.id, label: 'Bình', won: 30 * M, commit: 0, bestCase: 0, pipeline: 0, weighted: 0, deals: 1, quota: 40 * M, attainment: 0.75 });
    expect(rowOf(c.id)).toEqual({ key: c.id, label: 'Chi', won: 0, commit: 0, bestCase: 0, pipeline: 8 * M, weighted: 2 * M, deals: 1, quota: null, attainment: null });
    expect(byOwner.totals).toEqual({ won: 130 * M, commit: 50 * M, bestCase: 20 * M, pipeline: 18 * M, weighted: 50.5 * M, deals: 6, quota: 240 * M, attainment: 0.5417 });
    expect(byOwner.otherCurrencies).toEqual([{ currency: 'USD', deals: 1 }]);

    const byTeam = await get(admin, 'period=2026-Q4&by=team');
    expect(byTeam.rows.map((r: { label: string; won: number; quota: number | null }) => [r.label, r.won, r.quota])).toEqual([['Hà Nội', 130 * M, 240 * M], ['Sài Gòn', 0, null]]);
    // A month: only November's deals and November's quotas.
    const nov = await get(admin, 'period=2026-11&by=owner');
    expect(nov.totals).toMatchObject({ won: 100 * M, pipeline: 8 * M, quota: 10 * M });
    // The USD figures are their own.
    expect((await get(admin, 'period=2026-Q4&currency=USD')).totals).toMatchObject({ commit: 5 * M, deals: 1 });

    // A reader with the "own" scope sees their own deals and quota only.
    const bHeaders = await signIn(db, b);
    const mine = await get(bHeaders, 'period=2026-Q4');
    expect(mine.rows.map((r: { key: string }) => r.key)).toEqual([b.id]);
    expect(mine.totals).toMatchObject({ won: 30 * M, quota: 40 * M });
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/quotas?period=2026-Q4', headers: bHeaders })).json().data.every((q: { userId: string }) => q.userId === b.id)).toBe(true);

    // Drill-down: the deals behind An's commit.
    const drill = await env().app.inject({ method: 'GET', url: `/api/v1/forecast/deals?period=2026-Q4&key=${a.id}&category=commit`, headers: admin });
    expect(drill.json().data.map((d: { id: string }) => d.id)).toEqual([commit]);

    // Quotas: a team manager may set them within the team only; without manage 403; bad input names the field.
    const manager = await createRole(db, { permissions: { deals: { actions: ['read', 'manage'], scope: 'team' } } });
    const mHeaders = await signIn(db, await createUser(db, { teamId: t1.id, roleId: manager.id }));
    expect((await put(mHeaders, { userId: a.id, period: '2027-Q1', amount: 5 * M })).statusCode).toBe(200);
    const outside = await put(mHeaders, { userId: c.id, period: '2027-Q1', amount: 5 * M });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0]).toEqual({ path: 'userId', message: 'this user lies outside your scope' });
    expect((await put(bHeaders, { userId: b.id, period: '2027-Q1', amount: 5 * M })).statusCode).toBe(403);
    expect((await put(admin, { userId: a.id, period: '2027-Q5', amount: 1 })).json().error.fields[0].path).toBe('period');
    expect((await put(admin, { userId: a.id, period: '2027-Q1', amount: -1 })).json().error.fields[0].path).toBe('amount');
    const badCurrency = await env().app.inject({ method: 'GET', url: '/api/v1/forecast?period=2026-Q4&currency=vnd', headers: admin });
    expect(badCurrency.json().error.fields[0].path).toBe('currency');
  });

  it('refuses a caller without deals read and a malformed period', async () => {
    const db = env().database.db;
    const none = await signIn(db, await createUser(db, { roleId: (await createRole(db, {})).id }));
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/forecast', headers: none })).statusCode).toBe(403);
    const admin = await signIn(db, await createUser(db, { admin: true }));
    const bad = await env().app.inject({ method: 'GET', url: '/api/v1/forecast?period=2026-13', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('period');
    // The default period is the current quarter.
    const cur = (await env().app.inject({ method: 'GET', url: '/api/v1/forecast', headers: admin })).json();
    expect(cur.period.key).toMatch(/^\d{4}-Q[1-4]$/);
  });
});
