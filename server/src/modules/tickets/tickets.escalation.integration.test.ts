import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Kysely } from 'kysely';
import fs from 'node:fs';
import { createContext, openAndMigrate } from '../../platform/bootstrap.js';
import type { Config } from '../../platform/config/config.js';
import { openDatabase, type Database } from '../../platform/db/db.js';
import { createTestEnv, describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { createRole, createTeam, createUser } from '../../platform/testing/factories.js';
import { startSmtpSink } from '../../platform/testing/smtp-sink.js';
import { modules } from '../index.js';
import { sweepSla } from './tickets.escalation.sweep.js';
import { actor, client } from './tickets.test-helpers.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MIN = 60_000;
const loose = (db: unknown) => db as Kysely<any>;

/** A team with an agent, a lead (role "Manager") and an administrator; SLA settings on an always-open calendar. */
async function desk(env: TestEnv, policy: Record<string, unknown> = {}) {
  const db = env.database.db;
  const admin = await actor(env, { admin: true, name: 'Admin' });
  const api = client(env, admin.headers);
  const team = await createTeam(db, { name: 'Hà Nội support' });
  const other = await createTeam(db, { name: 'Escalations' });
  const manager = (await db.selectFrom('roles').select('id').where('name', '=', 'Manager').executeTakeFirst()) ?? (await createRole(db, { name: 'Manager' }));
  const agent = await createUser(db, { name: 'Lan', teamId: team.id });
  const lead = await createUser(db, { name: 'Hà', teamId: team.id, roleId: manager.id });
  await db.updateTable('users').set({ locale: 'vi' }).where('id', '=', lead.id).execute();
  const senior = await createUser(db, { name: 'Minh', teamId: other.id });
  expect((await api.post('/ticket-calendars', { name: '24/7', timeZone: 'Asia/Ho_Chi_Minh', hours: allWeek, isDefault: true })).status).toBe(201);
  const p = await api.post('/ticket-sla-policies', { name: 'All', firstResponseMinutes: 60, resolutionMinutes: 240, nextResponseMinutes: 30, ...policy });
  expect(p.status).toBe(201);
  return { admin, api, team, other, agent, lead, senior, policy: p.body };
}

const notes = (db: unknown, link: string) =>
  loose(db).selectFrom('notifications').select(['user_id', 'type', 'title', 'body']).where('link', '=', link).orderBy('type').orderBy('user_id').execute() as Promise<{ user_id: string; type: string; title: string; body: string }[]>;

describeEachDialect('tickets: SLA escalation sweep', (env) => {
  it('warns the agent at 80 %, escalates at the breach to agent, lead and admins once, raises the priority and reassigns; a new target is escalated again', async () => {
    const d = await desk(env(), { raisePriority: true, reassignToTeam: null });
    const db = env().database.db;
    await d.api.put(`/ticket-sla-policies/${d.policy.id}`, { name: 'All', firstResponseMinutes: 60, resolutionMinutes: 240, nextResponseMinutes: 30, raisePriority: true });
    const other = await createTeam(db, { name: 'Second line' });
    const second = await createUser(db, { name: 'Tuấn', teamId: other.id });
    const bad = await d.api.put(`/ticket-sla-policies/${d.policy.id}`, { name: 'All', firstResponseMinutes: 60, resolutionMinutes: 240, reassignToTeam: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('reassignToTeam');
    expect((await d.api.put(`/ticket-sla-policies/${d.policy.id}`, { name: 'All', firstResponseMinutes: 60, resolutionMinutes: 240, warnAtPercent: 100 })).status).toBe(400);
    const saved = await d.api.put(`/ticket-sla-policies/${d.policy.id}`, { name: 'All', firstResponseMinutes: 60, resolutionMinutes: 240, nextResponseMinutes: 30, raisePriority: true, reassignToTeam: other.id });
    expect(saved.body).toMatchObject({ nextResponseMinutes: 30, warnAtPercent: 80, raisePriority: true, reassignToTeam: other.id });

    const t = (await d.api.post('/tickets', { values: { subject: 'Không in được hoá đơn', team: d.team.id, agent: d.agent.id } })).body;
    const created = Date.parse(t.createdAt);
    expect(t.values).toMatchObject({ sla_target: 'first_response', sla_due_at: t.values.first_response_due });
    // 80 % of 60 business minutes on an always-open calendar: 48 minutes after creation (to the minute the arithmetic counts).
    expect(Math.abs(Date.parse(t.values.sla_warn_at) - (created + 48 * MIN))).toBeLessThan(MIN);
    const link = `/tickets/${t.id}`;

    expect(await sweepSla(env().database, new Date(created + 40 * MIN))).toMatchObject({ warned: 0, breached: 0 });
    const warned = await Promise.all([sweepSla(env().database, new Date(created + 50 * MIN)), sweepSla(env().database, new Date(created + 50 * MIN))]);
    expect(warned[0].warned + warned[1].warned).toBe(1);
    expect(await notes(db, link)).toEqual([{ user_id: d.agent.id, type: 'ticket.sla_warning', title: `SLA warning: ${t.values.number} Không in được hoá đơn`, body: expect.stringMatching(/^First response due /) }]);

    const breach = await sweepSla(env().database, new Date(created + 61 * MIN));
    expect(breach).toMatchObject({ warned: 0, breached: 1 });
    expect(await sweepSla(env().database, new Date(created + 90 * MIN))).toMatchObject({ warned: 0, breached: 0 });
    const got = (await notes(db, link)).filter((n) => n.type === 'ticket.sla_breached');
    const people = got.map((n) => n.user_id);
    expect(people).toEqual(expect.arrayContaining([d.agent.id, d.lead.id, d.admin.id, second.id]));
    expect(new Set(people).size).toBe(people.length);
    expect(people).not.toContain(d.senior.id);
    expect(got.find((n) => n.user_id === d.lead.id)!.title).toBe(`Vi phạm SLA: ${t.values.number} Không in được hoá đơn`);
    expect(got.find((n) => n.user_id === d.agent.id)!.body).toContain('Priority raised to high.\nMoved to team Second line.');
    // Email too (SLA escalations are on by email until a user turns them off): the notification-email jobs send them.
    const sink = await startSmtpSink();
    try {
      env().config.smtpUrl = sink.url;
      for (let i = 0; i < 5 && sink.messages.length < 5; i++) await env().ctx.services.jobs.runOnce();
      const mails = await sink.waitFor(5);
      expect(mails.map((m) => m.subject).sort()).toEqual([
        `SLA breached: ${t.values.number} Không in được hoá đơn`, `SLA breached: ${t.values.number} Không in được hoá đơn`,
        `SLA breached: ${t.values.number} Không in được hoá đơn`, `SLA warning: ${t.values.number} Không in được hoá đơn`,
        `Vi phạm SLA: ${t.values.number} Không in được hoá đơn`,
      ]);
    } finally {
      env().config.smtpUrl = undefined;
      await sink.close();
    }
    const after = (await d.api.get(`/tickets/${t.id}`)).body;
    expect(after.values).toMatchObject({ priority: 'high', team: other.id, agent: second.id, assignment: 'SLA breach → team Second line → Tuấn (fewest open)' });
    expect(after.values.sla_breached_at).toBeTruthy();

    // The first response is made: the resolution target starts with fresh stamps; waiting on the customer stops the clock.
    const opened = (await d.api.patch(`/tickets/${t.id}`, { values: { status: 'open' } })).body;
    expect(opened.values).toMatchObject({ sla_target: 'resolution', sla_due_at: opened.values.resolution_due });
    expect(opened.values.sla_breached_at ?? null).toBeNull();
    const waiting = (await d.api.patch(`/tickets/${t.id}`, { values: { status: 'waiting_on_customer' } })).body;
    expect(waiting.values.sla_due_at ?? null).toBeNull();
    expect((await sweepSla(env().database, new Date(created + 1000 * MIN))).breached).toBe(0);
    // The customer answers: the next-response clock (30 min) runs; the agent answers by waiting on the customer again.
    const back = (await d.api.patch(`/tickets/${t.id}`, { values: { status: 'open' } })).body;
    expect(back.values.sla_target).toBe('next_response');
    const next = Date.parse(back.values.next_response_due);
    expect(next - Date.parse(back.updatedAt)).toBeGreaterThan(29 * MIN);
    expect(next - Date.parse(back.updatedAt)).toBeLessThanOrEqual(30 * MIN);
    expect(Date.parse(back.values.sla_warn_at)).toBeLessThan(next);
    expect((await sweepSla(env().database, new Date(next + MIN))).breached).toBe(1);
    const answered = (await d.api.patch(`/tickets/${t.id}`, { values: { status: 'waiting_on_customer' } })).body;
    expect(answered.values).toMatchObject({ sla_target: 'resolution', next_response_due: null });
    // Solved: no target, nothing more to sweep.
    const solved = (await d.api.patch(`/tickets/${t.id}`, { values: { status: 'solved' } })).body;
    expect(solved.values.sla_target ?? null).toBeNull();
    expect(await sweepSla(env().database, new Date(created + 100_000 * MIN))).toMatchObject({ warned: 0, breached: 0 });
  });
});

describe.skipIf(!inject('pgUrl'))('tickets: SLA escalation with two workers and a restart [postgres]', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => { for (const c of opened.reverse()) await c.close(); });

  /** A new app (context, modules started, job worker) on an existing database: a node after a restart. */
  async function boot(config: Config) {
    const database = await openAndMigrate(config, modules);
    const ctx = createContext(config, database, modules);
    for (const m of modules) await m.start?.(ctx);
    opened.push(database);
    return { database, ctx };
  }

  it('two workers sweeping at once send each breach once; a restarted node finds what became due while none ran', async () => {
    const env = await createTestEnv('postgres');
    const d = await desk(env);
    const db = env.database.db;
    const N = 40;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push((await d.api.post('/tickets', { values: { subject: `Ticket ${i}`, team: d.team.id, agent: d.agent.id } })).body.id);
    // Time passes: every target is overdue.
    const past = new Date(Date.now() - 5 * MIN).toISOString();
    await loose(db).updateTable('tickets').set({ sla_warn_at: past, sla_due_at: past }).where('id', 'in', ids).execute();

    const a: Database = openDatabase({ databaseUrl: env.config.databaseUrl, dataDir: env.config.dataDir });
    const b: Database = openDatabase({ databaseUrl: env.config.databaseUrl, dataDir: env.config.dataDir });
    opened.push(a, b);
    const runs = await Promise.all([sweepSla(a), sweepSla(b), sweepSla(a), sweepSla(b)]);
    expect(runs.reduce((n, r) => n + r.breached, 0)).toBe(N);
    expect(runs.reduce((n, r) => n + r.warned, 0)).toBe(N);
    expect(runs.reduce((n, r) => n + r.notified, 0)).toBe(N + 3 * N);
    const rows = await loose(db).selectFrom('notifications').select(['user_id', 'link', 'type', (eb) => eb.fn.countAll().as('n')])
      .where('type', 'in', ['ticket.sla_warning', 'ticket.sla_breached']).groupBy(['user_id', 'link', 'type']).execute() as { n: unknown; type: string }[];
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    // Warning: the agent; breach: agent, lead, admin — per ticket.
    expect(rows.filter((r) => r.type === 'ticket.sla_warning')).toHaveLength(N);
    expect(rows.filter((r) => r.type === 'ticket.sla_breached')).toHaveLength(3 * N);

    // More tickets become due while the node is down; a new node on the same database sweeps them from its schedule.
    const late: string[] = [];
    for (let i = 0; i < 5; i++) late.push((await d.api.post('/tickets', { values: { subject: `Late ${i}`, team: d.team.id, agent: d.agent.id } })).body.id);
    await loose(db).updateTable('tickets').set({ sla_warn_at: past, sla_due_at: past }).where('id', 'in', late).execute();
    await env.app.close();
    await env.database.close();
    const node = await boot(env.config);
    await node.database.db.updateTable('schedules').set({ next_run_at: past }).where('name', '=', 'tickets.sla-sweep').execute();
    expect(await node.ctx.services.jobs.runOnce()).toBeGreaterThanOrEqual(1);
    const job = await node.database.db.selectFrom('jobs').select(['status', 'result']).where('name', '=', 'tickets.sla-sweep').executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    const lateNotes = await loose(node.database.db).selectFrom('notifications').select('link').where('type', '=', 'ticket.sla_breached')
      .where('link', 'in', late.map((id) => `/tickets/${id}`)).execute();
    expect(lateNotes).toHaveLength(3 * late.length);
    // Nothing is sent twice by the restarted node.
    expect(await sweepSla(node.database)).toMatchObject({ warned: 0, breached: 0 });
    fs.rmSync(env.config.dataDir, { recursive: true, force: true });
  }, 60_000);
});
