/**
 * The one presenter of classified fields. Every read path that shows a record's values or a change of them
 * (record, list, export, timeline field changes, merge preview and result, audit viewer) passes them through
 * here, so masking by the reader's clearance is a property of the read path, not of each feature.
 *
 * Classifications come from the module that owns an entity's fields (`registerFieldClassifications`, e.g.
 * the contacts module for `contact` and `company` custom fields), so a caller only names the entity:
 *
 *   const fields = await fieldClassifications(ex, 'contact');
 *   const { custom, masked } = maskCustom(principal, row.custom, fields);
 *   const changes = maskChanges(principal, [{ field: 'custom', before, after }], fields);
 *
 * Fail closed: a custom key with no current definition (deleted field, hand-written value) is hidden from
 * everyone but administrators, as a restricted one would be.
 */
import { canSeeClassification, type Classification, type Principal } from '../auth/principal.js';
import type { Executor } from '../db/db.js';

/** Classification of each custom field of an entity, by key. Standard columns are not classified. */
export type FieldClassifications = ReadonlyMap<string, Classification>;

/** A field change as presented: values null and `masked: true` when the reader may not see them. */
export interface PresentedChange {
  field: string;
  before: unknown;
  after: unknown;
  masked?: boolean;
}

type Loader = (ex: Executor) => Promise<FieldClassifications>;
const loaders = new Map<string, Loader>();

/** The owning module declares where an entity's field classifications come from (call at import). */
export function registerFieldClassifications(entity: string, load: Loader): void {
  loaders.set(entity, load);
}

/** The current classifications of an entity's custom fields (empty for an entity without custom fields). */
export async function fieldClassifications(ex: Executor, entity: string): Promise<FieldClassifications> {
  const load = loaders.get(entity);
  return load ? load(ex) : new Map();
}

/** Builds the map from field definitions (`{ key, classification }`). */
export function classificationsOf(defs: readonly { key: string; classification: string }[]): FieldClassifications {
  return new Map(defs.map((d) => [d.key, d.classification as Classification]));
}

/** May the reader see this custom field's values? Unknown keys: administrators only (fail closed). */
export function canSeeCustomField(p: Principal, fields: FieldClassifications, key: string): boolean {
  const level = fields.get(key);
  return level === undefined ? p.isAdmin : canSeeClassification(p, level);
}

const asObject = (v: unknown): Record<string, unknown> | null => {
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
};

/**
 * A record's custom values as the reader may see them. With `defined` (the record presenters), exactly
 * the defined fields are listed, hidden ones as null and named in `masked`; without it (snapshots, merge
 * records) the stored keys are kept and hidden ones are nulled. `stored` may be the JSON text of the column.
 * Example: `maskCustom(p, '{"salary":9000}', fields, true)` → `{ custom: { salary: null }, masked: ['salary'] }`
 * for a reader below the field's level.
 */
export function maskCustom(p: Principal, stored: unknown, fields: FieldClassifications, defined = false): { custom: Record<string, unknown>; masked: string[] } {
  const values = asObject(stored) ?? {};
  const keys = defined ? [...fields.keys()] : Object.keys(values);
  const custom: Record<string, unknown> = {};
  const masked: string[] = [];
  for (const key of keys) {
    if (canSeeCustomField(p, fields, key)) custom[key] = values[key] ?? null;
    else {
      custom[key] = null;
      masked.push(key);
    }
  }
  return { custom, masked };
}

/**
 * Field changes as the reader may see them. A change of the whole `custom` column (as audit diffs hold
 * it, object or JSON text) becomes one `custom.<key>` change per changed key, so a reader sees that an
 * allowed field changed and, for a hidden one, only that it changed (values null, `masked: true`).
 * A `custom.<key>` change is masked by that key's classification.
 */
export function maskChanges(p: Principal, changes: readonly { field: string; before: unknown; after: unknown }[], fields: FieldClassifications): PresentedChange[] {
  const out: PresentedChange[] = [];
  const push = (field: string, key: string, before: unknown, after: unknown) => {
    if (canSeeCustomField(p, fields, key)) out.push({ field, before: before ?? null, after: after ?? null });
    else out.push({ field, before: null, after: null, masked: true });
  };
  for (const c of changes) {
    if (c.field === 'custom') {
      const b = asObject(c.before) ?? {};
      const a = asObject(c.after) ?? {};
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null)) push(`custom.${key}`, key, b[key], a[key]);
      }
    } else if (c.field.startsWith('custom.')) push(c.field, c.field.slice('custom.'.length), c.before, c.after);
    else out.push({ field: c.field, before: c.before ?? null, after: c.after ?? null });
  }
  return out;
}

/**
 * A stored snapshot of a record (an audit entry's before/after: a row, a diff, or an object nesting rows,
 * as a merge entry's `{ survivor, merged }`) with every `custom` value masked for the reader, at any depth.
 * The JSON-text form of the column stays text, so the snapshot keeps its stored shape.
 */
export function maskSnapshot(p: Principal, value: unknown, fields: FieldClassifications, depth = 0): unknown {
  if (depth > 4 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskSnapshot(p, v, fields, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'custom' && v !== null && v !== undefined) {
      const { custom } = maskCustom(p, v, fields);
      out[k] = typeof v === 'string' ? JSON.stringify(custom) : custom;
    } else out[k] = maskSnapshot(p, v, fields, depth + 1);
  }
  return out;
}
