/** Tasks on contact and company timelines: open and done tasks linked to the record, at their due (or creation) time. */
import { sql } from 'kysely';
import type { TimelineItem } from '../../../../contracts/activities.js';
import { registerTimelineSource } from '../activities/index.js';
import { untyped } from './tasks.hooks.js';
import { scopeWhere } from '../../platform/records/policy.js';

interface Row { id: string; title: string; type: string | null; status: string; due_at: string | null; completed_at: string | null; created_at: string; outcome: string | null; owner_id: string | null; assignee: string | null; name: string | null }

registerTimelineSource('tasks', {
  types: ['task_record'],
  async fetch(ex, p, q) {
    const column = q.entity === 'contact' ? 'contact' : 'company';
    // The item's time: when it was done, else when it is due, else when it was created.
    const at = 'coalesce(t.completed_at, t.due_at, t.created_at)';
    let query = untyped(ex).selectFrom('tasks as t').leftJoin('users as u', 'u.id', 't.assignee')
      .select(['t.id', 't.title', 't.type', 't.status', 't.due_at', 't.completed_at', 't.created_at', 't.outcome', 't.owner_id', 't.assignee', 'u.name as name'])
      .select(sql.raw<string>(at).as('at'))
      .where(`t.${column}`, '=', q.id).where('t.deleted_at', 'is', null).where('t.status', 'in', ['open', 'done']).where(scopeWhere(p, 'tasks', 't'));
    if (q.before) {
      const { occurredAt, id } = q.before;
      query = query.where(sql<boolean>`(${sql.raw(at)} < ${occurredAt} or (${sql.raw(at)} = ${occurredAt} and t.id < ${id}))`);
    }
    const rows = (await query.orderBy(sql.raw(at), 'desc').orderBy('t.id', 'desc').limit(q.limit).execute()) as (Row & { at: string })[];
    return rows.map((r): TimelineItem => ({
      id: r.id,
      type: 'task_record',
      source: 'tasks',
      occurredAt: r.at,
      title: r.title,
      actor: r.assignee ? { id: r.assignee, name: r.name ?? '' } : null,
      activity: null,
      changes: null,
      data: { status: r.status, taskType: r.type ?? 'todo', dueAt: r.due_at, completedAt: r.completed_at, outcome: r.outcome },
      link: `/tasks/${r.id}`,
    }));
  },
});
