/**
 * The definition registry: the standard objects modules declare in code (`registerStandardObject`) and every
 * custom object's definition, loaded from the metadata tables and cached per process. Fields administrators
 * add to a standard object live in `record_fields` like a custom object's and are appended to its definition. Each definition change bumps `record_meta.version` in its own transaction; `fresh()` compares that
 * one row with the cached version before a request uses definitions, so a node sees another node's change on
 * its next request (PostgreSQL, several nodes) without any message bus.
 */
import type { Executor } from '../db/db.js';
import type { PermissionModule } from '../context.js';
import type { ComputedSpec, FieldDefinition, ObjectDefinition, RelationTarget } from './definitions.js';
import { parseFormula } from './formula.js';
import type { Classification } from '../auth/principal.js';
import type { FieldType, SelectOption } from '../../../../contracts/records.js';
import './records.tables.js';

/** Definitions by database epoch (one per database; a test process serves several). */
const caches = new Map<string, { version: number; byName: Map<string, ObjectDefinition> }>();
const targets = new Map<string, RelationTarget>();
const standards = new Map<string, ObjectDefinition>();
/** The app's permission-module list (role editor); custom objects are kept in it as `object:<name>`. */
let permissionList: PermissionModule[] | null = null;

/**
 * Registers a standard object: a definition in code over the table its module's migration creates (system
 * columns of `createObjectTable` plus one column per field). Registered before the first request, at module
 * load; a later registration of the same name replaces it (tests build several apps in one process).
 */
export function registerStandardObject(def: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'>): void {
  standards.set(def.name, { ...def, custom: false, version: 1, createdAt: '2026-12-07T00:00:00.000Z', updatedAt: '2026-12-07T00:00:00.000Z' });
  caches.clear();
}

/** The registered standard objects (as declared, without administrators' fields). */
export function standardObjects(): ObjectDefinition[] {
  return [...standards.values()];
}

/** Registers a record type owned by a module (contacts, companies) as a relation target. */
export function registerRelationTarget(t: RelationTarget): void {
  targets.set(t.name, t);
}
export function relationTarget(name: string): RelationTarget | undefined {
  return targets.get(name);
}
export function relationTargets(): RelationTarget[] {
  return [...targets.values()];
}

/**
 * Keeps `list` (the context's permission modules) in step with the custom objects, so the role editor offers
 * each object and role validation accepts its key. Called once by the records module at start.
 */
export function attachPermissionList(list: PermissionModule[]): void {
  permissionList = list;
}

function syncPermissions(defs: ObjectDefinition[]): void {
  if (!permissionList) return;
  for (let i = permissionList.length - 1; i >= 0; i--) if (permissionList[i]!.key.startsWith('object:')) permissionList.splice(i, 1);
  for (const d of defs) permissionList.push({ key: d.permissionModule, label: { en: d.labels.en.plural, vi: d.labels.vi.plural }, scoped: true });
}

async function load(db: Executor): Promise<Map<string, ObjectDefinition>> {
  const types = await db.selectFrom('record_types').selectAll().orderBy('created_at').orderBy('name').execute();
  const fields = await db.selectFrom('record_fields').selectAll().orderBy('type_name').orderBy('position').orderBy('created_at').execute();
  const byName = new Map<string, ObjectDefinition>();
  // Copies: administrators' fields are appended per load, never to the registered definition.
  for (const d of standards.values()) {
    const copy = { ...d, fields: d.fields.map((f) => ({ ...f })) };
    await d.prepare?.(db, copy);
    byName.set(d.name, copy);
  }
  for (const t of types) {
    if (byName.has(t.name)) continue;
    byName.set(t.name, {
      name: t.name, labels: JSON.parse(t.labels), icon: t.icon, titleField: t.title_field, table: t.table_name, custom: true,
      permissionModule: `object:${t.name}`, fields: [], version: t.version, createdAt: t.created_at, updatedAt: t.updated_at,
    });
  }
  for (const f of fields) {
    const def = byName.get(f.type_name);
    if (!def) continue;
    const field: FieldDefinition = {
      key: f.key, type: f.type as FieldType, column: f.column_name, labels: JSON.parse(f.labels), help: f.help ? JSON.parse(f.help) : null,
      required: f.required === 1, unique: f.is_unique === 1, default: f.default_value === null ? null : JSON.parse(f.default_value),
      classification: f.classification as Classification, filterable: f.filterable === 1, sortable: f.sortable === 1,
      searchable: f.searchable === 1, options: f.options ? (JSON.parse(f.options) as SelectOption[]) : null, currency: f.currency,
      relationTarget: f.relation_target, readOnly: false, archived: f.archived === 1, position: f.position,
    };
    if (f.computed) {
      // Formula and rollup fields: read-only, the formula parsed once per load (it was checked when saved).
      const spec = JSON.parse(f.computed) as ComputedSpec;
      if (spec.formula) {
        try { spec.expr = parseFormula(spec.formula); } catch { /* kept without an expression: computes nothing */ }
      }
      field.computed = spec;
      field.readOnly = true;
    }
    def.fields.push(field);
  }
  return byName;
}

/** The current metadata version and the database's epoch (one primary-key read). */
export async function metaVersion(db: Executor): Promise<{ version: number; epoch: string }> {
  const row = await db.selectFrom('record_meta').select(['version', 'epoch']).where('id', '=', 1).executeTakeFirst();
  return row ?? { version: 0, epoch: '' };
}

/** Bumps the metadata version inside a definition-changing transaction. */
export async function bumpMetaVersion(trx: Executor): Promise<void> {
  await trx.updateTable('record_meta').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
}

/** Every definition, reloaded when the metadata version moved since the last load. */
export async function fresh(db: Executor): Promise<Map<string, ObjectDefinition>> {
  const { version, epoch } = await metaVersion(db);
  const cached = caches.get(epoch);
  if (cached && cached.version === version) return cached.byName;
  const byName = await load(db);
  caches.set(epoch, { version, byName });
  syncPermissions([...byName.values()].filter((d) => d.custom));
  return byName;
}

/** Drops the cache (after a definition transaction rolled back, or in tests). */
export function invalidateDefinitions(): void {
  caches.clear();
}
