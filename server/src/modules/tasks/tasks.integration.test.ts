import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { Permissions } from '../../platform/auth/principal.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink } from '../../platform/testing/smtp-sink.js';
import { NOTIFICATION_EMAIL_JOB } from '../workspace/index.js';
import { sendDigests, sendTaskNotifications } from './tasks.notify.js';
import { tasksService } from './tasks.service.js';
import { actor, client } from './tasks.test-helpers.js';

const own: Permissions = { tasks: { actions: ['read', 'create', 'update', 'delete'], scope: 'own' }, contacts: { actions: ['read', 'create', 'update'], scope: 'own' } };

describeEachDialect('tasks: my day, calendar, feed, timeline, notifications, digest', (env) => {
  it('groups my open tasks into overdue, today and upcoming in my time zone', async () => {
    const me = await actor(env(), { permissions: own });
    const other = await actor(env(), { admin: true });
    const c = client(env(), me.headers);
    const mk = async (title: string, due: string | null, extra: Record<string, unknown> = {}) =>
      (await c.post('/tasks', { values: { title, ...(due ? { due_at: due } : {}), ...extra } })).body.id as string;
    // Fixed clock: 2026-12-07 10:00 UTC = 17:00 in Ho Chi Minh City.
    const now = new Date('2026-12-07T10:00:00Z');
    const overdue = await mk('Quá hạn', '2026-12-07T09:00:00Z');
    const tonight = await mk('Tối nay', '2026-12-07T16:00:00Z'); // 23:00 local
    const tomorrow = await mk('Ngày mai', '2026-12-07T17:30:00Z'); // 00:30 local, next day
    const undated = await mk('Khi nào rảnh', null);
    await mk('Xong rồi', '2026-12-07T11:00:00Z', { status: 'done' });
    await client(env(), other.headers).post('/tasks', { values: { title: 'Not mine', due_at: '2026-12-07T11:00:00Z' } });
    const p = (await loadPrincipal(env().database.db, me.id, { kind: 'user' }))!;
    const mine = await tasksService.mine(env().database.db, p, now);
    expect(mine.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(mine.today).toBe('2026-12-06T17:00:00.000Z');
    expect(mine.overdue.map((t) => t.id)).toEqual([overdue]);
    expect(mine.todayTasks.map((t) => t.id)).toEqual([tonight]);
    expect(mine.upcoming.map((t) => t.id)).toEqual([tomorrow, undated]);
    // In New York the same instant is 05:00 on the 7th: 17:30 UTC is still today there.
    await env().database.db.insertInto('task_user_settings').values({ user_id: me.id, time_zone: 'America/New_York', feed_token_hash: null, feed_created_at: null, digest_sent_on: null }).execute();
    const ny = await tasksService.mine(env().database.db, p, now);
    expect(ny.todayTasks.map((t) => t.id)).toEqual([tonight, tomorrow]);
    // Over HTTP.
    const res = await c.get('/tasks/mine');
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('America/New_York');
    expect([...res.body.overdue, ...res.body.todayTasks, ...res.body.upcoming].map((t: { id: string }) => t.id)).toContain(undated);
  });

  it('lists the calendar range within my scope and names the bad parameter', async () => {
    const me = await actor(env(), { permissions: own });
    const admin = await actor(env(), { admin: true });
    const c = client(env(), me.headers);
    const a = (await c.post('/tasks', { values: { title: 'Họp, chốt giá', type: 'meeting', due_at: '2026-12-09T02:00:00Z' } })).body.id;
    await client(env(), admin.headers).post('/tasks', { values: { title: 'Admin only', due_at: '2026-12-09T03:00:00Z' } });
    const range = '/tasks/calendar?from=2026-12-07T00:00:00Z&to=2026-12-14T00:00:00Z';
    expect((await c.get(range)).body.data.map((t: { id: string }) => t.id)).toEqual([a]);
    expect((await client(env(), admin.headers).get(range)).body.data.map((t: { title: string }) => t.title)).toEqual(expect.arrayContaining(['Họp, chốt giá', 'Admin only']));
    const bad = await c.get('/tasks/calendar?from=yesterday&to=2026-12-14T00:00:00Z');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('from');
    const reversed = await c.get('/tasks/calendar?from=2026-12-14T00:00:00Z&to=2026-12-07T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields[0].path).toBe('to');
    expect((await c.get('/tasks/calendar?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z')).body.error.fields[0].path).toBe('to');
    // No read grant on tasks: 403.
    const none = await actor(env(), { permissions: {} });
    expect((await client(env(), none.headers).get(range)).status).toBe(403);
  });

  it('serves my open tasks as an iCalendar feed behind a revocable secret', async () => {
    const me = await actor(env(), { permissions: own });
    const c = client(env(), me.headers);
    const contact = (await c.post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' })).body;
    const long = 'Chuẩn bị báo giá máy lọc nước; hỏi về bảo hành, lắp đặt tại Quận 1 và thời gian giao hàng trước Tết Nguyên Đán';
    const id = (await c.post('/tasks', { values: { title: 'Gọi chị Lan, hỏi về bảo hành; 10:00', type: 'call', contact: contact.id, due_at: '2026-12-09T03:00:00Z', description: long } })).body.id;
    await c.post('/tasks', { values: { title: 'Done', due_at: '2026-12-09T04:00:00Z', status: 'done' } });
    expect((await c.get('/tasks/feed')).body).toEqual({ active: false, createdAt: null });
    const created = await c.post('/tasks/feed', {});
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    expect(path).toMatch(/^\/api\/v1\/public\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feed = await env().app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const ev = new ICAL.Event(events[0]);
    expect(ev.uid).toMatch(new RegExp(`^task-${id}@`));
    expect(ev.summary).toBe('Gọi chị Lan, hỏi về bảo hành; 10:00');
    expect(ev.description).toContain(long);
    expect(ev.description).toContain('Lan');
    const dtstart = events[0]!.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(ev.startDate.toString()).toBe('2026-12-09T10:00:00');
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
    // The UID stays the same on the next fetch.
    const again = new ICAL.Component(ICAL.parse((await env().app.inject({ method: 'GET', url: path })).body));
    expect(new ICAL.Event(again.getFirstSubcomponent('vevent')!).uid).toBe(ev.uid);

    // Rotating stops the old URL; revoking stops the new one.
    const rotated = new URL((await c.post('/tasks/feed', {})).body.url).pathname;
    expect((await env().app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await env().app.inject({ method: 'GET', url: rotated })).statusCode).toBe(200);
    expect((await c.del('/tasks/feed')).status).toBe(204);
    expect((await env().app.inject({ method: 'GET', url: rotated })).statusCode).toBe(404);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/public/calendar/not-a-token.ics' })).statusCode).toBe(404);
    // Only a hash is stored.
    const stored = await env().database.db.selectFrom('task_user_settings').selectAll().where('user_id', '=', me.id).executeTakeFirst();
    expect(stored?.feed_token_hash).toBeNull();
  });

  it('shows open and done tasks on the contact timeline, with their status, within scope', async () => {
    const me = await actor(env(), { permissions: own });
    const admin = await actor(env(), { admin: true });
    const c = client(env(), me.headers);
    const contact = (await c.post('/contacts', { givenName: 'Minh', familyName: 'Trần' })).body;
    const open = (await c.post('/tasks', { values: { title: 'Gửi báo giá', contact: contact.id, due_at: '2026-12-10T03:00:00Z' } })).body.id;
    const done = (await c.post('/tasks', { values: { title: 'Gọi lần đầu', type: 'call', contact: contact.id, due_at: '2026-12-01T03:00:00Z' } })).body.id;
    await c.patch(`/tasks/${done}`, { values: { status: 'done', outcome: 'Quan tâm' } });
    const items = (await c.get(`/contacts/${contact.id}/timeline?types=task_record`)).body.data;
    expect(items.map((i: { id: string }) => i.id).sort()).toEqual([open, done].sort());
    expect(items.find((i: { id: string }) => i.id === done).data).toMatchObject({ status: 'done', taskType: 'call', outcome: 'Quan tâm' });
    expect(items.find((i: { id: string }) => i.id === open)).toMatchObject({ title: 'Gửi báo giá', link: `/tasks/${open}`, data: { status: 'open' } });
    // An admin's task on the same contact is not shown to an own-scope reader.
    await client(env(), admin.headers).post('/tasks', { values: { title: 'Secret', contact: contact.id } });
    expect((await c.get(`/contacts/${contact.id}/timeline?types=task_record`)).body.data).toHaveLength(2);
    expect((await client(env(), admin.headers).get(`/contacts/${contact.id}/timeline?types=task_record`)).body.data).toHaveLength(3);
  });

  it('sends each reminder and due notice exactly once with two concurrent sweeps, and again after a reschedule', async () => {
    const me = await actor(env(), { permissions: own });
    const c = client(env(), me.headers);
    const soon = new Date(Date.now() + 3600_000).toISOString();
    const t = (await c.post('/tasks', { values: { title: 'Gọi anh Bình', due_at: new Date(Date.now() - 60_000).toISOString(), remind_at: new Date(Date.now() - 120_000).toISOString() } })).body;
    await c.post('/tasks', { values: { title: 'Later', due_at: soon, remind_at: soon } });
    const db = env().database.db;
    const sent = await Promise.all([sendTaskNotifications(db), sendTaskNotifications(db)]);
    expect(sent[0]! + sent[1]!).toBeGreaterThanOrEqual(2); // other tests' past-due tasks may go out too
    const notes = await db.selectFrom('notifications').select(['type', 'title', 'link']).where('user_id', '=', me.id).orderBy('type').execute();
    expect(notes).toEqual([
      { type: 'task.due', title: 'Due now: Gọi anh Bình', link: `/tasks/${t.id}` },
      { type: 'task.reminder', title: 'Reminder: Gọi anh Bình', link: `/tasks/${t.id}` },
    ]);
    expect(await sendTaskNotifications(db)).toBe(0);
    // A new reminder time is notified again.
    const fresh = (await c.get(`/tasks/${t.id}`)).body;
    const moved = await c.patch(`/tasks/${t.id}`, { values: { remind_at: new Date(Date.now() - 90_000).toISOString() } }, { 'if-match': `"${fresh.version}"` });
    expect(moved.status).toBe(200);
    expect(await sendTaskNotifications(db)).toBe(1);
    expect(await db.selectFrom('notifications').select('id').where('user_id', '=', me.id).execute()).toHaveLength(3);

    // Someone who keeps task reminders out of the app but by email: no centre copy, one email queued (in their zone).
    const mailed = await actor(env(), { permissions: own });
    const m = client(env(), mailed.headers);
    await m.put('/me/notification-preferences', { events: [{ event: 'task_reminders', inApp: false, email: true, push: false }] });
    await m.put('/tasks/settings', { timeZone: 'Europe/Paris' });
    await m.post('/tasks', { values: { title: 'Relancer M. Dupont', due_at: '2026-01-05T08:30:00Z' } });
    await sendTaskNotifications(db);
    expect(await db.selectFrom('notifications').select('id').where('user_id', '=', mailed.id).execute()).toHaveLength(0);
    const jobs = (await db.selectFrom('jobs').select('payload').where('name', '=', NOTIFICATION_EMAIL_JOB).execute())
      .map((j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as { userId: string; title: string; body: string });
    expect(jobs.filter((j) => j.userId === mailed.id)).toEqual([expect.objectContaining({ title: 'Due now: Relancer M. Dupont', body: expect.stringContaining('09:30') })]);
  });

  it('mails one daily digest through the workspace mail sender to users who keep task emails on, in their zone, once with two workers', async () => {
    const sink = await startSmtpSink();
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const workspace = (await admin.get('/settings/workspace')).body;
    const { version, updatedAt: _u, logo: _l, ...settings } = workspace;
    try {
      env().config.smtpUrl = sink.url;
      const deps = { db, mail: env().ctx.services.mail, config: env().config };
      const me = await actor(env(), { permissions: own });
      const quiet = await actor(env(), { permissions: own });
      await db.updateTable('users').set({ locale: 'vi' }).where('id', 'in', [me.id, quiet.id]).execute();
      const c = client(env(), me.headers);
      // Email for task reminders is opt-in: only `me` turns it on.
      expect((await c.put('/me/notification-preferences', { events: [{ event: 'task_reminders', inApp: true, email: true, push: false }] })).status).toBe(200);
      for (const who of [c, client(env(), quiet.headers)]) {
        await who.post('/tasks', { values: { title: 'Hôm qua chưa gọi', due_at: '2026-12-06T03:00:00Z' } });
        await who.post('/tasks', { values: { title: 'Gặp khách lúc 14 giờ', due_at: '2026-12-07T07:00:00Z' } });
        await who.post('/tasks', { values: { title: 'Tuần sau', due_at: '2026-12-08T07:00:00Z' } });
      }
      // 2026-12-07 02:00 UTC = 09:00 in Ho Chi Minh City but 03:00 in Paris: in a Paris workspace, before the digest hour.
      const now = new Date('2026-12-07T02:00:00Z');
      expect((await admin.put('/settings/workspace', { ...settings, companyName: 'Hoa Sen', timeZone: 'Europe/Paris' }, { 'if-match': `"${version}"` })).status).toBe(200);
      expect(await sendDigests(deps, now)).toBe(0);
      // My own zone wins over the workspace's.
      expect((await c.put('/tasks/settings', { timeZone: 'Asia/Ho_Chi_Minh' })).body).toEqual({ timeZone: 'Asia/Ho_Chi_Minh', ownTimeZone: 'Asia/Ho_Chi_Minh', workspaceTimeZone: 'Europe/Paris' });
      const n = await Promise.all([sendDigests(deps, now), sendDigests(deps, now)]);
      expect(n[0]! + n[1]!).toBe(1);
      const { email } = await db.selectFrom('users').select('email').where('id', '=', me.id).executeTakeFirstOrThrow();
      const [mail] = await sink.waitFor(1);
      expect(sink.messages).toHaveLength(1);
      expect((mail!.to as { text: string }).text).toBe(email);
      expect(mail!.subject).toBe('Công việc của bạn ngày 2026-12-07');
      expect((mail!.from as { text: string }).text).toContain('Hoa Sen');
      expect(mail!.text).toContain('Quá hạn (1)');
      expect(mail!.text).toContain('Hôm qua chưa gọi');
      expect(mail!.text).toContain('Gặp khách lúc 14 giờ');
      expect(mail!.text).toContain('14:00'); // 07:00 UTC in Ho Chi Minh City
      expect(mail!.text).not.toContain('Tuần sau');
      // The same local day again: nothing more.
      expect(await sendDigests(deps, new Date('2026-12-07T05:00:00Z'))).toBe(0);
      // A bad zone is a 400 naming it; null follows the workspace again.
      const bad = await c.put('/tasks/settings', { timeZone: 'Mars/Olympus' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('timeZone');
      expect((await c.put('/tasks/settings', { timeZone: null })).body.timeZone).toBe('Europe/Paris');
      expect((await c.get('/tasks/mine')).body.timeZone).toBe('Europe/Paris');
    } finally {
      const current = (await admin.get('/settings/workspace')).body.version;
      await admin.put('/settings/workspace', settings, { 'if-match': `"${current}"` });
      env().config.smtpUrl = undefined;
      await sink.close();
    }
  });
});
