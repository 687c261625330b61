/**
 * Contact use cases. Each write runs inside the caller's transaction and keeps the side tables and
 * search_text in sync, records consent history, appends the audit entry and emits the outbox event.
 */
import { consentChannels, type ContactInput, type ContactPatch } from '../../../../contracts/contacts.js';
import { requirePermission } from '../../platform/http/access.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { assertVersion } from '../../platform/http/etag.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import {
  cleanTags, contactDerived, normaliseEmail, normalisePhone, withOnePrimary,
} from './contacts.logic.js';
import { assertInScope, assertStaysInScope } from './contacts.policy.js';
import { assertLinkable } from './contacts.relations.js';
import { contactsRepository as repo, type ContactRow, type ContactValues, type ContactView } from './contacts.repository.js';
import { applyCustomValues } from './custom-fields.service.js';
import { listDefs } from './custom-fields.repository.js';
import { assertStage, contactsConfig } from './settings.service.js';

type Consent = Record<(typeof consentChannels)[number], { status: string; at: string | null; source: string | null }>;
const emptyConsent = (): Consent => ({
  email: { status: 'unknown', at: null, source: null },
  sms: { status: 'unknown', at: null, source: null },
  call: { status: 'unknown', at: null, source: null },
});
const actor = (p: Principal) => ({ id: p.userId, label: p.email });
/** Columns left out of audit diffs: derived or bookkeeping. */
const NOT_AUDITED = new Set(['search_text', 'name_key', 'family_key', 'sort_key', 'updated_at', 'updated_by', 'version']);

function prepareEmails(emails: NonNullable<ContactInput['emails']>) {
  return withOnePrimary(emails.map((e) => ({ address: normaliseEmail(e.address), label: e.label ?? null, primary: e.primary ?? false })));
}

function preparePhones(phones: NonNullable<ContactInput['phones']>, path = 'phones') {
  return withOnePrimary(
    phones.map((ph, i) => {
      const { e164 } = normalisePhone(ph.number, contactsConfig.defaultRegion);
      if (!e164) throw invalid(`${path}.${i}.number`, `"${ph.number}" is not a valid phone number`);
      return { number: e164, raw: ph.number, label: ph.label ?? null, primary: ph.primary ?? false };
    }),
  );
}

async function assertUser(db: Executor, id: string, path: string) {
  const u = await db.selectFrom('users').select(['id', 'team_id']).where('id', '=', id).executeTakeFirst();
  if (!u) throw invalid(path, 'no such user');
  return u;
}

/**
 * A newly linked company must be live and visible to the writer (assertLinkable: an invisible one is refused
 * exactly like a missing one).
 */
async function assertCompany(db: Executor, p: Principal, id: string | null): Promise<void> {
  if (id) await assertLinkable(db, p, 'company', id, 'companyId');
}

/** Derived columns from the editable ones (contactDerived: the one helper every writer shares). */
function derive(v: Pick<ContactValues, 'given_name' | 'family_name' | 'name_order' | 'addresses' | 'emails' | 'phones'>) {
  return contactDerived(v, JSON.parse(v.emails) as { address: string; primary: boolean }[], JSON.parse(v.phones) as { number: string; primary: boolean }[]);
}

/** Applies consent changes; returns the new state and the history rows to write. */
function consentChanges(current: Consent, input: ContactInput['consent'], contactId: string, p: Principal, now: string) {
  const next = { ...current };
  const history: { id: string; contact_id: string; channel: string; status: string; source: string | null; at: string; actor_id: string | null }[] = [];
  for (const ch of consentChannels) {
    const change = input?.[ch];
    if (!change) continue;
    const source = change.source ?? 'api';
    if (current[ch].status === change.status && current[ch].source === source) continue;
    next[ch] = { status: change.status, at: now, source };
    history.push({ id: newId(), contact_id: contactId, channel: ch, status: change.status, source, at: now, actor_id: p.userId });
  }
  return { next, history };
}

function diff(before: ContactRow, after: Partial<ContactValues>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (NOT_AUDITED.has(k)) continue;
    const old = (before as unknown as Record<string, unknown>)[k];
    if (old !== v) {
      b[k] = old;
      a[k] = v;
    }
  }
  return { before: b, after: a };
}

export const contactsService = {
  /** Creates a contact; returns its id. Owner defaults to the creator, team to the owner's team. */
  async create(trx: Executor, p: Principal, input: ContactInput): Promise<string> {
    requirePermission(p, 'contacts', 'create');
    const emails = prepareEmails(input.emails ?? []);
    const phones = preparePhones(input.phones ?? []);
    if (!input.givenName?.trim() && !input.familyName?.trim() && !emails.length && !phones.length) {
      throw invalid('givenName', 'a contact needs a name, an email or a phone');
    }
    const stage = input.lifecycleStage ?? 'lead';
    await assertStage(trx, stage);
    await assertCompany(trx, p, input.companyId ?? null);
    const ownerId = input.ownerId === undefined ? p.userId : input.ownerId;
    let teamId: string | null = input.teamId ?? null;
    if (ownerId) {
      const owner = await assertUser(trx, ownerId, 'ownerId');
      if (input.teamId === undefined) teamId = ownerId === p.userId ? (p.teamId ?? owner.team_id) : owner.team_id;
    }
    if (teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw invalid('teamId', 'no such team');
    assertStaysInScope(p, 'contacts', ownerId, teamId);
    const defs = await listDefs(trx, 'contact');
    const custom = await applyCustomValues(trx, p, defs, input.custom, null, contactsConfig.defaultRegion);
    const id = newId();
    const now = nowIso();
    const { next: consent, history } = consentChanges(emptyConsent(), input.consent, id, p, now);
    const base = {
      given_name: input.givenName?.trim() || null, family_name: input.familyName?.trim() || null,
      name_order: input.nameOrder ?? null, addresses: JSON.stringify(input.addresses ?? []),
      emails: JSON.stringify(emails), phones: JSON.stringify(phones),
    };
    const tags = cleanTags(input.tags ?? []);
    const row: ContactValues = {
      id, ...base, ...derive(base), pronoun: input.pronoun ?? null,
      social: JSON.stringify(input.social ?? {}),
      job_title: input.jobTitle ?? null, department: input.department ?? null, birthday: input.birthday ?? null,
      company_id: input.companyId ?? null, owner_id: ownerId, team_id: teamId, tags: JSON.stringify(tags),
      lifecycle_stage: stage, source: input.source ?? null, external_id: input.externalId ?? null,
      consent: JSON.stringify(consent), custom: JSON.stringify(custom),
      created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId, deleted_at: null, erased_at: null,
    };
    await repo.insert(trx, row);
    await repo.syncSideTables(trx, id, emails.map((e) => e.address), phones.map((x) => x.number), tags);
    if (history.length) await trx.insertInto('consent_history').values(history).execute();
    const { search_text: _s, name_key: _n, family_key: _f, sort_key: _k, ...audited } = row;
    await appendAudit(trx, { actor: actor(p), action: 'create', entity: 'contact', entityId: id, after: audited });
    await emitEvent(trx, { type: 'contact.created', entity: 'contact', entityId: id, actorId: p.userId, data: { id, ownerId, teamId } });
    return id;
  },

  /** Applies a patch (412 when `expectedVersion` is stale, 404 outside scope); returns the new version. */
  async update(trx: Executor, p: Principal, id: string, patch: ContactPatch, expectedVersion?: number): Promise<number> {
    requirePermission(p, 'contacts', 'update');
    const before = await repo.findRow(trx, id);
    if (!before || before.deleted_at) throw notFound('contact');
    assertInScope(p, 'contacts', before, 'contact');
    assertVersion(expectedVersion, before.version);
    const now = nowIso();
    const set: Partial<ContactValues> = { updated_at: now, updated_by: p.userId };
    if (patch.givenName !== undefined) set.given_name = patch.givenName?.trim() || null;
    if (patch.familyName !== undefined) set.family_name = patch.familyName?.trim() || null;
    if (patch.nameOrder !== undefined) set.name_order = patch.nameOrder;
    if (patch.pronoun !== undefined) set.pronoun = patch.pronoun;
    if (patch.emails !== undefined) set.emails = JSON.stringify(prepareEmails(patch.emails));
    if (patch.phones !== undefined) set.phones = JSON.stringify(preparePhones(patch.phones));
    if (patch.addresses !== undefined) set.addresses = JSON.stringify(patch.addresses);
    if (patch.social !== undefined) set.social = JSON.stringify(patch.social);
    if (patch.jobTitle !== undefined) set.job_title = patch.jobTitle;
    if (patch.department !== undefined) set.department = patch.department;
    if (patch.birthday !== undefined) set.birthday = patch.birthday;
    if (patch.source !== undefined) set.source = patch.source;
    if (patch.externalId !== undefined) set.external_id = patch.externalId;
    if (patch.tags !== undefined) set.tags = JSON.stringify(cleanTags(patch.tags));
    if (patch.lifecycleStage !== undefined) {
      await assertStage(trx, patch.lifecycleStage);
      set.lifecycle_stage = patch.lifecycleStage;
    }
    if (patch.companyId !== undefined) set.company_id = patch.companyId;
    if (set.company_id !== undefined && set.company_id !== before.company_id) await assertCompany(trx, p, set.company_id);
    if (patch.ownerId !== undefined) {
      set.owner_id = patch.ownerId;
      if (patch.ownerId) {
        const owner = await assertUser(trx, patch.ownerId, 'ownerId');
        if (patch.teamId === undefined) set.team_id = owner.team_id;
      }
    }
    if (patch.teamId !== undefined) {
      if (patch.teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', patch.teamId).executeTakeFirst())) throw invalid('teamId', 'no such team');
      set.team_id = patch.teamId;
    }
    assertStaysInScope(p, 'contacts', set.owner_id !== undefined ? set.owner_id : before.owner_id, set.team_id !== undefined ? set.team_id : before.team_id);
    if (patch.custom !== undefined) {
      const defs = await listDefs(trx, 'contact');
      set.custom = JSON.stringify(await applyCustomValues(trx, p, defs, patch.custom, JSON.parse(before.custom), contactsConfig.defaultRegion));
    }
    let history: Awaited<ReturnType<typeof consentChanges>>['history'] = [];
    if (patch.consent !== undefined) {
      const c = consentChanges({ ...emptyConsent(), ...JSON.parse(before.consent) }, patch.consent, id, p, now);
      set.consent = JSON.stringify(c.next);
      history = c.history;
    }
    const merged = { ...before, ...set };
    const derived = derive(merged);
    Object.assign(set, derived);
    if (!merged.given_name && !merged.family_name && !derived.primary_email && !derived.primary_phone) {
      throw invalid('givenName', 'a contact needs a name, an email or a phone');
    }
    if (!(await repo.update(trx, id, before.version, set))) throw conflict('contact changed concurrently; retry');
    if (set.emails !== undefined || set.phones !== undefined || set.tags !== undefined) {
      const m = { ...before, ...set };
      await repo.syncSideTables(
        trx, id,
        (JSON.parse(m.emails) as { address: string }[]).map((e) => e.address),
        (JSON.parse(m.phones) as { number: string }[]).map((x) => x.number),
        JSON.parse(m.tags) as string[],
      );
    }
    if (history.length) await trx.insertInto('consent_history').values(history).execute();
    const d = diff(before, set);
    await appendAudit(trx, { actor: actor(p), action: 'update', entity: 'contact', entityId: id, before: d.before, after: d.after });
    await emitEvent(trx, { type: 'contact.updated', entity: 'contact', entityId: id, actorId: p.userId, data: { id, changed: Object.keys(d.after) } });
    return before.version + 1;
  },

  /** The contact as the principal may see it (404 outside scope or when deleted, unless includeDeleted). */
  async get(db: Executor, p: Principal, id: string, opts: { includeDeleted?: boolean } = {}): Promise<ContactView> {
    const row = await repo.findView(db, id, { principal: p, includeDeleted: opts.includeDeleted });
    if (!row) throw notFound('contact');
    return row;
  },

  /** Unscoped read for the response of a write the principal was just allowed to make. */
  async view(db: Executor, id: string): Promise<ContactView> {
    const row = await repo.findView(db, id, { includeDeleted: true });
    if (!row) throw notFound('contact');
    return row;
  },

  async softDelete(trx: Executor, p: Principal, id: string, expectedVersion?: number): Promise<void> {
    requirePermission(p, 'contacts', 'delete');
    const before = await repo.findRow(trx, id);
    if (!before || before.deleted_at) throw notFound('contact');
    assertInScope(p, 'contacts', before, 'contact');
    assertVersion(expectedVersion, before.version);
    const now = nowIso();
    if (!(await repo.update(trx, id, before.version, { deleted_at: now, updated_at: now, updated_by: p.userId }))) throw conflict('contact changed concurrently; retry');
    await appendAudit(trx, { actor: actor(p), action: 'delete', entity: 'contact', entityId: id, before: { deleted_at: null }, after: { deleted_at: now } });
    await emitEvent(trx, { type: 'contact.deleted', entity: 'contact', entityId: id, actorId: p.userId, data: { id } });
  },

  async restore(trx: Executor, p: Principal, id: string): Promise<void> {
    requirePermission(p, 'contacts', 'delete');
    const before = await repo.findRow(trx, id);
    if (!before || !before.deleted_at || before.erased_at) throw notFound('deleted contact');
    assertInScope(p, 'contacts', before, 'contact');
    const now = nowIso();
    if (!(await repo.update(trx, id, before.version, { deleted_at: null, updated_at: now, updated_by: p.userId }))) throw conflict('contact changed concurrently; retry');
    await appendAudit(trx, { actor: actor(p), action: 'restore', entity: 'contact', entityId: id, before: { deleted_at: before.deleted_at }, after: { deleted_at: null } });
    await emitEvent(trx, { type: 'contact.restored', entity: 'contact', entityId: id, actorId: p.userId, data: { id } });
  },

  /** Consent changes of one contact, newest first. */
  async consentHistory(db: Executor, p: Principal, id: string) {
    await contactsService.get(db, p, id, { includeDeleted: true });
    return db.selectFrom('consent_history').selectAll().where('contact_id', '=', id).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  },

  findByEmail: (db: Executor, email: string) => repo.findByEmail(db, email),
  findByPhone: (db: Executor, e164: string) => repo.findByPhone(db, e164),
  findByExternalId: (db: Executor, externalId: string) => repo.findByExternalId(db, externalId),
};
