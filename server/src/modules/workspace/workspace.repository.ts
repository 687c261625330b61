/** SQL of the workspace module: settings rows (platform `settings` table) and notification preferences. */
import type { NotificationPreference } from '../../../../contracts/workspace.js';
import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';
import './workspace.tables.js';

export const SETTINGS_KEY = 'workspace.settings';
export const LOGO_KEY = 'workspace.logo';

export const workspaceRepository = {
  async readSetting(ex: Executor, key: string): Promise<{ value: string; updated_at: string } | undefined> {
    return ex.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', key).executeTakeFirst();
  },

  async writeSetting(ex: Executor, key: string, value: string): Promise<void> {
    const now = nowIso();
    await ex.insertInto('settings').values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  },

  async deleteSetting(ex: Executor, key: string): Promise<boolean> {
    const r = await ex.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  async preferences(ex: Executor, userId: string): Promise<NotificationPreference[]> {
    const rows = await ex.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).execute();
    return rows.map((r) => ({ event: r.event as NotificationPreference['event'], inApp: r.in_app === 1, email: r.email === 1, push: r.push === 1 }));
  },

  async preference(ex: Executor, userId: string, event: string) {
    return ex.selectFrom('notification_preferences').select(['in_app', 'email']).where('user_id', '=', userId).where('event', '=', event).executeTakeFirst();
  },

  async upsertPreference(ex: Executor, userId: string, p: NotificationPreference): Promise<void> {
    const row = { in_app: p.inApp ? 1 : 0, email: p.email ? 1 : 0, push: p.push ? 1 : 0, updated_at: nowIso() };
    await ex.insertInto('notification_preferences').values({ user_id: userId, event: p.event, ...row })
      .onConflict((oc) => oc.columns(['user_id', 'event']).doUpdateSet(row))
      .execute();
  },

  /** Claims a notification's email; false when it was claimed before (sent, or a send in progress). */
  async claimEmail(ex: Executor, notificationId: string, userId: string): Promise<boolean> {
    const r = await ex.insertInto('notification_emails')
      .values({ notification_id: notificationId, user_id: userId, status: 'sending', message_id: null, created_at: nowIso(), sent_at: null })
      .onConflict((oc) => oc.column('notification_id').doNothing())
      .returning('notification_id')
      .executeTakeFirst();
    return Boolean(r);
  },

  async markEmailSent(ex: Executor, notificationId: string, messageId: string | null): Promise<void> {
    await ex.updateTable('notification_emails').set({ status: 'sent', message_id: messageId, sent_at: nowIso() }).where('notification_id', '=', notificationId).execute();
  },

  /** Releases a claim after a failed send so the job's retry may send it. */
  async releaseEmail(ex: Executor, notificationId: string): Promise<void> {
    await ex.deleteFrom('notification_emails').where('notification_id', '=', notificationId).where('status', '=', 'sending').execute();
  },

  async recipient(ex: Executor, userId: string) {
    return ex.selectFrom('users').select(['email', 'name', 'locale', 'active']).where('id', '=', userId).executeTakeFirst();
  },
};
