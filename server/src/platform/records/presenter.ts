/**
 * Stored rows → what clients see, with classification masking in one place: a field above the reader's
 * level is null and listed in `masked` — on records, lists, timelines and exports alike.
 */
import type { Principal } from '../auth/principal.js';
import type { RecordData, RecordEvent, RecordType, RelatedRef } from '../../../../contracts/records.js';
import type { ObjectDefinition } from './definitions.js';
import { canSeeField, permissionsOf } from './policy.js';
import { canSeeCustomField, classificationsOf, maskCustom } from './masking.js';
import type { RecordRow } from './repository.js';
import { fromRow, valueText } from './values.js';

/** Wire values of a row, every field (archived included), unmasked: for the pipeline's diffs. */
export function rowValues(def: ObjectDefinition, row: RecordRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) out[f.key] = fromRow(f, row);
  return out;
}

/** Keys the reader may not see. */
export function maskedKeys(def: ObjectDefinition, p: Principal): string[] {
  return def.fields.filter((f) => !canSeeField(p, f)).map((f) => f.key);
}

/** Title text of a row ('' when empty or masked). */
export function titleOf(def: ObjectDefinition, row: RecordRow, p: Principal | null): string {
  const f = def.fields.find((x) => x.key === def.titleField);
  if (!f || (p && !canSeeField(p, f))) return '';
  return valueText(f, fromRow(f, row));
}

export function presentRecord(def: ObjectDefinition, row: RecordRow, p: Principal, included?: Record<string, RelatedRef | null>, includedMany?: Record<string, RelatedRef[]>): RecordData {
  // The platform's one masking presenter: every defined field listed, hidden ones null and named in `masked`.
  const { custom: values, masked } = maskCustom(p, rowValues(def, row), classificationsOf(def.fields), true);
  const out: RecordData = {
    id: row.id,
    version: row.version,
    values,
    title: titleOf(def, row, p),
    ownerId: row.owner_id,
    teamId: row.team_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
    masked,
  };
  if (included) out.included = included;
  if (includedMany && Object.keys(includedMany).length) out.includedMany = includedMany;
  return out;
}

const SYSTEM_KEYS: ReadonlySet<string> = new Set(['ownerId', 'teamId']);

export interface EventRow {
  id: string; kind: string; at: string; actor_id: string | null; actor_label: string | null; changes: string;
}

/** A timeline entry; changes of fields the reader may not see keep their key but lose both values. */
export function presentEvent(def: ObjectDefinition, e: EventRow, p: Principal): RecordEvent {
  const fields = classificationsOf(def.fields);
  const changes = JSON.parse(e.changes) as Record<string, { old: unknown; new: unknown }>;
  const out: Record<string, { old: unknown; new: unknown }> = {};
  const hidden: string[] = [];
  for (const [k, v] of Object.entries(changes)) {
    // Owner and team are not classified; any other key is a field, unknown ones hidden (fail closed).
    if (!SYSTEM_KEYS.has(k) && !canSeeCustomField(p, fields, k)) {
      out[k] = { old: null, new: null };
      hidden.push(k);
    } else out[k] = v;
  }
  return { id: e.id, type: e.kind as RecordEvent['type'], at: e.at, actorId: e.actor_id, actorLabel: e.actor_label, changes: out, masked: hidden };
}

/** A definition as `GET /record-types` reports it, with the caller's rights. */
export function presentType(def: ObjectDefinition, p: Principal): RecordType {
  return {
    name: def.name, labels: def.labels, icon: def.icon, titleField: def.titleField, custom: def.custom,
    permissionModule: def.permissionModule,
    fields: def.fields.map((f) => ({
      key: f.key, type: f.type, labels: f.labels, help: f.help, required: f.required, unique: f.unique, default: f.default ?? null,
      classification: f.classification, filterable: f.filterable, sortable: f.sortable, searchable: f.searchable,
      options: f.options, currency: f.currency, relation: f.relationTarget ? { target: f.relationTarget, kind: f.type === 'relations' ? 'many_to_many' as const : 'many_to_one' as const } : null,
      readOnly: f.readOnly, archived: f.archived, position: f.position,
      ...(f.computed ? { formula: f.computed.formula ?? null, rollup: f.computed.rollup ?? null, resultType: f.computed.resultType } : {}),
      ...(f.display ? { display: f.display } : {}),
    })),
    kanbanFields: def.fields.filter((f) => f.type === 'select' && !f.archived && canSeeField(p, f)).map((f) => f.key),
    permissions: permissionsOf(p, def.permissionModule),
    version: def.version, createdAt: def.createdAt, updatedAt: def.updatedAt,
  };
}
