/**
 * Tickets on contact and company timelines (activities' extension point): a ticket opened (`ticket_created`, at its
 * creation), solved (`ticket_solved`, at `solved_at`) and rated (`ticket_satisfaction`, when the requester answered
 * the survey) — on the requester's timeline and on the ticket's company's, for readers who may see the ticket
 * (tickets read, the ticket within their scope). Item ids are `<ticket id>:<event>`, unique across sources.
 */
import { sql, type Kysely } from 'kysely';
import type { TimelineItem } from '../../../../contracts/activities.js';
import { can } from '../../platform/auth/principal.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/records/index.js';
import { registerTimelineSource, type TimelineEntity } from '../activities/index.js';

type Event = 'created' | 'solved' | 'satisfaction';
interface Row {
  id: string; number: string; subject: string; status: string; priority: string; channel: string; agent: string | null; agent_name: string | null;
  created_by: string | null; satisfaction: number | null; satisfaction_comment: string | null; at: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;
const atOf: Record<Event, string> = { created: 't.created_at', solved: 't.solved_at', satisfaction: 's.answered_at' };

/** One event's items, newest first, at or before the cursor's time (ties are cut in JS by id). */
async function eventRows(ex: Executor, p: Principal, entity: TimelineEntity, id: string, event: Event, before: { occurredAt: string } | null, limit: number): Promise<Row[]> {
  const at = atOf[event];
  let q = loose(ex).selectFrom('tickets as t').leftJoin('users as u', 'u.id', 't.agent')
    .select(['t.id', 't.number', 't.subject', 't.status', 't.priority', 't.channel', 't.agent', 'u.name as agent_name', 't.created_by', 't.satisfaction', 't.satisfaction_comment'])
    .select(sql.raw<string>(at).as('at'))
    .where(entity === 'contact' ? 't.requester' : 't.company', '=', id).where('t.deleted_at', 'is', null).where(scopeWhere(p, 'tickets', 't'));
  if (event === 'solved') q = q.where('t.solved_at', 'is not', null);
  if (event === 'satisfaction') q = q.innerJoin('ticket_surveys as s', 's.ticket_id', 't.id').where('s.answered_at', 'is not', null);
  if (before) q = q.where(sql.raw(at), '<=', before.occurredAt);
  return await q.orderBy(sql.raw(at), 'desc').orderBy('t.id', 'desc').limit(limit + 1).execute() as Row[];
}

const titles: Record<Event, string> = { created: 'Ticket opened', solved: 'Ticket solved', satisfaction: 'Satisfaction rated' };

registerTimelineSource('tickets', {
  types: ['ticket_created', 'ticket_solved', 'ticket_satisfaction'],
  async fetch(ex, p, q) {
    if (!can(p, 'tickets', 'read')) return [];
    const wanted = (['created', 'solved', 'satisfaction'] as const).filter((e) => !q.types || q.types.includes(`ticket_${e}`));
    const items: TimelineItem[] = [];
    for (const event of wanted) {
      for (const r of await eventRows(ex, p, q.entity, q.id, event, q.before, q.limit)) {
        const itemId = `${r.id}:${event}`;
        if (q.before && !(r.at < q.before.occurredAt || (r.at === q.before.occurredAt && itemId < q.before.id))) continue;
        items.push({
          id: itemId, type: `ticket_${event}`, source: 'tickets', occurredAt: r.at,
          title: `${titles[event]}: ${r.number} ${r.subject}`,
          actor: r.agent && event !== 'created' ? { id: r.agent, name: r.agent_name ?? '' } : null,
          activity: null, changes: null, link: `/tickets/${r.id}`,
          data: {
            ticketId: r.id, number: r.number, subject: r.subject, status: r.status, priority: r.priority, channel: r.channel,
            ...(event === 'satisfaction' ? { score: r.satisfaction, comment: r.satisfaction_comment } : {}),
          },
        });
      }
    }
    return items.sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1)).slice(0, q.limit);
  },
});
