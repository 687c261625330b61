/**
 * A company's timeline rolls up its people's activities: the calls, meetings, emails, notes and tasks logged on its
 * contacts appear on the company page, each labelled with the contact. Only contacts the reader may see take part
 * (their activities and their names), so the roll-up reveals nothing the contacts list would not.
 */
import { activityTypes, type TimelineItem } from '../../../../contracts/activities.js';
import { scopeOf, type Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { canSeeRecord } from './activities.policy.js';
import { presentActivity } from './activities.presenter.js';
import { activitiesRepository as repo, type ActivityRow, type OwnerScope } from './activities.repository.js';
import { registerTimelineSource } from './activities.timeline.js';

/** The reader's contacts scope as an owner restriction: undefined = may not read contacts, null = every contact. */
function contactScope(p: Principal): OwnerScope | null | undefined {
  const scope = scopeOf(p, 'contacts');
  if (scope === null) return undefined;
  if (scope === 'all') return null;
  return { userId: p.userId, teamIds: scope === 'team' ? p.teamIds : [] };
}

/** `{ id, name }` of each row's contact the reader may see, by activity id (labels on a company's timeline). */
export async function contactLabels(ex: Executor, p: Principal, rows: readonly Pick<ActivityRow, 'id' | 'contact_id'>[]) {
  const contacts = await repo.contactsByIds(ex, rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])));
  const visible = new Map(contacts.filter((c) => canSeeRecord(p, 'contact', c)).map((c) => [c.id, { id: c.id, name: c.display_name }]));
  return new Map(rows.flatMap((r) => (r.contact_id && visible.has(r.contact_id) ? [[r.id, visible.get(r.contact_id)!] as const] : [])));
}

/** Same shape as the `activities` source's items, with the contact label. */
export function activityItem(r: ActivityRow, atts: Parameters<typeof presentActivity>[1], title: string, contact: { id: string; name: string } | null): TimelineItem {
  return {
    id: r.id,
    type: r.type,
    source: 'activities',
    occurredAt: r.occurred_at,
    title,
    actor: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    activity: presentActivity(r, atts),
    contact,
    changes: null,
    data: null,
    link: null,
  };
}

const TITLES: Record<string, string> = { note: 'Note', call: 'Call', meeting: 'Meeting', email: 'Email', task: 'Task' };

registerTimelineSource('company-contacts', {
  types: [...activityTypes],
  entities: ['company'],
  async fetch(ex, p, q) {
    const scope = contactScope(p);
    if (scope === undefined) return [];
    const rows = await repo.companyContactsForTimeline(ex, { companyId: q.id, contactScope: scope, types: q.types, before: q.before, limit: q.limit });
    const atts = await repo.attachmentsOf(ex, rows.map((r) => r.id));
    return rows.map((r) => activityItem(r, atts, r.subject || TITLES[r.type] || r.type, r.contact_id ? { id: r.contact_id, name: r.contact_name } : null));
  },
});
