/** SQL of custom field definitions. */
import type { Executor } from '../../platform/db/db.js';
import type { CustomFieldsTable } from './contacts.tables.js';
import type { CustomFieldDef } from './custom-fields.logic.js';

type Row = Omit<CustomFieldsTable, 'version'> & { version: number };

export function defFromRow(r: Row): CustomFieldDef {
  return {
    id: r.id,
    entity: r.entity as CustomFieldDef['entity'],
    key: r.key,
    type: r.type as CustomFieldDef['type'],
    label: JSON.parse(r.label),
    options: JSON.parse(r.options),
    required: r.required === 1,
    default: r.default_value === null ? null : JSON.parse(r.default_value),
    classification: r.classification as CustomFieldDef['classification'],
    relationEntity: r.relation_entity as CustomFieldDef['relationEntity'],
    currency: r.currency,
    position: r.position,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listDefs(db: Executor, entity?: 'contact' | 'company'): Promise<CustomFieldDef[]> {
  let q = db.selectFrom('custom_fields').selectAll();
  if (entity) q = q.where('entity', '=', entity);
  const rows = await q.orderBy('entity').orderBy('position').orderBy('key').execute();
  return rows.map(defFromRow);
}

export async function findDef(db: Executor, id: string): Promise<CustomFieldDef | undefined> {
  const r = await db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? defFromRow(r) : undefined;
}
