/** Custom field definitions (admin) and applying values to a record's `custom` object on write. */
import type { CustomFieldInput, CustomFieldPatch } from '../../../../contracts/custom-fields.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { assertVersion } from '../../platform/http/etag.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { canSeeField } from './contacts.policy.js';
import { assertLinkable } from './contacts.relations.js';
import { checkCustomValue, type CustomFieldDef } from './custom-fields.logic.js';
import { findDef, listDefs } from './custom-fields.repository.js';

const actor = (p: Principal) => ({ id: p.userId, label: p.email });

/** Validates the definition's own consistency (options for selects, relation target, default value). */
function checkDefinition(d: Pick<CustomFieldDef, 'type' | 'options' | 'relationEntity' | 'default'>, region: string): unknown {
  if ((d.type === 'select' || d.type === 'multi_select') && d.options.length === 0) throw invalid('options', 'a select needs at least one option');
  const values = d.options.map((o) => o.value);
  if (new Set(values).size !== values.length) throw invalid('options', 'option values must be unique');
  if (d.type === 'relation' && !d.relationEntity) throw invalid('relationEntity', 'required for a relation field');
  if (d.default === undefined || d.default === null) return null;
  if (d.type === 'user' || d.type === 'relation') throw invalid('default', 'user and relation fields take no default');
  const c = checkCustomValue(d, d.default, region);
  if (!c.ok) throw invalid('default', c.message);
  return c.value;
}

export const customFieldsService = {
  list: (db: Executor, entity?: 'contact' | 'company') => listDefs(db, entity),

  async create(database: Database, p: Principal, input: CustomFieldInput, region: string): Promise<CustomFieldDef> {
    const options = input.options ?? [];
    const relationEntity = input.type === 'relation' ? (input.relationEntity ?? null) : null;
    const def = checkDefinition({ type: input.type, options, relationEntity, default: input.default }, region);
    const now = nowIso();
    const row = {
      id: newId(), entity: input.entity, key: input.key, type: input.type, label: JSON.stringify(input.label),
      options: JSON.stringify(options), required: input.required ? 1 : 0, default_value: def === null ? null : JSON.stringify(def),
      classification: input.classification ?? 'internal', relation_entity: relationEntity,
      currency: input.type === 'money' ? (input.currency ?? 'VND') : null, position: input.position ?? 0,
      created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId,
    };
    try {
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('custom_fields').values(row).execute();
        await appendAudit(trx, { actor: actor(p), action: 'create', entity: 'custom_field', entityId: row.id, after: row });
        await emitEvent(trx, { type: 'custom_field.created', entity: 'custom_field', entityId: row.id, actorId: p.userId, data: { key: row.key, entity: row.entity } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('conflict', `key: ${input.key} already exists for ${input.entity}`, [{ path: 'key', message: 'already exists' }]);
      throw err;
    }
    return (await findDef(database.db, row.id))!;
  },

  async update(database: Database, p: Principal, id: string, patch: CustomFieldPatch, expected: number | undefined, region: string): Promise<CustomFieldDef> {
    return database.db.transaction().execute(async (trx) => {
      const before = await findDef(trx, id);
      if (!before) throw notFound('custom field');
      assertVersion(expected, before.version);
      const merged = { ...before, ...patch, options: patch.options ?? before.options };
      const def = checkDefinition({ ...merged, default: patch.default !== undefined ? patch.default : before.default }, region);
      const res = await trx
        .updateTable('custom_fields')
        .set({
          label: JSON.stringify(merged.label), options: JSON.stringify(merged.options), required: merged.required ? 1 : 0,
          default_value: def === null ? null : JSON.stringify(def), classification: merged.classification,
          currency: before.type === 'money' ? (merged.currency ?? before.currency) : null, position: merged.position,
          version: before.version + 1, updated_at: nowIso(), updated_by: p.userId,
        })
        .where('id', '=', id)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('custom field changed concurrently; retry');
      const after = (await findDef(trx, id))!;
      await appendAudit(trx, { actor: actor(p), action: 'update', entity: 'custom_field', entityId: id, before, after });
      await emitEvent(trx, { type: 'custom_field.updated', entity: 'custom_field', entityId: id, actorId: p.userId, data: { key: after.key } });
      return after;
    });
  },

  /** Removes the definition; stored values stay in `custom` but are no longer presented or validated. */
  async remove(database: Database, p: Principal, id: string): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      const before = await findDef(trx, id);
      if (!before) throw notFound('custom field');
      await trx.deleteFrom('custom_fields').where('id', '=', id).execute();
      await appendAudit(trx, { actor: actor(p), action: 'delete', entity: 'custom_field', entityId: id, before });
      await emitEvent(trx, { type: 'custom_field.deleted', entity: 'custom_field', entityId: id, actorId: p.userId, data: { key: before.key } });
    });
  },
};

/**
 * Merges incoming custom values into the stored ones: unknown key → 400, a field above the writer's
 * classification → 403, type check → 400 `custom.<key>`, user/relation ids must exist, defaults on create,
 * required fields must end up non-empty.
 */
export async function applyCustomValues(
  trx: Executor,
  p: Principal,
  defs: CustomFieldDef[],
  incoming: Record<string, unknown> | undefined,
  existing: Record<string, unknown> | null,
  region: string,
): Promise<Record<string, unknown>> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, unknown> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(incoming ?? {})) {
    const def = byKey.get(key);
    if (!def) throw invalid(`custom.${key}`, 'no such custom field');
    if (!canSeeField(p, def.classification)) {
      throw new AppError('forbidden', `custom.${key}: your role cannot see or change this field`, [{ path: `custom.${key}`, message: 'classified above your level' }]);
    }
    const c = checkCustomValue(def, value, region);
    if (!c.ok) throw invalid(`custom.${key}`, c.message);
    if (c.value !== null && def.type === 'user') await assertUserExists(trx, key, c.value as string);
    // A relation to a record outside the writer's scope is refused exactly like one to a missing record.
    if (c.value !== null && def.type === 'relation') await assertLinkable(trx, p, def.relationEntity ?? 'contact', c.value as string, `custom.${key}`);
    if (c.value === null) delete out[key];
    else out[key] = c.value;
  }
  for (const def of defs) {
    if (existing === null && out[def.key] === undefined && def.default !== null && def.default !== undefined) out[def.key] = def.default;
    const v = out[def.key];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    // On update only a field the caller touches must stay filled, so adding a required field later does
    // not block every unrelated edit of older records.
    if (def.required && empty && (existing === null || (incoming && def.key in incoming))) throw invalid(`custom.${def.key}`, 'required');
  }
  return out;
}

async function assertUserExists(trx: Executor, key: string, id: string): Promise<void> {
  if (!(await trx.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst())) throw invalid(`custom.${key}`, 'no such user');
}
