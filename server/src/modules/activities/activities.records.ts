/**
 * Operations other modules run on a record's activities in their own transaction: export, erase, purge,
 * and task reminders (a job). Files are removed by the caller after its transaction commits.
 */
import type { Activity } from '../../../../contracts/activities.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';
import { presentActivity } from './activities.presenter.js';
import { activitiesRepository as repo, type AttachmentRow } from './activities.repository.js';
import { activityLink } from './activities.service.js';

/** Every activity of a contact (deleted ones too: they are still data about the person) with attachments. */
export async function activitiesOfContact(ex: Executor, contactId: string): Promise<{ activities: Activity[]; attachments: AttachmentRow[] }> {
  const ids = await repo.idsOf(ex, 'contact_id', contactId);
  const rows = ids.length
    ? await ex.selectFrom('activities as a').leftJoin('users as u', 'u.id', 'a.owner_id').selectAll('a').select('u.name as owner_name')
      .where('a.contact_id', '=', contactId).orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').execute()
    : [];
  const attachments = await repo.attachmentsOf(ex, ids);
  return { activities: rows.map((r) => presentActivity(r, attachments)), attachments };
}

/**
 * Erases personal content from a contact's activities: subject, body, location, email addresses, outcome,
 * mentions; deletes their attachment rows. Keeps type, times, owner (the fact that a call happened).
 * Returns the attachment file paths to delete after commit.
 */
export async function eraseActivitiesOfContact(trx: Executor, contactId: string): Promise<string[]> {
  const ids = await repo.idsOf(trx, 'contact_id', contactId);
  if (!ids.length) return [];
  const atts = await repo.attachmentsOf(trx, ids);
  await trx.deleteFrom('attachments').where('activity_id', 'in', ids).execute();
  await trx
    .updateTable('activities')
    .set({ subject: null, body: null, location: null, email_from: null, email_to: null, outcome: null, mentions: '[]', updated_at: nowIso() })
    .where('contact_id', '=', contactId)
    .execute();
  return atts.map((a) => a.path);
}

/**
 * Hard-deletes the activities of a purged contact, or a purged company's activities that belong to no
 * contact (those of its contacts stay with them; the company link is cleared). Returns file paths.
 */
export async function purgeActivitiesOf(trx: Executor, ref: { contactId: string } | { companyId: string }): Promise<string[]> {
  const ids = 'contactId' in ref
    ? await repo.idsOf(trx, 'contact_id', ref.contactId)
    : (await trx.selectFrom('activities').select('id').where('company_id', '=', ref.companyId).where('contact_id', 'is', null).execute()).map((r) => r.id);
  const atts = await repo.attachmentsOf(trx, ids);
  if (ids.length) {
    await trx.deleteFrom('attachments').where('activity_id', 'in', ids).execute();
    await trx.deleteFrom('activities').where('id', 'in', ids).execute();
  }
  if ('companyId' in ref) await trx.updateTable('activities').set({ company_id: null }).where('company_id', '=', ref.companyId).execute();
  return atts.map((a) => a.path);
}

export const TASK_REMINDERS_JOB = 'activities.task-reminders';

/** Notifies owners of tasks whose reminder time has passed, once each. Returns how many were sent. */
export async function sendDueReminders(ctx: AppContext, now = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await repo.dueReminders(ctx.database.db, now.toISOString(), 100);
    for (const t of due) {
      await ctx.database.db.transaction().execute(async (trx) => {
        // The conditional update makes a reminder go out once even if two workers race.
        if (!(await repo.markReminded(trx, t.id, nowIso())) || !t.owner_id) return;
        const link = activityLink(t);
        await ctx.services.notifications.notify(trx, t.owner_id, {
          type: 'task.reminder',
          title: `Reminder: ${t.subject || 'task'}`,
          body: t.due_at ? `Due ${t.due_at}` : null,
          link,
        });
        sent++;
      });
    }
    if (due.length < 100) return sent;
  }
}
