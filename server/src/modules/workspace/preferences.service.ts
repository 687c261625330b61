/**
 * Per-user notification preferences and the routing `notify` follows: the centre copy only when the user
 * keeps it on for the kind, and an email (queued in the notifying transaction, sent by a job, at most once).
 */
import type { NotificationPreferences, NotificationPreferencesInput } from '../../../../contracts/workspace.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/db/db.js';
import type { NotificationInput, NotificationRouting } from '../../platform/events/notifier.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { defaultPreference, eventOfType, preferenceMatrix } from './workspace.logic.js';
import { workspaceRepository as repo } from './workspace.repository.js';
import { workspaceSettings } from './workspace.service.js';

export const NOTIFICATION_EMAIL_JOB = 'workspace.notification-email';

/** What the email job needs: the notification itself, since its centre copy may not exist. */
export interface NotificationEmailPayload {
  notificationId: string;
  userId: string;
  title: string;
  body: string | null;
  link: string | null;
}

export const preferencesService = {
  async get(ctx: AppContext, p: Principal): Promise<NotificationPreferences> {
    return {
      events: preferenceMatrix(await repo.preferences(ctx.database.db, p.userId)),
      available: { email: ctx.services.mail.configured(), push: false },
    };
  },

  /** Changes the given rows in one transaction (audited); returns the whole matrix. */
  async put(ctx: AppContext, p: Principal, input: NotificationPreferencesInput): Promise<NotificationPreferences> {
    const db: Database['db'] = ctx.database.db;
    await db.transaction().execute(async (trx) => {
      const before = preferenceMatrix(await repo.preferences(trx, p.userId));
      for (const row of input.events) await repo.upsertPreference(trx, p.userId, row);
      await appendAudit(trx, {
        actor: { id: p.userId, label: p.email }, action: 'update', entity: 'notification_preferences', entityId: p.userId,
        before: before.filter((b) => input.events.some((e) => e.event === b.event)), after: input.events,
      });
    });
    return preferencesService.get(ctx, p);
  },
};

/** The routing installed into `notify` at start-up (platform/events/notifier.ts). */
export const notificationRouting: NotificationRouting = {
  async channels(ex: Executor, userId: string, type: string) {
    const event = eventOfType(type);
    if (!event) return { inApp: true, email: false };
    const row = await repo.preference(ex, userId, event);
    if (!row) {
      const d = defaultPreference(event);
      return { inApp: d.inApp, email: d.email };
    }
    return { inApp: row.in_app === 1, email: row.email === 1 };
  },
  async queueEmail(ex: Executor, userId: string, notificationId: string, input: NotificationInput) {
    const payload: NotificationEmailPayload = { notificationId, userId, title: input.title, body: input.body ?? null, link: input.link ?? null };
    await enqueue(ex, NOTIFICATION_EMAIL_JOB, payload, { uniqueKey: `notification-email:${notificationId}`, maxAttempts: 5 });
  },
};

const strings = {
  en: { open: 'Open in Kith', prefs: 'You receive this email because of your notification preferences. Change them here:' },
  vi: { open: 'Mở trong Kith', prefs: 'Bạn nhận email này theo cài đặt thông báo của bạn. Thay đổi tại đây:' },
};

/**
 * Sends one notification's email. The claim row makes it at most once: a crash after the send leaves the
 * claim, so a retried job sends nothing; a refused send releases it and throws, so the job retries.
 */
export async function sendNotificationEmail(ctx: AppContext, payload: NotificationEmailPayload): Promise<'sent' | 'skipped'> {
  const db = ctx.database.db;
  const user = await repo.recipient(db, payload.userId);
  if (!user || user.active !== 1 || !ctx.services.mail.configured()) return 'skipped';
  if (!(await repo.claimEmail(db, payload.notificationId, payload.userId))) return 'skipped';
  const ws = await workspaceSettings(db);
  const s = user.locale === 'vi' ? strings.vi : strings.en;
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const lines = [payload.title, '', ...(payload.body ? [payload.body, ''] : []), ...(payload.link ? [`${s.open}: ${base}${payload.link}`, ''] : []), '--', s.prefs, `${base}/profile/notifications`];
  try {
    const messageId = await ctx.services.mail.send({ to: user.email, subject: payload.title, text: lines.join('\n'), fromName: ws.companyName || 'Kith' });
    await repo.markEmailSent(db, payload.notificationId, messageId);
    return 'sent';
  } catch (err) {
    await repo.releaseEmail(db, payload.notificationId);
    throw err;
  }
}
