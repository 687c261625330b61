/**
 * Task rules, run by the records engine's write pipeline inside the write's transaction (every path: API, bulk,
 * import): the assignee defaults to the owner; a reminder is not after the due time; done sets `completed_at` and
 * reopening clears it; a call or meeting completed with an outcome is logged as an activity on its contact or
 * company; a deal's and a lead's `next_step_at` is the earliest due time of their open tasks.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { notify } from '../../platform/events/notifier.js';
import { AppError } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import type { ObjectHooks, WriteContext } from '../../platform/records/index.js';
import { activitiesService } from '../activities/index.js';

/** Engine tables are not in the typed schema (their columns follow definitions): queried untyped here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const untyped = (ex: Executor) => ex as unknown as Kysely<any>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** The value after this write: the written one, else the stored one. */
const current = (ctx: WriteContext, key: string): unknown => (key in ctx.values ? ctx.values[key] : ctx.before?.[key] ?? null);

/** Activity outcomes are short labels; the task's whole outcome goes into the body. */
const OUTCOME_MAX = 60;

/**
 * Sets `next_step_at` of a deal or lead to the earliest due time of its live open tasks (null when none): a derived
 * column written directly, without a version bump, in the task write's transaction.
 */
export async function refreshNextStep(ex: Executor, target: 'deals' | 'leads', id: string): Promise<void> {
  const column = target === 'deals' ? 'deal' : 'lead';
  const row = await untyped(ex)
    .selectFrom('tasks')
    .select((eb) => eb.fn.min<string | null>('due_at').as('next'))
    .where(column, '=', id)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .where('due_at', 'is not', null)
    .executeTakeFirst();
  await untyped(ex).updateTable(target).set({ next_step_at: row?.next ?? null }).where('id', '=', id).execute();
}

export const taskHooks: ObjectHooks = {
  async beforeWrite(ctx) {
    if (ctx.kind === 'created' && !str(ctx.values.assignee)) ctx.values.assignee = ctx.ownerId;
    const due = str(current(ctx, 'due_at'));
    const remind = str(current(ctx, 'remind_at'));
    if (due && remind && remind > due && ('due_at' in ctx.values || 'remind_at' in ctx.values)) {
      const path = 'remind_at' in ctx.values ? 'values.remind_at' : 'values.due_at';
      throw new AppError('validation_failed', `${path}: the reminder must not be after the due time`, [{ path, message: 'the reminder must not be after the due time' }]);
    }
    if ('status' in ctx.values) {
      const was = ctx.before?.status ?? null;
      const now = ctx.values.status;
      if (now === 'done' && was !== 'done') ctx.values.completed_at = nowIso();
      else if (now !== 'done' && was === 'done') ctx.values.completed_at = null;
    }
  },

  async afterWrite(ctx) {
    const { trx, after, changes } = ctx;
    // A new due or reminder time is notified again.
    const reset: Record<string, null> = {};
    if (ctx.kind === 'updated' && changes.remind_at) reset.reminded_at = null;
    if (ctx.kind === 'updated' && (changes.due_at || (changes.status && after.status === 'open'))) reset.due_notified_at = null;
    if (Object.keys(reset).length) await untyped(trx).updateTable('tasks').set(reset).where('id', '=', ctx.id).execute();

    if (changes.status?.new === 'done' && (after.type === 'call' || after.type === 'meeting') && str(after.outcome)) {
      const contactId = str(after.contact);
      const companyId = str(after.company);
      if (contactId || companyId) {
        const outcome = String(after.outcome);
        const services = { notifications: { notify } } as unknown as AppContext['services'];
        await activitiesService.createIn({ services }, trx, ctx.principal, {
          type: after.type as 'call' | 'meeting',
          subject: str(after.title),
          body: outcome.length > OUTCOME_MAX || str(after.description) ? [outcome, str(after.description)].filter(Boolean).map((t) => `<p>${escapeHtml(t!)}</p>`).join('') : null,
          outcome: outcome.length > OUTCOME_MAX ? `${outcome.slice(0, OUTCOME_MAX - 1)}…` : outcome,
          contactId, companyId,
          occurredAt: str(after.completed_at) ?? nowIso(),
        });
      }
    }

    const touches = (key: string) => ctx.kind !== 'updated' || changes[key] || changes.due_at || changes.status;
    for (const [key, target] of [['deal', 'deals'], ['lead', 'leads']] as const) {
      if (!touches(key)) continue;
      const ids = new Set([str(after[key]), str(ctx.before?.[key])].filter((x): x is string => !!x));
      for (const id of ids) await refreshNextStep(trx, target, id);
    }
  },
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
