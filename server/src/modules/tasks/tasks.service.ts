/**
 * Reads of the tasks module beside the engine's generic routes: "my tasks" grouped in the user's time zone, the
 * calendar range, the user's zone, and the per-user calendar feed token (only its SHA-256 hash is stored).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CalendarTasks, FeedCreated, FeedStatus, MyTasks, TaskItem, TaskSettings } from '../../../../contracts/tasks.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { invalid } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { recordsRepository, relationTargets } from '../../platform/records/index.js';
import { canSeeRow, scopeWhere } from '../../platform/records/policy.js';
import { workspaceSettings } from '../workspace/index.js';
import { untyped } from './tasks.hooks.js';
import { addDays, DEFAULT_TIME_ZONE, isTimeZone, localDate, startOfLocalDay } from './tasks.time.js';

export interface TaskRow {
  id: string; version: number; owner_id: string | null; team_id: string | null; title: string; type: string | null; status: string;
  priority: string | null; due_at: string | null; remind_at: string | null; completed_at: string | null; assignee: string | null;
  contact: string | null; company: string | null; deal: string | null; lead: string | null; outcome: string | null; description: string | null;
}

const COLUMNS = ['id', 'version', 'owner_id', 'team_id', 'title', 'type', 'status', 'priority', 'due_at', 'remind_at', 'completed_at', 'assignee', 'contact', 'company', 'deal', 'lead', 'outcome', 'description'];
const LIMIT = 500;

/** Live tasks the principal may read (the engine's scope of the `tasks` permission module). */
export function visibleTasks(ex: Executor, p: Principal) {
  return untyped(ex).selectFrom('tasks as t').select(COLUMNS.map((c) => `t.${c}`)).where('t.deleted_at', 'is', null).where(scopeWhere(p, 'tasks', 't'));
}

/** The workspace's time zone (Settings › Workspace; Asia/Ho_Chi_Minh until an admin changes it). */
export async function workspaceTimeZone(ex: Executor): Promise<string> {
  const zone = (await workspaceSettings(ex)).timeZone;
  return isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

/** The user's own time zone (task settings) when they chose one, else the workspace's. */
export async function userTimeZone(ex: Executor, userId: string): Promise<string> {
  const row = await ex.selectFrom('task_user_settings').select('time_zone').where('user_id', '=', userId).executeTakeFirst();
  return row?.time_zone && isTimeZone(row.time_zone) ? row.time_zone : workspaceTimeZone(ex);
}

/** Rows → wire items, with the titles of linked contacts/companies the reader may see. */
export async function present(ex: Executor, p: Principal | null, rows: TaskRow[]): Promise<TaskItem[]> {
  const titles = new Map<string, string>();
  for (const name of ['contacts', 'companies']) {
    const target = relationTargets().find((t) => t.name === name);
    const ids = rows.map((r) => (name === 'contacts' ? r.contact : r.company)).filter((x): x is string => !!x);
    if (!target || !ids.length) continue;
    for (const ref of await recordsRepository.refs(ex, target.table, target.titleColumn, ids)) {
      if (ref.deleted_at === null && (!p || canSeeRow(p, target.permissionModule, ref))) titles.set(ref.id, String(ref.title ?? ''));
    }
  }
  const link = (id: string | null) => (id && titles.has(id) ? { id, title: titles.get(id)! } : null);
  return rows.map((r) => ({
    id: r.id, version: Number(r.version), title: r.title, type: r.type ?? 'todo', status: r.status, priority: r.priority,
    dueAt: r.due_at, remindAt: r.remind_at, completedAt: r.completed_at, assignee: r.assignee,
    contact: link(r.contact), company: link(r.company), deal: r.deal, lead: r.lead, outcome: r.outcome,
  }));
}

export const tasksService = {
  /** My open tasks: overdue (due before now), today (due from now to the end of my local day), upcoming (later, then undated). */
  async mine(ex: Executor, p: Principal, now = new Date()): Promise<MyTasks> {
    const zone = await userTimeZone(ex, p.userId);
    const today = localDate(zone, now);
    const start = startOfLocalDay(zone, today).toISOString();
    const end = startOfLocalDay(zone, addDays(today, 1)).toISOString();
    const at = now.toISOString();
    const rows = (await visibleTasks(ex, p).where('t.assignee', '=', p.userId).where('t.status', '=', 'open')
      .orderBy('t.due_at').orderBy('t.id').limit(LIMIT).execute()) as TaskRow[];
    const items = await present(ex, p, rows);
    const dated = items.filter((t) => t.dueAt);
    return {
      timeZone: zone,
      today: start,
      overdue: dated.filter((t) => t.dueAt! < at),
      todayTasks: dated.filter((t) => t.dueAt! >= at && t.dueAt! < end),
      upcoming: [...dated.filter((t) => t.dueAt! >= end), ...items.filter((t) => !t.dueAt)],
    };
  },

  /** Tasks due in [from, to) the principal may read, any status; at most 62 days. */
  async calendar(ex: Executor, p: Principal, q: { from: string; to: string; assignee?: string | undefined }): Promise<CalendarTasks> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to <= from) throw invalid('to', 'must be after from');
    if (to.getTime() - from.getTime() > 62 * 86_400_000) throw invalid('to', 'the range is at most 62 days');
    let query = visibleTasks(ex, p).where('t.due_at', '>=', from.toISOString()).where('t.due_at', '<', to.toISOString()).where('t.status', '!=', 'cancelled');
    if (q.assignee) query = query.where('t.assignee', '=', q.assignee === 'me' ? p.userId : q.assignee);
    const rows = (await query.orderBy('t.due_at').orderBy('t.id').limit(2000).execute()) as TaskRow[];
    return { timeZone: await userTimeZone(ex, p.userId), data: await present(ex, p, rows) };
  },

  async settings(ex: Executor, p: Principal): Promise<TaskSettings> {
    const row = await ex.selectFrom('task_user_settings').select('time_zone').where('user_id', '=', p.userId).executeTakeFirst();
    const own = row?.time_zone && isTimeZone(row.time_zone) ? row.time_zone : null;
    const workspace = await workspaceTimeZone(ex);
    return { timeZone: own ?? workspace, ownTimeZone: own, workspaceTimeZone: workspace };
  },

  /** Sets my own zone (400 naming `timeZone` when it is not an IANA zone), or null to follow the workspace. */
  async setTimeZone(ex: Executor, p: Principal, zone: string | null): Promise<TaskSettings> {
    if (zone !== null && !isTimeZone(zone)) throw invalid('timeZone', 'not an IANA time zone such as Asia/Ho_Chi_Minh');
    await ensureSettings(ex, p.userId);
    await ex.updateTable('task_user_settings').set({ time_zone: zone }).where('user_id', '=', p.userId).execute();
    return tasksService.settings(ex, p);
  },

  async feedStatus(ex: Executor, p: Principal): Promise<FeedStatus> {
    const row = await ex.selectFrom('task_user_settings').select(['feed_token_hash', 'feed_created_at']).where('user_id', '=', p.userId).executeTakeFirst();
    return { active: !!row?.feed_token_hash, createdAt: row?.feed_token_hash ? row.feed_created_at : null };
  },

  /** Creates or rotates my feed's secret; returns its URL once. */
  async createFeed(trx: Executor, p: Principal, baseUrl: string): Promise<FeedCreated> {
    const token = randomBytes(24).toString('base64url');
    const createdAt = nowIso();
    await ensureSettings(trx, p.userId);
    await trx.updateTable('task_user_settings').set({ feed_token_hash: hashToken(token), feed_created_at: createdAt }).where('user_id', '=', p.userId).execute();
    return { url: `${baseUrl.replace(/\/$/, '')}/api/v1/public/calendar/${token}.ics`, createdAt };
  },

  async revokeFeed(ex: Executor, p: Principal): Promise<void> {
    await ex.updateTable('task_user_settings').set({ feed_token_hash: null, feed_created_at: null }).where('user_id', '=', p.userId).execute();
  },

  /** The user a feed token belongs to, or null (unknown or revoked). */
  async feedOwner(ex: Executor, token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const row = await ex.selectFrom('task_user_settings').select('user_id').where('feed_token_hash', '=', hashToken(token)).executeTakeFirst();
    return row?.user_id ?? null;
  },
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function ensureSettings(ex: Executor, userId: string): Promise<void> {
  await ex.insertInto('task_user_settings').values({ user_id: userId, time_zone: null, feed_token_hash: null, feed_created_at: null, digest_sent_on: null })
    .onConflict((oc) => oc.column('user_id').doNothing()).execute();
}
