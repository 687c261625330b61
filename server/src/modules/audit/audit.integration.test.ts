import { expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.js';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { runCli } from '../../cli.js';

/** Turns off the append-only triggers, as an attacker with database access would. */
async function disableAppendOnly(env: TestEnv) {
  const { db } = env.database;
  if (env.dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(db);
  else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}

async function cliVerify(env: TestEnv): Promise<{ code: number | void; out: unknown }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const code = await runCli(['audit', 'verify'], env.config);
    return { code, out: JSON.parse(String(log.mock.calls.at(-1)?.[0])) };
  } finally {
    log.mockRestore();
  }
}

describeEachDialect('audit API', (env) => {
  let admin: Record<string, string>;
  let actorId: string;

  it('lists entries newest first with filters and keyset pages; before/after parsed', async () => {
    const { db } = env().database;
    const adminUser = await createUser(db, { admin: true });
    admin = await signIn(db, adminUser);
    actorId = adminUser.id;
    const actor = { id: actorId, label: adminUser.email };
    await db.transaction().execute(async (trx) => {
      await appendAudit(trx, { actor, action: 'create', entity: 'widget', entityId: 'w1', after: { name: 'One', n: 1 }, ip: '10.0.0.1' });
      await appendAudit(trx, { actor, action: 'update', entity: 'widget', entityId: 'w1', before: { name: 'One' }, after: { name: 'Uno' } });
      await appendAudit(trx, { actor: null, action: 'login_failed', entity: 'user', entityId: null, after: { email: 'x@example.test' } });
      await appendAudit(trx, { actor, action: 'delete', entity: 'widget', entityId: 'w2', before: { name: 'Two' } });
    });
    const all = await env().app.inject({ method: 'GET', url: '/api/v1/audit?limit=200', headers: admin });
    expect(all.statusCode).toBe(200);
    const seqs = all.json().data.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.json().data[0]).toMatchObject({ action: 'delete', entity: 'widget', entityId: 'w2', actorId, actorLabel: adminUser.email, before: { name: 'Two' }, after: null });
    expect(Object.keys(all.json().data[0]).sort()).toEqual(['action', 'actorId', 'actorLabel', 'after', 'at', 'before', 'entity', 'entityGone', 'entityId', 'entityName', 'id', 'ip', 'seq']);

    const w1 = await env().app.inject({ method: 'GET', url: '/api/v1/audit?entity=widget&entityId=w1', headers: admin });
    expect(w1.json().data.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(w1.json().data[1]).toMatchObject({ after: { name: 'One', n: 1 }, ip: '10.0.0.1' });
    const byAction = await env().app.inject({ method: 'GET', url: '/api/v1/audit?action=login_failed', headers: admin });
    expect(byAction.json().data).toHaveLength(1);
    expect(byAction.json().data[0].actorId).toBeNull();
    const byActor = await env().app.inject({ method: 'GET', url: `/api/v1/audit?actorId=${actorId}&entity=widget`, headers: admin });
    expect(byActor.json().data).toHaveLength(3);

    const future = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/audit?entity=widget&from=${future}`, headers: admin })).json().data).toHaveLength(0);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/audit?entity=widget&from=${past}&to=${future}`, headers: admin })).json().data).toHaveLength(3);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/audit?entity=widget&to=${past}`, headers: admin })).json().data).toHaveLength(0);

    const page1 = await env().app.inject({ method: 'GET', url: '/api/v1/audit?entity=widget&limit=2', headers: admin });
    expect(page1.json().data).toHaveLength(2);
    const cursor = page1.json().nextCursor;
    expect(cursor).toBeTypeOf('string');
    const page2 = await env().app.inject({ method: 'GET', url: `/api/v1/audit?entity=widget&limit=2&cursor=${cursor}`, headers: admin });
    expect(page2.json().data.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(page2.json().nextCursor).toBeNull();
  });

  it('rejects bad filters with the field path, non-admins with 403, anonymous with 401', async () => {
    const bad = await env().app.inject({ method: 'GET', url: '/api/v1/audit?from=yesterday', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('from');
    const badCursor = await env().app.inject({ method: 'GET', url: '/api/v1/audit?cursor=bm9wZQ', headers: admin });
    expect(badCursor.statusCode).toBe(400);
    const user = await createUser(env().database.db);
    const headers = await signIn(env().database.db, user);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/audit', headers })).statusCode).toBe(403);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers })).statusCode).toBe(403);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });

  it('verify: ok on an intact chain (API and `kith audit verify`)', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(true);
    expect(res.json().checked).toBeGreaterThanOrEqual(4);
    const cli = await cliVerify(env());
    expect(cli.code).toBe(0);
    expect(cli.out).toMatchObject({ ok: true });
  });

  it('the append-only triggers refuse edits and deletes', async () => {
    const { db } = env().database;
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('verify detects a removed last entry', async () => {
    await disableAppendOnly(env());
    const { db } = env().database;
    const last = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin });
    expect(res.json()).toMatchObject({ ok: false, brokenAt: last.seq });
    expect(res.json().reason).toMatch(/head/);
    // Putting it back exactly as it was restores the chain, so the check is about content, not luck.
    await db.insertInto('audit_log').values(last).execute();
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin })).json().ok).toBe(true);
  });

  it('verify detects an edited entry and reports where (API and CLI exit 1)', async () => {
    const { db } = env().database;
    const target = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'widget').where('action', '=', 'update').executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ after: JSON.stringify({ name: 'Forged' }) }).where('seq', '=', target.seq).execute();
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin });
    expect(res.json()).toMatchObject({ ok: false, brokenAt: target.seq, reason: 'entry content changed' });
    const cli = await cliVerify(env());
    expect(cli.code).toBe(1);
    expect(cli.out).toMatchObject({ ok: false, brokenAt: target.seq });
  });
});
