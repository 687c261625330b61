import type { MergeBody, MergedRecord } from '../../../../contracts/duplicates.js';
import type { ContactPatch } from '../../../../contracts/contacts.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { canAccessRecord, type Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { requirePermission } from '../../platform/http/access.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { canSeeCustomField, fieldClassifications, maskCustom, type FieldClassifications } from '../../platform/records/masking.js';
import { assertLinkable, contactsService, normaliseEmail, normalisePhone } from '../contacts/index.js';
import { pairKey } from './duplicates.logic.js';
import { presentCompanySummary, presentSummary } from './duplicates.presenter.js';
import { pairTable, refreshRepository } from './refresh.repository.js';
import { CANDIDATE_THRESHOLD, scoreContacts, type CompanyReason, type ContactFacts, type ContactReason } from './scoring.logic.js';
import { duplicatesRepository as repo } from './duplicates.repository.js';
import { contactReferences, countReferences, moveReferences, SIDE_TABLES } from './duplicates.references.js';
import { computeMerge, type MergeRow } from './merge.logic.js';

const visible = (p: Principal, r: { owner_id: string | null; team_id: string | null }) => canAccessRecord(p, 'contacts', { ownerId: r.owner_id, teamId: r.team_id });

export interface CheckInput { email?: string | undefined; phone?: string | undefined; name?: string | undefined; companyId?: string | undefined; excludeId?: string | undefined }

/**
 * Candidates for a contact being typed: contacts with the same normalised email or E.164 phone, or at the same
 * company, scored like the stored pairs (scoring.logic.ts) and kept from CANDIDATE_THRESHOLD. Each lookup uses an
 * index (contact_emails.email, contact_phones.phone_e164, contacts.company_id); only contacts the principal may see
 * are returned.
 */
export async function checkDuplicates(ex: Executor, p: Principal, q: CheckInput, region: string) {
  const ids = new Set<string>();
  const email = q.email?.trim() ? normaliseEmail(q.email) : '';
  if (email) for (const id of await contactsService.findByEmail(ex, email)) ids.add(id);
  const e164 = q.phone?.trim() ? normalisePhone(q.phone, region).e164 : null;
  if (e164) for (const id of await contactsService.findByPhone(ex, e164)) ids.add(id);
  if (q.name?.trim() && q.companyId) for (const c of await repo.atCompany(ex, q.companyId)) ids.add(c.id);
  if (q.excludeId) ids.delete(q.excludeId);
  const typed: ContactFacts = { givenName: q.name ?? null, familyName: null, emails: email ? [email] : [], phones: e164 ? [e164] : [], companyId: q.companyId ?? null };
  const facts = await refreshRepository.contactFacts(ex, [...ids]);
  const dismissed = q.excludeId ? await repo.dismissedWith(ex, q.excludeId) : new Set<string>();
  const rows = new Map((await repo.summaries(ex, [...facts.keys()])).map((r) => [r.id, r]));
  return [...facts]
    .map(([id, f]) => ({ row: rows.get(id), ...scoreContacts(typed, f) }))
    .filter((x) => x.row && x.score >= CANDIDATE_THRESHOLD && visible(p, x.row) && !dismissed.has(x.row.id))
    .map(({ row, score, reasons }) => ({ contact: presentSummary(row!), score, reasons }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
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
      reasons: JSON.parse(r.reasons) as ContactReason[], computedAt: r.computed_at,
    })),
    more,
  };
}

/** Open company pairs both of whose companies the principal may see (companies cannot be merged yet: the page links both). */
export async function listCompanyPairs(ex: Executor, p: Principal, after: [number, string] | undefined, limit: number) {
  const rows = await repo.companyPage(ex, p, after, limit);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const companies = await repo.companySummaries(ex, [...new Set(page.flatMap((r) => [r.a_id, r.b_id]))]);
  const byId = new Map(companies.map((c) => [c.id, presentCompanySummary(c)]));
  return {
    rows: page.map((r) => ({
      id: r.id, a: byId.get(r.a_id)!, b: byId.get(r.b_id)!, score: Number(r.score),
      reasons: JSON.parse(r.reasons) as CompanyReason[], computedAt: r.computed_at,
    })),
    more,
  };
}

/** "These two are different": the pair stays hidden across refreshes and rescans (contacts or companies). */
export async function dismissPair(ctx: AppContext, p: Principal, entity: 'contact' | 'company', aId: string, bId: string): Promise<void> {
  if (aId === bId) throw invalid('bId', `a ${entity} is not a duplicate of itself`);
  await ctx.database.db.transaction().execute(async (trx) => {
    for (const [path, id] of [['aId', aId], ['bId', bId]] as const) {
      const r = entity === 'contact' ? await repo.row(trx, id) : await repo.companyRow(trx, id);
      const seen = r && (entity === 'contact' ? visible(p, r) : canAccessRecord(p, 'companies', { ownerId: r.owner_id, teamId: r.team_id }));
      if (!seen) throw invalid(path, `${entity} not found`);
    }
    const [a, b] = pairKey(aId, bId);
    await repo.dismiss(trx, pairTable(entity), a, b, p.userId, nowIso(), 0, '[]');
    await appendAudit(trx, { actor: { id: p.userId, label: p.name }, action: 'dismiss_duplicate', entity: `${entity}_pair`, entityId: `${a}|${b}`, after: { aId: a, bId: b } });
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
