import type { MergeBody, MergedRecord } from '../../../../contracts/duplicates.js';
import type { ContactPatch } from '../../../../contracts/contacts.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { canAccessRecord, type Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { requirePermission } from '../../platform/http/access.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { canSeeCustomField, fieldClassifications, maskCustom, type FieldClassifications } from '../../platform/records/masking.js';
import { assertLinkable, contactsService, normaliseEmail, normalisePhone } from '../contacts/index.js';
import { NAME_THRESHOLD, nameKey, nameSimilarity, pairKey, PairSet, scoreOf, type Reason } from './duplicates.logic.js';
import { presentSummary } from './duplicates.presenter.js';
import { duplicatesRepository as repo } from './duplicates.repository.js';
import { contactReferences, countReferences, moveReferences, SIDE_TABLES } from './duplicates.references.js';
import { computeMerge, type MergeRow } from './merge.logic.js';

const visible = (p: Principal, r: { owner_id: string | null; team_id: string | null }) => canAccessRecord(p, 'contacts', { ownerId: r.owner_id, teamId: r.team_id });

export interface CheckInput { email?: string | undefined; phone?: string | undefined; name?: string | undefined; companyId?: string | undefined; excludeId?: string | undefined }

/**
 * Candidates for a contact being typed: same normalised email, same E.164 phone, similar name at the same
 * company. Each lookup uses an index (contact_emails.email, contact_phones.phone_e164, contacts.company_id);
 * only contacts the principal may see are returned.
 */
export async function checkDuplicates(ex: Executor, p: Principal, q: CheckInput, region: string) {
  const found = new PairSet();
  const self = q.excludeId ?? '\u0000new';
  if (q.email?.trim()) for (const id of await contactsService.findByEmail(ex, normaliseEmail(q.email))) found.add(self, id, 'email');
  if (q.phone?.trim()) {
    const { e164 } = normalisePhone(q.phone, region);
    if (e164) for (const id of await contactsService.findByPhone(ex, e164)) found.add(self, id, 'phone');
  }
  const key = q.name ? nameKey(q.name, null) : '';
  if (key && q.companyId) {
    for (const c of await repo.atCompany(ex, q.companyId)) {
      const sim = nameSimilarity(key, nameKey(c.given_name, c.family_name));
      if (sim >= NAME_THRESHOLD) found.add(self, c.id, 'name_company', sim);
    }
  }
  const other = (pr: { a: string; b: string }) => (pr.a === self ? pr.b : pr.a);
  const pairs = [...found.pairs.values()].filter((pr) => other(pr) !== q.excludeId);
  const dismissed = q.excludeId ? await repo.dismissedWith(ex, q.excludeId) : new Set<string>();
  const rows = await repo.summaries(ex, pairs.map(other));
  return pairs
    .map((pr) => ({ pr, row: rows.find((r) => r.id === other(pr)) }))
    .filter((x) => x.row && visible(p, x.row) && !dismissed.has(x.row.id))
    .map(({ pr, row }) => ({ contact: presentSummary(row!), score: scoreOf(pr.reasons, pr.nameSim), reasons: [...pr.reasons] }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
}

/**
 * Recomputes candidate pairs in batches: groups of contacts sharing an email or a phone (found through
 * the side-table indexes, never comparing all rows), then similar names within each company. Dismissed
 * pairs stay dismissed; pairs that no longer hold are removed.
 */
export async function scanDuplicates(ctx: AppContext, batch = 500): Promise<{ pairs: number; tookMs: number }> {
  const t0 = Date.now();
  const db = ctx.database.db;
  const started = nowIso();
  const found = new PairSet();
  for (const kind of ['email', 'phone'] as const) {
    let after: string | null = null;
    for (;;) {
      const values = await repo.sharedValues(db, kind, after, batch);
      if (!values.length) break;
      const holders = await repo.holders(db, kind, values);
      const groups = new Map<string, string[]>();
      for (const h of holders) groups.set(h.v, [...(groups.get(h.v) ?? []), h.contact_id]);
      for (const ids of groups.values()) found.addGroup(ids, kind);
      after = values[values.length - 1]!;
      if (values.length < batch) break;
    }
  }
  let afterCompany: string | null = null;
  for (;;) {
    const companies = await repo.crowdedCompanies(db, afterCompany, 100);
    if (!companies.length) break;
    const people = await repo.contactsOfCompanies(db, companies);
    const byCompany = new Map<string, { id: string; key: string }[]>();
    for (const c of people) byCompany.set(c.company_id!, [...(byCompany.get(c.company_id!) ?? []), { id: c.id, key: nameKey(c.given_name, c.family_name) }]);
    for (const list of byCompany.values()) addSimilarNames(found, list);
    afterCompany = companies[companies.length - 1]!;
    if (companies.length < 100) break;
  }
  await db.transaction().execute(async (trx) => {
    for (const pr of found.pairs.values()) {
      await repo.upsertPair(trx, { id: newId(), a_id: pr.a, b_id: pr.b, score: scoreOf(pr.reasons, pr.nameSim), reasons: JSON.stringify([...pr.reasons].sort()), computed_at: nowIso() });
    }
    await repo.deleteStale(trx, started);
  });
  return { pairs: found.pairs.size, tookMs: Date.now() - t0 };
}

/**
 * Pairs of similar names within one company. Names are blocked by their first three letters of any
 * token, so a company of thousands compares only names that share a token start.
 */
function addSimilarNames(found: PairSet, list: { id: string; key: string }[]): void {
  const blocks = new Map<string, { id: string; key: string }[]>();
  for (const c of list) {
    if (!c.key) continue;
    for (const tok of new Set(c.key.split(' ').map((t) => t.slice(0, 3)))) blocks.set(tok, [...(blocks.get(tok) ?? []), c]);
  }
  const done = new Set<string>();
  for (const block of blocks.values()) {
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const [x, y] = [block[i]!, block[j]!];
        const k = pairKey(x.id, y.id).join('|');
        if (done.has(k)) continue;
        done.add(k);
        const sim = nameSimilarity(x.key, y.key);
        if (sim >= NAME_THRESHOLD) found.add(x.id, y.id, 'name_company', sim);
      }
    }
  }
}


export async function listPairs(ex: Executor, p: Principal, after: [number, string] | undefined, limit: number) {
  const rows = await repo.page(ex, p, after, limit);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const people = await repo.summaries(ex, [...new Set(page.flatMap((r) => [r.a_id, r.b_id]))]);
  const byId = new Map(people.map((c) => [c.id, presentSummary(c)]));
  return {
    rows: page.map((r) => ({
      id: r.id, a: byId.get(r.a_id)!, b: byId.get(r.b_id)!, score: Number(r.score),
      reasons: JSON.parse(r.reasons) as Reason[], computedAt: r.computed_at,
    })),
    more,
  };
}

export async function dismissPair(ctx: AppContext, p: Principal, aId: string, bId: string): Promise<void> {
  if (aId === bId) throw invalid('bId', 'a contact is not a duplicate of itself');
  await ctx.database.db.transaction().execute(async (trx) => {
    for (const [path, id] of [['aId', aId], ['bId', bId]] as const) {
      const r = await repo.row(trx, id);
      if (!r || !visible(p, r)) throw invalid(path, 'contact not found');
    }
    const [a, b] = pairKey(aId, bId);
    await repo.dismiss(trx, a, b, p.userId, nowIso(), 0, '[]');
    await appendAudit(trx, { actor: { id: p.userId, label: p.name }, action: 'dismiss_duplicate', entity: 'contact_pair', entityId: `${a}|${b}`, after: { aId: a, bId: b } });
  });
}

// ───────────────────────── merge ─────────────────────────

/** Both contacts live, distinct, visible, and the principal may update contacts. */
async function loadPair(trx: Executor, p: Principal, body: MergeBody) {
  requirePermission(p, 'contacts', 'update');
  if (body.survivorId === body.mergedId) throw invalid('mergedId', 'cannot merge a contact into itself');
  const s = await repo.row(trx, body.survivorId);
  if (!s || s.deleted_at || !visible(p, s)) throw invalid('survivorId', 'contact not found');
  const m = await repo.row(trx, body.mergedId);
  if (!m || m.deleted_at || !visible(p, m)) throw invalid('mergedId', 'contact not found');
  return { s, m };
}

/**
 * The survivor's patch for the contacts service (which keeps side tables, search text and audit in sync).
 * Custom fields the merging user may not see (and values of deleted fields) are left out: the survivor keeps its own values of them
 * (the merged contact keeps its values too, soft-deleted with merged_into), as the user could not choose.
 */
function patchOf(p: Principal, r: MergedRecord, s: MergeRow, fields: FieldClassifications): ContactPatch {
  const patch: ContactPatch = {
    givenName: r.givenName, familyName: r.familyName,
    emails: r.emails.map((e) => ({ address: e.address, label: e.label, primary: e.primary })),
    phones: r.phones.map((x) => ({ number: x.number, label: x.label, primary: x.primary })),
    addresses: r.addresses, social: r.social, jobTitle: r.jobTitle, department: r.department, birthday: r.birthday,
    companyId: r.companyId, tags: r.tags, lifecycleStage: r.lifecycleStage, source: r.source, externalId: r.externalId,
    custom: Object.fromEntries(Object.entries(r.custom).filter(([k]) => fields.has(k) && canSeeCustomField(p, fields, k))),
  };
  if (r.ownerId !== s.owner_id) {
    patch.ownerId = r.ownerId;
    patch.teamId = r.teamId;
  }
  const current = JSON.parse(s.consent) as Record<string, { status: string }>;
  const consent: NonNullable<ContactPatch['consent']> = {};
  for (const ch of ['email', 'sms', 'call'] as const) {
    const next = r.consent[ch];
    if (next && next.status !== current[ch]?.status) consent[ch] = { status: next.status as 'granted' | 'denied' | 'unknown', source: 'merge' };
  }
  if (Object.keys(consent).length) patch.consent = consent;
  return patch;
}

/** The merged record as the reader may see it: classified custom values masked (platform presenter). */
function presentMerged(p: Principal, record: MergedRecord, fields: FieldClassifications): MergedRecord {
  return { ...record, custom: maskCustom(p, record.custom, fields).custom };
}

/** A company the merge would newly give the survivor must be one the user may link (same answer as a missing one). */
async function assertMergedCompany(ex: Executor, p: Principal, record: MergedRecord, s: MergeRow): Promise<void> {
  if (record.companyId && record.companyId !== s.company_id) await assertLinkable(ex, p, 'company', record.companyId, 'companyId');
}

export async function previewMerge(ex: Executor, p: Principal, body: MergeBody) {
  const { s, m } = await loadPair(ex, p, body);
  const record = computeMerge(s, m, body.choices);
  await assertMergedCompany(ex, p, record, s);
  const fields = await fieldClassifications(ex, 'contact');
  const moved = await countReferences(ex, await contactReferences(ex), m.id);
  for (const t of SIDE_TABLES) moved[`${t}.contact_id`] = Number((await ex.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).where('contact_id', '=', m.id).executeTakeFirst())?.n ?? 0);
  return { survivorId: s.id, mergedId: m.id, record: presentMerged(p, record, fields), moved };
}

/**
 * Merges in ONE transaction: every relation moves to the survivor, the survivor takes the chosen and
 * unioned values (through the contacts service), the merged contact is soft-deleted with
 * merged_into = survivor, one 'merge' audit entry keeps both before states, and contact.merged is emitted.
 */
export async function mergeContacts(ctx: AppContext, p: Principal, body: MergeBody) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const { s, m } = await loadPair(trx, p, body);
    const record = computeMerge(s, m, body.choices);
    await assertMergedCompany(trx, p, record, s);
    const fields = await fieldClassifications(trx, 'contact');
    const moved = await moveReferences(trx, await contactReferences(trx), m.id, s.id);
    for (const t of SIDE_TABLES) {
      const res = await trx.deleteFrom(t).where('contact_id', '=', m.id).executeTakeFirst();
      moved[`${t}.contact_id`] = Number(res.numDeletedRows);
    }
    await repo.deletePairsOf(trx, m.id);
    const now = nowIso();
    await repo.markMerged(trx, m.id, s.id, p.userId, now);
    await contactsService.update(trx, p, s.id, patchOf(p, record, s, fields));
    const { search_text: _a, name_key: _b, family_key: _e, ...sBefore } = s;
    const { search_text: _c, name_key: _d, family_key: _g, ...mBefore } = m;
    await appendAudit(trx, {
      actor: { id: p.userId, label: p.name }, action: 'merge', entity: 'contact', entityId: s.id,
      before: { survivor: sBefore, merged: mBefore }, after: { survivorId: s.id, mergedId: m.id, choices: body.choices },
    });
    await appendAudit(trx, { actor: { id: p.userId, label: p.name }, action: 'merged_into', entity: 'contact', entityId: m.id, after: { mergedInto: s.id, deletedAt: now } });
    await emitEvent(trx, { type: 'contact.merged', entity: 'contact', entityId: s.id, actorId: p.userId, data: { survivorId: s.id, mergedId: m.id, moved } });
    const after = await repo.row(trx, s.id);
    if (!after) throw new AppError('internal', 'survivor vanished during merge');
    return { survivorId: s.id, mergedId: m.id, record: presentMerged(p, computeMerge(after, after, {}), fields), moved };
  });
}
