/**
 * The one write path of every record: validate → version (If-Match) → scope and permission → owner/team
 * defaults → derived columns and formulas → write → rollups of the records it points at → timeline + audit diff (appendAudit) → outbox event
 * `record.created|updated|deleted|restored` with `{ type, id, changes: { field: { old, new } } }`.
 * API, bulk, import (and later merges and workflows) all call these functions inside their transaction.
 */
import type { Principal } from '../auth/principal.js';
import { appendAudit } from '../audit/audit.js';
import type { Executor } from '../db/db.js';
import { isUniqueViolation } from '../db/dialect.js';
import { emitEvent } from '../events/outbox.js';
import { AppError, notFound, type FieldError } from '../http/errors.js';
import { assertVersion } from '../http/etag.js';
import { newId, nowIso } from '../ids.js';
import type { ObjectDefinition, WriteContext } from './definitions.js';
import { assertCan, assertStaysVisible, assertVisible, canSeeField, canSeeRow } from './policy.js';
import { rowValues } from './presenter.js';
import { computedOnCreate, computeFormulas, feedRollups } from './computed.js';
import { fresh, relationTarget } from './registry.js';
import { recordsRepository as repo, type RecordRow } from './repository.js';
import { checkValue, columnsOf, normaliseSearch, sameValue, valueText } from './values.js';

/** Settings the engine reads from configuration (set once at start by the records module). */
export const engineConfig = { region: 'VN' };

export interface WriteInput {
  values?: Record<string, unknown>; ownerId?: string | null; teamId?: string | null;
  /**
   * Read-only values set by the object's own module code (a lead's conversion links, a deal's source lead):
   * type- and reference-checked like values, but allowed on read-only fields. Never from a client (the wire
   * schemas are strict objects without this key).
   */
  derived?: Record<string, unknown>;
}
type Changes = Record<string, { old: unknown; new: unknown }>;

const fail = (fields: FieldError[]) => new AppError('validation_failed', `${fields[0]!.path}: ${fields[0]!.message}`, fields);

/** Checks given values against the definition; returns wire values by key. 400/403 naming `values.<key>`. */
async function checkValues(
  trx: Executor, def: ObjectDefinition, defs: Map<string, ObjectDefinition>, p: Principal, given: Record<string, unknown>, creating: boolean,
  derived: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(derived)) {
    const f = def.fields.find((x) => x.key === key);
    if (!f) { errors.push({ path: `values.${key}`, message: 'unknown field' }); continue; }
    const c = checkValue(f, raw, engineConfig.region);
    if (!c.ok) { errors.push({ path: `values.${key}`, message: c.message }); continue; }
    out[key] = c.value;
  }
  for (const [key, raw] of Object.entries(given)) {
    const f = def.fields.find((x) => x.key === key);
    if (!f) { errors.push({ path: `values.${key}`, message: 'unknown field' }); continue; }
    if (!canSeeField(p, f)) throw new AppError('forbidden', `values.${key}: your role may not write this field`, [{ path: `values.${key}`, message: 'above your classification level' }]);
    if (f.readOnly) { errors.push({ path: `values.${key}`, message: 'read-only field' }); continue; }
    if (f.archived) { errors.push({ path: `values.${key}`, message: 'archived field' }); continue; }
    if (f.type === 'attachments') { errors.push({ path: `values.${key}`, message: 'files are uploaded and deleted at …/fields/{key}/files' }); continue; }
    const c = checkValue(f, raw, engineConfig.region);
    if (!c.ok) { errors.push({ path: `values.${key}`, message: c.message }); continue; }
    out[key] = c.value;
  }
  if (creating) {
    for (const f of def.fields) {
      if (f.archived || f.key in out) continue;
      if (f.default !== null && f.default !== undefined) out[f.key] = f.default;
    }
  }
  for (const f of def.fields) {
    if (!f.required || f.archived) continue;
    if ((creating || f.key in out) && (out[f.key] === null || out[f.key] === undefined)) errors.push({ path: `values.${f.key}`, message: 'required' });
  }
  if (errors.length) throw fail(errors);
  await checkReferences(trx, def, defs, p, out);
  return out;
}

/** Relation and user values must point at existing records the writer may see (a hidden one answers like a missing one). */
async function checkReferences(trx: Executor, def: ObjectDefinition, defs: Map<string, ObjectDefinition>, p: Principal, values: Record<string, unknown>): Promise<void> {
  const errors: FieldError[] = [];
  for (const f of def.fields) {
    const v = values[f.key];
    if (f.type === 'relations' && Array.isArray(v) && f.relationTarget) {
      // Each id must be a live record the writer may see (one query for the list); errors name its index.
      const t = targetOf(defs, f.relationTarget);
      const found = t ? new Map((await repo.refs(trx, t.table, 'id', v as string[])).map((r) => [r.id, r])) : new Map();
      (v as string[]).forEach((id, i) => {
        const r = found.get(id);
        if (!r || r.deleted_at !== null || !canSeeRow(p, t!.module, r)) errors.push({ path: `values.${f.key}.${i}`, message: 'no such record' });
      });
      continue;
    }
    if (typeof v !== 'string') continue;
    if (f.type === 'user') {
      const u = await trx.selectFrom('users').select('id').where('id', '=', v).executeTakeFirst();
      if (!u) errors.push({ path: `values.${f.key}`, message: 'no such user' });
    } else if (f.type === 'relation' && f.relationTarget) {
      const custom = defs.get(f.relationTarget);
      const std = custom ? undefined : relationTarget(f.relationTarget);
      const table = custom?.table ?? std?.table;
      const module = custom?.permissionModule ?? std?.permissionModule;
      const found = table && module ? (await repo.refs(trx, table, 'id', [v]))[0] : undefined;
      if (!found || found.deleted_at !== null || !canSeeRow(p, module!, found)) errors.push({ path: `values.${f.key}`, message: 'no such record' });
    }
  }
  if (errors.length) throw fail(errors);
}

/** Table and permission module of a relation's target (engine object, or contacts/companies), or undefined. */
function targetOf(defs: Map<string, ObjectDefinition>, name: string): { table: string; module: string } | undefined {
  const custom = defs.get(name);
  if (custom) return { table: custom.table, module: custom.permissionModule };
  const std = relationTarget(name);
  return std ? { table: std.table, module: std.permissionModule } : undefined;
}

/** Keeps `record_links` in step with the many-to-many values this write sets (same transaction). */
async function writeLinks(trx: Executor, def: ObjectDefinition, id: string, values: Record<string, unknown>, keys: Iterable<string>): Promise<void> {
  for (const key of keys) {
    const f = def.fields.find((x) => x.key === key);
    if (f?.type !== 'relations' || !f.relationTarget) continue;
    await repo.setLinks(trx, def.name, f.key, id, f.relationTarget, (values[key] as string[] | null) ?? []);
  }
}

/** search_text: the normalised text of the searchable fields (derived here, and nowhere else). */
function searchText(def: ObjectDefinition, values: Record<string, unknown>): string {
  return normaliseSearch(def.fields.filter((f) => f.searchable).map((f) => valueText(f, values[f.key])).filter(Boolean).join(' ')).slice(0, 4000);
}

async function ownerAndTeam(trx: Executor, p: Principal, input: WriteInput, current: { owner: string | null; team: string | null }): Promise<{ owner: string | null; team: string | null }> {
  let owner = current.owner;
  let team = current.team;
  if (input.ownerId !== undefined) {
    owner = input.ownerId;
    if (owner !== null) {
      const u = await trx.selectFrom('users').select(['id', 'team_id']).where('id', '=', owner).executeTakeFirst();
      if (!u) throw fail([{ path: 'ownerId', message: 'no such user' }]);
      if (input.teamId === undefined) team = u.team_id;
    }
  }
  if (input.teamId !== undefined) {
    team = input.teamId;
    if (team !== null && !(await trx.selectFrom('teams').select('id').where('id', '=', team).executeTakeFirst())) throw fail([{ path: 'teamId', message: 'no such team' }]);
  }
  return { owner, team };
}

async function record(trx: Executor, def: ObjectDefinition, p: Principal, id: string, kind: 'created' | 'updated' | 'deleted' | 'restored', changes: Changes, before: unknown, after: unknown): Promise<void> {
  const at = nowIso();
  await repo.addEvent(trx, { id: newId(), type_name: def.name, record_id: id, kind, at, actor_id: p.userId, actor_label: p.name || p.email, changes: JSON.stringify(changes) });
  const action = { created: 'create', updated: 'update', deleted: 'delete', restored: 'restore' }[kind];
  await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action, entity: `object:${def.name}`, entityId: id, before, after });
  await emitEvent(trx, { type: `record.${kind}`, entity: def.name, entityId: id, actorId: p.userId, data: { type: def.name, id, changes } });
}

async function insertChecked(trx: Executor, def: ObjectDefinition, row: Record<string, unknown>): Promise<void> {
  try {
    await repo.insert(trx, def, row);
  } catch (err) {
    throw uniqueError(def, err);
  }
}

function uniqueError(def: ObjectDefinition, err: unknown): unknown {
  if (!isUniqueViolation(err)) return err;
  const f = def.fields.find((x) => x.unique && String((err as Error).message).includes(x.column));
  const path = f ? `values.${f.key}` : 'values';
  return new AppError('duplicate', `${path}: another record already has this value`, [{ path, message: 'already used by another record' }]);
}

export const pipeline = {
  /** Creates a record; returns its id. */
  async create(trx: Executor, def: ObjectDefinition, defs: Map<string, ObjectDefinition>, p: Principal, input: WriteInput): Promise<string> {
    assertCan(p, def.permissionModule, 'create');
    const values = await checkValues(trx, def, defs, p, input.values ?? {}, true, input.derived);
    const given = await ownerAndTeam(trx, p, { ...input, ownerId: input.ownerId === undefined ? p.userId : input.ownerId },
      { owner: p.userId, team: p.teamId });
    assertStaysVisible(p, def.permissionModule, given.owner, given.team);
    const id = newId();
    const ctx: WriteContext = { trx, def, defs, principal: p, id, kind: 'created', before: null, values, ownerId: given.owner, teamId: given.team, ownerGiven: input.ownerId !== undefined };
    await def.hooks?.beforeWrite?.(ctx);
    Object.assign(values, computedOnCreate(def, values));
    // A hook may assign the new record (a lead's assignment rules); it answers for the owner it picks.
    const owner = ctx.ownerId;
    const team = ctx.teamId === undefined ? given.team : ctx.teamId;
    const now = nowIso();
    const row: Record<string, unknown> = {
      id, version: 1, owner_id: owner, team_id: team, created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId,
      deleted_at: null, search_text: searchText(def, values),
    };
    for (const f of def.fields) if (f.key in values) Object.assign(row, columnsOf(f, values[f.key]));
    await insertChecked(trx, def, row);
    await writeLinks(trx, def, id, values, Object.keys(values));
    const changes: Changes = {};
    for (const [k, v] of Object.entries(values)) if (v !== null) changes[k] = { old: null, new: v };
    await record(trx, def, p, id, 'created', changes, null, { values, ownerId: owner, teamId: team });
    await feedRollups(trx, defs, def, null, values, null);
    await def.hooks?.afterWrite?.({ ...ctx, after: values, changes });
    return id;
  },

  /** Updates given values/owner/team; 412 when `expected` is not the stored version. Returns the changed keys. */
  async update(trx: Executor, def: ObjectDefinition, defs: Map<string, ObjectDefinition>, p: Principal, id: string, input: WriteInput, expected?: number): Promise<string[]> {
    assertCan(p, def.permissionModule, 'update');
    const row = await loadLive(trx, def, p, id);
    assertVersion(expected, row.version);
    const values = await checkValues(trx, def, defs, p, input.values ?? {}, false, input.derived);
    const { owner, team } = await ownerAndTeam(trx, p, input, { owner: row.owner_id, team: row.team_id });
    assertStaysVisible(p, def.permissionModule, owner, team);
    const before = rowValues(def, row);
    const ctx: WriteContext = { trx, def, defs, principal: p, id, kind: 'updated', before, values, ownerId: owner, teamId: team, ownerGiven: input.ownerId !== undefined };
    await def.hooks?.beforeWrite?.(ctx);
    // Formulas follow the record's new values (stored with them; a changed result is part of the diff).
    Object.assign(values, computeFormulas(def, { ...before, ...values }));
    const after = { ...before, ...values };
    const changes: Changes = {};
    for (const [k, v] of Object.entries(values)) if (!sameValue(before[k], v)) changes[k] = { old: before[k] ?? null, new: v };
    const set: Record<string, unknown> = {};
    for (const k of Object.keys(changes)) {
      const f = def.fields.find((x) => x.key === k)!;
      Object.assign(set, columnsOf(f, values[k]));
    }
    if (owner !== row.owner_id) { set.owner_id = owner; changes.ownerId = { old: row.owner_id, new: owner }; }
    if (team !== row.team_id) { set.team_id = team; changes.teamId = { old: row.team_id, new: team }; }
    if (Object.keys(set).length === 0) return [];
    set.search_text = searchText(def, after);
    set.updated_at = nowIso();
    set.updated_by = p.userId;
    let n: number;
    try {
      n = await repo.update(trx, def, id, set, row.version);
    } catch (err) {
      throw uniqueError(def, err);
    }
    if (n === 0) assertVersion(row.version, row.version + 1); // a concurrent writer won: 412
    await writeLinks(trx, def, id, values, Object.keys(changes));
    await record(trx, def, p, id, 'updated', changes, pick(before, changes), pick(after, changes));
    await feedRollups(trx, defs, def, before, after, Object.keys(changes));
    await def.hooks?.afterWrite?.({ ...ctx, after, changes });
    return Object.keys(changes);
  },

  /** Moves a record to the recycle bin. */
  async remove(trx: Executor, def: ObjectDefinition, p: Principal, id: string, expected?: number): Promise<void> {
    assertCan(p, def.permissionModule, 'delete');
    const row = await loadLive(trx, def, p, id);
    assertVersion(expected, row.version);
    const now = nowIso();
    await repo.update(trx, def, id, { deleted_at: now, updated_at: now, updated_by: p.userId });
    await record(trx, def, p, id, 'deleted', {}, { deletedAt: null }, { deletedAt: now });
    const before = rowValues(def, row);
    await feedRollups(trx, await fresh(trx), def, null, before, null);
    await def.hooks?.afterWrite?.({ trx, def, defs: new Map([[def.name, def]]), principal: p, id, kind: 'deleted', before, values: {}, ownerId: row.owner_id, after: before, changes: {} });
  },

  /** Brings a record back from the recycle bin (unique values must still be free). */
  async restore(trx: Executor, def: ObjectDefinition, p: Principal, id: string): Promise<void> {
    assertCan(p, def.permissionModule, 'delete');
    const row = await repo.get(trx, def, id);
    if (!row) throw notFound(def.labels.en.singular);
    assertVisible(p, def.permissionModule, row, def.labels.en.singular);
    if (row.deleted_at === null) throw new AppError('conflict', 'The record is not in the recycle bin');
    try {
      await repo.update(trx, def, id, { deleted_at: null, updated_at: nowIso(), updated_by: p.userId });
    } catch (err) {
      throw uniqueError(def, err);
    }
    await record(trx, def, p, id, 'restored', {}, { deletedAt: row.deleted_at }, { deletedAt: null });
    await feedRollups(trx, await fresh(trx), def, null, rowValues(def, row), null);
  },
};

function pick(values: Record<string, unknown>, changes: Changes): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changes).filter((k) => k in values).map((k) => [k, values[k]]));
}

/** A live record the principal may see, or 404. */
export async function loadLive(ex: Executor, def: ObjectDefinition, p: Principal, id: string): Promise<RecordRow> {
  const row = await repo.get(ex, def, id);
  if (!row || row.deleted_at !== null) throw notFound(def.labels.en.singular);
  assertVisible(p, def.permissionModule, row, def.labels.en.singular);
  return row;
}
