/**
 * The conversation on the requester's timeline (activities' extension point): each message of the contact's tickets
 * the reader may see (tickets read, the ticket within the reader's scope), newest first, type `ticket_message`,
 * linking to the ticket.
 */
import { sql, type Kysely } from 'kysely';
import type { TimelineItem } from '../../../../contracts/activities.js';
import { can } from '../../platform/auth/principal.js';
import { scopeWhere } from '../../platform/records/index.js';
import { registerTimelineSource } from '../activities/index.js';

interface Row { id: string; ticket_id: string; kind: string; direction: string; body_text: string; created_at: string; author_user_id: string | null; author_name: string | null; number: string; subject: string }

registerTimelineSource('ticket-messages', {
  types: ['ticket_message'],
  entities: ['contact'],
  async fetch(ex, p, q) {
    if (!can(p, 'tickets', 'read')) return [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let query = (ex as unknown as Kysely<any>).selectFrom('ticket_messages as m').innerJoin('tickets as t', 't.id', 'm.ticket_id').leftJoin('users as u', 'u.id', 'm.author_user_id')
      .select(['m.id', 'm.ticket_id', 'm.kind', 'm.direction', 'm.body_text', 'm.created_at', 'm.author_user_id', 'u.name as author_name', 't.number', 't.subject'])
      .where('t.requester', '=', q.id).where('t.deleted_at', 'is', null).where(scopeWhere(p, 'tickets', 't'));
    if (q.before) query = query.where(sql<boolean>`(m.created_at < ${q.before.occurredAt} or (m.created_at = ${q.before.occurredAt} and m.id < ${q.before.id}))`);
    const rows = (await query.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(q.limit).execute()) as Row[];
    return rows.map((r): TimelineItem => ({
      id: r.id, type: 'ticket_message', source: 'ticket-messages', occurredAt: r.created_at,
      title: `${r.number} ${r.subject}`, actor: r.author_user_id ? { id: r.author_user_id, name: r.author_name ?? '' } : null,
      activity: null, changes: null, link: `/tickets/${r.ticket_id}`,
      data: { ticketId: r.ticket_id, number: r.number, kind: r.kind, direction: r.direction, excerpt: r.body_text.slice(0, 300) },
    }));
  },
});
