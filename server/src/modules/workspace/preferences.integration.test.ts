import { afterAll, beforeAll, expect, it } from 'vitest';
import { notify } from '../../platform/events/notifier.js';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink, type SmtpSink } from '../../platform/testing/smtp-sink.js';
import { NOTIFICATION_EMAIL_JOB } from './index.js';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

describeEachDialect('notification preferences', (env) => {
  it('shows defaults, changes only the rows sent, and refuses unknown kinds naming the field', async () => {
    const { db } = env().database;
    const user = await createUser(db);
    const h = await signIn(db, user);
    const get = () => env().app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: h });
    const first = await get();
    expect(first.statusCode).toBe(200);
    expect(first.json().events).toHaveLength(7);
    expect(first.json().events[0]).toEqual({ event: 'mentions', inApp: true, email: false, push: false });
    expect(first.json().available).toEqual({ email: expect.any(Boolean), push: false });

    const put = await env().app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: h, payload: { events: [{ event: 'imports', inApp: false, email: true, push: true }] } });
    expect(put.statusCode).toBe(200);
    expect(put.json().events.find((e: { event: string }) => e.event === 'imports')).toEqual({ event: 'imports', inApp: false, email: true, push: true });
    expect(put.json().events.find((e: { event: string }) => e.event === 'mentions')).toEqual({ event: 'mentions', inApp: true, email: false, push: false });
    // Someone else's are untouched.
    const other = await signIn(db, await createUser(db));
    const theirs = await env().app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: other });
    expect(theirs.json().events.find((e: { event: string }) => e.event === 'imports').inApp).toBe(true);

    const bad = await env().app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: h, payload: { events: [{ event: 'weather', inApp: true, email: false, push: false }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toContain('events.0.event');
    const twice = await env().app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: h, payload: { events: [{ event: 'mentions', inApp: true, email: false, push: false }, { event: 'mentions', inApp: false, email: false, push: false }] } });
    expect(twice.statusCode).toBe(400);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences' })).statusCode).toBe(401);
    const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'notification_preferences').where('entity_id', '=', user.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('notify skips the centre when in-app is off and emails once when email is on; unknown types stay on', async () => {
    const { db } = env().database;
    env().config.smtpUrl = sink.url;
    await db.updateTable('settings').set({ value: '{}' }).where('key', '=', 'workspace.settings').execute();
    const user = await createUser(db, { email: `lan-${env().dialect}@example.test`, locale: 'vi' });
    const h = await signIn(db, user);
    await env().app.inject({
      method: 'PUT', url: '/api/v1/me/notification-preferences', headers: h,
      payload: { events: [{ event: 'mentions', inApp: false, email: true, push: false }, { event: 'task_reminders', inApp: true, email: false, push: false }] },
    });
    const before = sink.messages.length;

    const mention = await notify(db, user.id, { type: 'activity.mention', title: 'Minh mentioned you', body: 'Gọi lại cho chị Lan', link: '/contacts/abc' });
    const reminder = await notify(db, user.id, { type: 'task.reminder', title: 'Reminder: call' });
    const future = await notify(db, user.id, { type: 'invoice.paid', title: 'Invoice paid' });
    const centre = await db.selectFrom('notifications').select('id').where('user_id', '=', user.id).execute();
    expect(centre.map((n) => n.id).sort()).toEqual([reminder, future].sort());
    expect(centre.map((n) => n.id)).not.toContain(mention);

    // Exactly one email job, for the mention; running the queue sends it.
    const jobs = await db.selectFrom('jobs').select(['name', 'unique_key']).where('name', '=', NOTIFICATION_EMAIL_JOB).where('unique_key', '=', `notification-email:${mention}`).execute();
    expect(jobs).toHaveLength(1);
    for (let i = 0; i < 5 && (await env().ctx.services.jobs.runOnce()) > 0; i++);
    const mails = await sink.waitFor(before + 1);
    const mine = mails.slice(before).filter((m) => m.subject === 'Minh mentioned you');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toContain('Gọi lại cho chị Lan');
    expect(mine[0]!.text).toContain('/contacts/abc');
    expect(mine[0]!.text).toContain('/profile/notifications');
    expect((mine[0]!.to as { text: string }).text).toBe(user.email);
    const claimed = await db.selectFrom('notification_emails').selectAll().where('notification_id', '=', mention).executeTakeFirstOrThrow();
    expect(claimed.status).toBe('sent');

    // The same notification is never emailed twice, even if its job ran again.
    const { sendNotificationEmail } = await import('./preferences.service.js');
    expect(await sendNotificationEmail(env().ctx, { notificationId: mention, userId: user.id, title: 'Minh mentioned you', body: null, link: null })).toBe('skipped');
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages.filter((m) => m.subject === 'Minh mentioned you' && (m.to as { text: string }).text === user.email)).toHaveLength(1);
  });

  it('a refused send is retried: the claim is released', async () => {
    const { db } = env().database;
    const user = await createUser(db);
    env().config.smtpUrl = 'smtp://127.0.0.1:1';
    const { sendNotificationEmail } = await import('./preferences.service.js');
    const payload = { notificationId: `n-${Date.now()}`, userId: user.id, title: 'Retry me', body: null, link: null };
    await expect(sendNotificationEmail(env().ctx, payload)).rejects.toThrow();
    expect(await db.selectFrom('notification_emails').select('status').where('notification_id', '=', payload.notificationId).executeTakeFirst()).toBeUndefined();
    env().config.smtpUrl = sink.url;
    expect(await sendNotificationEmail(env().ctx, payload)).toBe('sent');
  });
});
