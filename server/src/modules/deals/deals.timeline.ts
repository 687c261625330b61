/**
 * Deals on contact and company timelines (issue 15 item 7): each stage a deal entered — opened, moved, won, lost —
 * for the deals of the company, or of the contact (primary contact or a contact with a role), within the reader's
 * deals scope. Titles in the reader's language; the data carries the deal's name, the stage's, the kind and the
 * deal's amount for the web's view (web/src/modules/deals/TimelineItem.tsx).
 */
import { sql, type Kysely } from 'kysely';
import type { TimelineItem } from '../../../../contracts/activities.js';
import { scopeOf } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/records/policy.js';
import { registerTimelineSource } from '../activities/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const untyped = (ex: Executor) => ex as unknown as Kysely<any>; // `deals` is an engine table (columns follow the definition)

interface Row {
  id: string; at: string; deal_id: string; from_stage: string | null; deal_name: string | null; stage_name: string | null; stage_name_vi: string | null;
  outcome: string | null; from_outcome: string | null; actor_id: string | null; actor_name: string | null;
  amount: number | string | null; amount_currency: string | null;
}

const words = {
  en: { opened: (d: string, s: string) => `Deal opened: ${d} (${s})`, won: (d: string, s: string) => `Deal won: ${d} (${s})`, lost: (d: string) => `Deal lost: ${d}`, moved: (d: string, s: string) => `Deal ${d} moved to ${s}` },
  vi: { opened: (d: string, s: string) => `Mở cơ hội: ${d} (${s})`, won: (d: string, s: string) => `Cơ hội thành công: ${d} (${s})`, lost: (d: string) => `Cơ hội thất bại: ${d}`, moved: (d: string, s: string) => `Cơ hội ${d} chuyển sang ${s}` },
};

registerTimelineSource('deals', {
  types: ['deal'],
  async fetch(ex, p, q) {
    if (!scopeOf(p, 'deals')) return [];
    let query = untyped(ex).selectFrom('deal_stage_history as h')
      .innerJoin('deals as d', 'd.id', 'h.deal_id')
      .leftJoin('pipeline_stages as s', 's.id', 'h.to_stage')
      .leftJoin('pipeline_stages as f', 'f.id', 'h.from_stage')
      .leftJoin('users as u', 'u.id', 'h.actor_id')
      .select(['h.id', 'h.at', 'h.deal_id', 'h.from_stage', 'd.name as deal_name', 's.name as stage_name', 's.name_vi as stage_name_vi', 's.outcome', 'f.outcome as from_outcome', 'h.actor_id', 'u.name as actor_name', 'd.amount', 'd.amount_currency'])
      .where('d.deleted_at', 'is', null)
      .where(scopeWhere(p, 'deals', 'd'))
      .where((eb) => (q.entity === 'contact'
        ? eb.or([eb('d.contact', '=', q.id), eb('d.id', 'in', eb.selectFrom('deal_contacts').select('deal_id').where('contact_id', '=', q.id))])
        : eb('d.company', '=', q.id)));
    if (q.before) {
      const { occurredAt, id } = q.before;
      query = query.where(sql<boolean>`(h.at < ${occurredAt} or (h.at = ${occurredAt} and h.id < ${id}))`);
    }
    const rows = (await query.orderBy('h.at', 'desc').orderBy('h.id', 'desc').limit(q.limit).execute()) as Row[];
    const w = p.locale === 'vi' ? words.vi : words.en;
    return rows.map((r): TimelineItem => {
      const deal = r.deal_name ?? '';
      const stage = (p.locale === 'vi' && r.stage_name_vi) || r.stage_name || '';
      // Won once: the stages after it (shipping, care, warranty) are moves within the won deal.
      const kind = r.from_stage === null ? 'opened' : r.outcome === 'won' && r.from_outcome !== 'won' ? 'won' : r.outcome === 'lost' ? 'lost' : 'moved';
      const title = kind === 'opened' ? w.opened(deal, stage) : kind === 'won' ? w.won(deal, stage) : kind === 'lost' ? w.lost(deal) : w.moved(deal, stage);
      return {
        id: r.id, type: 'deal', source: 'deals', occurredAt: r.at, title,
        actor: r.actor_id && r.actor_name ? { id: r.actor_id, name: r.actor_name } : null,
        activity: null, changes: null,
        // The deal's amount now (minor units, as the deal's field), for the reader to size it.
        data: { dealId: r.deal_id, dealName: deal, stage, kind, amount: r.amount === null || !r.amount_currency ? null : { amount: Number(r.amount), currency: r.amount_currency } },
        link: `/deals/${r.deal_id}`,
      };
    });
  },
});
