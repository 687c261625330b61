/**
 * Leads on contact and company timelines: the record events of the leads converted into the contact (or its
 * company) — captured, changed, converted — so the customer's history starts before it was a contact.
 */
import type { TimelineItem } from '../../../../contracts/activities.js';
import { canAccessRecord, scopeOf } from '../../platform/auth/principal.js';
import { registerTimelineSource } from '../activities/index.js';
import { leadsRepository as repo } from './leads.repository.js';

/** Keys a reader learns nothing from. */
const QUIET = new Set(['score', 'assignment', 'converted_at', 'contact', 'company', 'deal', 'next_step_at']);

registerTimelineSource('leads', {
  types: ['lead'],
  async fetch(ex, p, q) {
    if (!scopeOf(p, 'leads')) return [];
    const leads = (await repo.linkedLeads(ex, q.entity === 'contact' ? 'contact' : 'company', q.id))
      .filter((l) => canAccessRecord(p, 'leads', { ownerId: l.owner_id, teamId: l.team_id }));
    if (!leads.length) return [];
    const names = new Map(leads.map((l) => [l.id, l.name ?? '']));
    const events = await repo.leadEvents(ex, [...names.keys()], q.before, q.limit);
    return events.map((e): TimelineItem => {
      const changes = JSON.parse(e.changes) as Record<string, { old: unknown; new: unknown }>;
      const converted = changes.status?.new === 'converted';
      const keys = Object.keys(changes).filter((k) => !QUIET.has(k));
      const name = names.get(e.record_id) ?? '';
      const title = converted ? `Lead converted: ${name}` : e.kind === 'created' ? `Lead captured: ${name}` : e.kind === 'updated' ? `Lead ${name}: changed ${keys.join(', ') || 'details'}` : `Lead ${name} ${e.kind}`;
      return {
        id: e.id, type: 'lead', source: 'leads', occurredAt: e.at, title,
        actor: e.actor_id && e.actor_name ? { id: e.actor_id, name: e.actor_name } : null,
        activity: null, changes: null,
        data: { leadId: e.record_id, leadName: name, kind: converted ? 'converted' : e.kind, fields: keys, source: e.kind === 'created' ? (changes.source?.new ?? null) : null },
        link: `/leads/${e.record_id}`,
      };
    });
  },
});
