/** Company use cases: each write in the caller's transaction, with search text, audit and outbox event. */
import type { CompanyInput, CompanyPatch } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { requirePermission } from '../../platform/http/access.js';
import { assertVersion } from '../../platform/http/etag.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { cleanTags, companySearchText, normalisePhone, normaliseText, withOnePrimary } from './contacts.logic.js';
import { assertInScope, assertStaysInScope } from './contacts.policy.js';
import { assertLinkable } from './contacts.relations.js';
import { companiesRepository as repo, type CompanyValues, type CompanyView } from './companies.repository.js';
import { applyCustomValues } from './custom-fields.service.js';
import { listDefs } from './custom-fields.repository.js';
import { contactsConfig } from './settings.service.js';

const actor = (p: Principal) => ({ id: p.userId, label: p.email });

function preparePhones(phones: NonNullable<CompanyInput['phones']>) {
  return withOnePrimary(phones.map((ph, i) => {
    const { e164 } = normalisePhone(ph.number, contactsConfig.defaultRegion);
    if (!e164) throw invalid(`phones.${i}.number`, `"${ph.number}" is not a valid phone number`);
    return { number: e164, raw: ph.number, label: ph.label ?? null, primary: ph.primary ?? false };
  }));
}

/**
 * A parent must be live and visible to the writer (assertLinkable: an invisible one is refused exactly like
 * a missing one), not be the company itself, and not have the company among its ancestors.
 */
async function assertParent(db: Executor, p: Principal, id: string, parentId: string | null): Promise<void> {
  if (parentId && parentId !== id) await assertLinkable(db, p, 'company', parentId, 'parentId');
  let cur: string | null = parentId;
  for (let depth = 0; cur && depth < 50; depth++) {
    if (cur === id) throw invalid('parentId', 'a company cannot be its own ancestor');
    const row: { parent_id: string | null; deleted_at: string | null } | undefined = await db.selectFrom('companies').select(['parent_id', 'deleted_at']).where('id', '=', cur).executeTakeFirst();
    if (!row || (depth === 0 && row.deleted_at)) throw invalid('parentId', 'no such company');
    cur = row.parent_id;
  }
}

async function ownerTeam(db: Executor, ownerId: string) {
  const u = await db.selectFrom('users').select(['id', 'team_id']).where('id', '=', ownerId).executeTakeFirst();
  if (!u) throw invalid('ownerId', 'no such user');
  return u.team_id;
}

function searchOf(v: { name: string; domain: string | null; phones: string }): { name_key: string; search_text: string } {
  const phones = (JSON.parse(v.phones) as { number: string }[]).map((x) => x.number);
  return { name_key: normaliseText(v.name), search_text: companySearchText({ name: v.name, domain: v.domain, phones }) };
}

export const companiesService = {
  async create(trx: Executor, p: Principal, input: CompanyInput): Promise<string> {
    requirePermission(p, 'companies', 'create');
    const id = newId();
    const now = nowIso();
    if (input.parentId) await assertParent(trx, p, id, input.parentId);
    const ownerId = input.ownerId === undefined ? p.userId : input.ownerId;
    let teamId = input.teamId ?? null;
    if (ownerId) {
      const t = await ownerTeam(trx, ownerId);
      if (input.teamId === undefined) teamId = ownerId === p.userId ? (p.teamId ?? t) : t;
    }
    if (teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw invalid('teamId', 'no such team');
    assertStaysInScope(p, 'companies', ownerId, teamId);
    const custom = await applyCustomValues(trx, p, await listDefs(trx, 'company'), input.custom, null, contactsConfig.defaultRegion);
    const base = { name: input.name, domain: input.domain ?? null, phones: JSON.stringify(preparePhones(input.phones ?? [])) };
    const row: CompanyValues = {
      id, ...base, ...searchOf(base), industry: input.industry ?? null, size: input.size ?? null,
      addresses: JSON.stringify(input.addresses ?? []), parent_id: input.parentId ?? null, owner_id: ownerId, team_id: teamId,
      tags: JSON.stringify(cleanTags(input.tags ?? [])), custom: JSON.stringify(custom),
      created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId, deleted_at: null,
    };
    await repo.insert(trx, row);
    const { search_text: _s, name_key: _n, ...audited } = row;
    await appendAudit(trx, { actor: actor(p), action: 'create', entity: 'company', entityId: id, after: audited });
    await emitEvent(trx, { type: 'company.created', entity: 'company', entityId: id, actorId: p.userId, data: { id } });
    return id;
  },

  async update(trx: Executor, p: Principal, id: string, patch: CompanyPatch, expectedVersion?: number): Promise<number> {
    requirePermission(p, 'companies', 'update');
    const before = await repo.findRow(trx, id);
    if (!before || before.deleted_at) throw notFound('company');
    assertInScope(p, 'companies', before, 'company');
    assertVersion(expectedVersion, before.version);
    const set: Partial<CompanyValues> = { updated_at: nowIso(), updated_by: p.userId };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.domain !== undefined) set.domain = patch.domain;
    if (patch.industry !== undefined) set.industry = patch.industry;
    if (patch.size !== undefined) set.size = patch.size;
    if (patch.phones !== undefined) set.phones = JSON.stringify(preparePhones(patch.phones));
    if (patch.addresses !== undefined) set.addresses = JSON.stringify(patch.addresses);
    if (patch.tags !== undefined) set.tags = JSON.stringify(cleanTags(patch.tags));
    if (patch.parentId !== undefined) {
      if (patch.parentId) await assertParent(trx, p, id, patch.parentId);
      set.parent_id = patch.parentId;
    }
    if (patch.ownerId !== undefined) {
      set.owner_id = patch.ownerId;
      if (patch.ownerId) {
        const t = await ownerTeam(trx, patch.ownerId);
        if (patch.teamId === undefined) set.team_id = t;
      }
    }
    if (patch.teamId !== undefined) {
      if (patch.teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', patch.teamId).executeTakeFirst())) throw invalid('teamId', 'no such team');
      set.team_id = patch.teamId;
    }
    assertStaysInScope(p, 'companies', set.owner_id !== undefined ? set.owner_id : before.owner_id, set.team_id !== undefined ? set.team_id : before.team_id);
    if (patch.custom !== undefined) {
      set.custom = JSON.stringify(await applyCustomValues(trx, p, await listDefs(trx, 'company'), patch.custom, JSON.parse(before.custom), contactsConfig.defaultRegion));
    }
    Object.assign(set, searchOf({ ...before, ...set }));
    if (!(await repo.update(trx, id, before.version, set))) throw conflict('company changed concurrently; retry');
    const changed = Object.keys(set).filter((k) => !['updated_at', 'updated_by', 'search_text', 'name_key'].includes(k) && (before as unknown as Record<string, unknown>)[k] !== (set as Record<string, unknown>)[k]);
    const pick = (o: object) => Object.fromEntries(changed.map((k) => [k, (o as Record<string, unknown>)[k]]));
    await appendAudit(trx, { actor: actor(p), action: 'update', entity: 'company', entityId: id, before: pick(before), after: pick(set) });
    await emitEvent(trx, { type: 'company.updated', entity: 'company', entityId: id, actorId: p.userId, data: { id, changed } });
    return before.version + 1;
  },

  async get(db: Executor, p: Principal, id: string, opts: { includeDeleted?: boolean } = {}): Promise<CompanyView> {
    const row = await repo.findView(db, id, { principal: p, includeDeleted: opts.includeDeleted });
    if (!row) throw notFound('company');
    return row;
  },

  async view(db: Executor, id: string): Promise<CompanyView> {
    const row = await repo.findView(db, id, { includeDeleted: true });
    if (!row) throw notFound('company');
    return row;
  },

  async softDelete(trx: Executor, p: Principal, id: string, expectedVersion?: number): Promise<void> {
    requirePermission(p, 'companies', 'delete');
    const before = await repo.findRow(trx, id);
    if (!before || before.deleted_at) throw notFound('company');
    assertInScope(p, 'companies', before, 'company');
    assertVersion(expectedVersion, before.version);
    const now = nowIso();
    if (!(await repo.update(trx, id, before.version, { deleted_at: now, updated_at: now, updated_by: p.userId }))) throw conflict('company changed concurrently; retry');
    await appendAudit(trx, { actor: actor(p), action: 'delete', entity: 'company', entityId: id, before: { deleted_at: null }, after: { deleted_at: now } });
    await emitEvent(trx, { type: 'company.deleted', entity: 'company', entityId: id, actorId: p.userId, data: { id } });
  },

  async restore(trx: Executor, p: Principal, id: string): Promise<void> {
    requirePermission(p, 'companies', 'delete');
    const before = await repo.findRow(trx, id);
    if (!before || !before.deleted_at) throw notFound('deleted company');
    assertInScope(p, 'companies', before, 'company');
    const now = nowIso();
    if (!(await repo.update(trx, id, before.version, { deleted_at: null, updated_at: now, updated_by: p.userId }))) throw conflict('company changed concurrently; retry');
    await appendAudit(trx, { actor: actor(p), action: 'restore', entity: 'company', entityId: id, before: { deleted_at: before.deleted_at }, after: { deleted_at: null } });
    await emitEvent(trx, { type: 'company.restored', entity: 'company', entityId: id, actorId: p.userId, data: { id } });
  },
};
