/**
 * Task notifications as durable jobs: a reminder at `remind_at`, a "due now" notice at `due_at` (notification
 * centre + websocket through `notify`), each exactly once even when two workers sweep at the same time — a row is
 * acted on only after the conditional update `SET reminded_at = now WHERE id = ? AND reminded_at IS NULL` claimed
 * it in the same transaction — and a daily email digest per user (overdue + today) claimed the same way per local day.
 */
import type { Config } from '../../platform/config/config.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { notificationChannels, notify } from '../../platform/events/notifier.js';
import type { MailService } from '../../platform/mail/mailer.js';
import { workspaceSettings } from '../workspace/index.js';
import { nowIso } from '../../platform/ids.js';
import { untyped } from './tasks.hooks.js';
import { ensureSettings, userTimeZone } from './tasks.service.js';
import { addDays, localDate, startOfLocalDay, wallClock } from './tasks.time.js';

export const TASK_NOTIFY_JOB = 'tasks.notify';
export const TASK_DIGEST_JOB = 'tasks.digest';
/** Local hour from which a user's daily digest goes out. */
export const DIGEST_HOUR = 7;

const BATCH = 100;

interface Pending { id: string; title: string; assignee: string | null; due_at: string | null }

const text = {
  en: { reminder: 'Reminder', due: 'Due now', digest: 'Your tasks for', overdue: 'Overdue', today: 'Today', none: 'Nothing' },
  vi: { reminder: 'Nhắc việc', due: 'Đến hạn', digest: 'Công việc của bạn ngày', overdue: 'Quá hạn', today: 'Hôm nay', none: 'Không có' },
};
const lang = (locale: string | null | undefined) => (locale === 'vi' ? text.vi : text.en);

async function sweep(db: Database['db'], column: 'remind_at' | 'due_at', claim: 'reminded_at' | 'due_notified_at', at: string, send: (trx: Executor, t: Pending) => Promise<void>): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = (await untyped(db).selectFrom('tasks').select(['id', 'title', 'assignee', 'due_at'])
      .where(column, '<=', at).where(claim, 'is', null).where('status', '=', 'open').where('deleted_at', 'is', null)
      .orderBy(column).orderBy('id').limit(BATCH).execute()) as Pending[];
    let claimed = 0;
    for (const t of due) {
      await db.transaction().execute(async (trx) => {
        const r = await untyped(trx).updateTable('tasks').set({ [claim]: nowIso() }).where('id', '=', t.id).where(claim, 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return; // another worker has it
        claimed++;
        if (!t.assignee) return;
        await send(trx, t);
        sent++;
      });
    }
    if (due.length < BATCH || claimed === 0) return sent;
  }
}

/** One pass of reminders and due notices; returns how many notifications it sent. */
export async function sendTaskNotifications(db: Database['db'], now = new Date()): Promise<number> {
  const at = now.toISOString();
  // Per recipient: their language and a formatter of the due time in their zone (their own, else the workspace's).
  const users = new Map<string, { l: (typeof text)['en']; when: (iso: string | null) => string | null }>();
  const userOf = async (ex: Executor, id: string) => {
    let u = users.get(id);
    if (!u) {
      const locale = (await ex.selectFrom('users').select('locale').where('id', '=', id).executeTakeFirst())?.locale ?? 'en';
      const f = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: await userTimeZone(ex, id), dateStyle: 'medium', timeStyle: 'short' });
      u = { l: lang(locale), when: (iso) => (iso ? f.format(new Date(iso)) : null) };
      users.set(id, u);
    }
    return u;
  };
  const reminders = await sweep(db, 'remind_at', 'reminded_at', at, async (trx, t) => {
    const { l, when } = await userOf(trx, t.assignee!);
    await notify(trx, t.assignee!, { type: 'task.reminder', title: `${l.reminder}: ${t.title}`, body: when(t.due_at), link: `/tasks/${t.id}` });
  });
  const dues = await sweep(db, 'due_at', 'due_notified_at', at, async (trx, t) => {
    const { l, when } = await userOf(trx, t.assignee!);
    await notify(trx, t.assignee!, { type: 'task.due', title: `${l.due}: ${t.title}`, body: when(t.due_at), link: `/tasks/${t.id}` });
  });
  return reminders + dues;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Notification type of the digest: its kind is "task reminders and due tasks" (workspace preferences). */
export const DIGEST_TYPE = 'task.digest';

/**
 * Sends each user with open tasks overdue or due today (in their zone: their own, else the workspace's) one digest
 * per local day, from DIGEST_HOUR on, through the platform's mail sender — only to users who keep email on for task
 * reminders (Profile › Notifications). The day is claimed by one conditional update before sending (outside any
 * transaction: SQLite has one writer); a failed send gives the day back, so the job's retry sends it. Without
 * SMTP_URL it sends nothing.
 */
export async function sendDigests(deps: { db: Database['db']; mail: MailService; config: Pick<Config, 'baseUrl'> }, now = new Date()): Promise<number> {
  if (!deps.mail.configured()) return 0;
  const { db } = deps;
  const fromName = (await workspaceSettings(db)).companyName || 'Kith';
  const at = now.toISOString();
  const users = await untyped(db).selectFrom('tasks as t').innerJoin('users as u', 'u.id', 't.assignee')
    .select(['u.id', 'u.email', 'u.name', 'u.locale']).distinct()
    .where('t.status', '=', 'open').where('t.deleted_at', 'is', null).where('t.due_at', '<=', new Date(now.getTime() + 2 * 86_400_000).toISOString())
    .where('u.active', '=', 1).execute() as { id: string; email: string; name: string; locale: string }[];
  let sent = 0;
  let failure: unknown = null;
  for (const u of users) {
    if (!(await notificationChannels(db, u.id, DIGEST_TYPE)).email) continue;
    const zone = await userTimeZone(db, u.id);
    if (wallClock(zone, now).hour < DIGEST_HOUR) continue;
    const day = localDate(zone, now);
    const end = startOfLocalDay(zone, addDays(day, 1)).toISOString();
    await ensureSettings(db, u.id);
    const previous = (await db.selectFrom('task_user_settings').select('digest_sent_on').where('user_id', '=', u.id).executeTakeFirst())?.digest_sent_on ?? null;
    if (previous === day) continue;
    // Claim the day (one statement, so two workers cannot both win); the mail goes out after, outside any transaction.
    const r = await db.updateTable('task_user_settings').set({ digest_sent_on: day }).where('user_id', '=', u.id)
      .where((eb) => (previous === null ? eb('digest_sent_on', 'is', null) : eb('digest_sent_on', '=', previous))).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    const rows = (await untyped(db).selectFrom('tasks').select(['id', 'title', 'due_at']).where('assignee', '=', u.id)
      .where('status', '=', 'open').where('deleted_at', 'is', null).where('due_at', '<', end).orderBy('due_at').limit(200).execute()) as { id: string; title: string; due_at: string }[];
    if (!rows.length) continue;
    const l = lang(u.locale);
    const time = new Intl.DateTimeFormat(u.locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
    const groups = [[l.overdue, rows.filter((x) => x.due_at < at)], [l.today, rows.filter((x) => x.due_at >= at)]] as const;
    const base = deps.config.baseUrl.replace(/\/$/, '');
    const plain = groups.map(([title, list]) => `${title} (${list.length})\n${list.map((x) => `- ${time.format(new Date(x.due_at))} ${x.title} ${base}/tasks/${x.id}`).join('\n') || l.none}`).join('\n\n');
    const html = groups.map(([title, list]) => `<h3>${escapeHtml(title)} (${list.length})</h3><ul>${list.map((x) => `<li>${escapeHtml(time.format(new Date(x.due_at)))} <a href="${base}/tasks/${x.id}">${escapeHtml(x.title)}</a></li>`).join('') || `<li>${l.none}</li>`}</ul>`).join('');
    try {
      await deps.mail.send({ to: u.email, subject: `${l.digest} ${day}`, text: plain, html, fromName });
      sent++;
    } catch (err) {
      // Give the day back so the job's retry sends it.
      await db.updateTable('task_user_settings').set({ digest_sent_on: previous }).where('user_id', '=', u.id).where('digest_sent_on', '=', day).execute();
      failure ??= err;
    }
  }
  if (failure) throw failure;
  return sent;
}
