/**
 * Names of the records a page of audit entries points at: one query per entity type for the page's ids
 * (never one per entry). Records that are gone (missing, in the recycle bin, erased) get no name and
 * `entityGone`; custom object titles go through the field masking like any record read.
 */
import type { AuditEntry } from '../../../../contracts/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { canSeeField, fresh, fromColumn, valueText } from '../../platform/records/index.js';
import { namesOf, type NameSource } from './audit.repository.js';

/** Entity types with a name, and where it lives. */
const sources: Record<string, NameSource> = {
  contact: { table: 'contacts', column: 'display_name', goneColumns: ['deleted_at', 'erased_at'] },
  company: { table: 'companies', column: 'name', goneColumns: ['deleted_at'] },
  user: { table: 'users', column: 'name' },
  team: { table: 'teams', column: 'name' },
  role: { table: 'roles', column: 'name' },
  api_key: { table: 'api_keys', column: 'name' },
  import: { table: 'imports', column: 'file_name' },
  saved_view: { table: 'saved_views', column: 'name' },
  custom_field: { table: 'custom_fields', column: 'label' },
  record_type: { table: 'record_types', idColumn: 'name', column: 'labels' },
};

type Named = Omit<AuditEntry, 'entityName' | 'entityGone'>;

function recordTypeLabel(labels: unknown, locale: string): string | null {
  try {
    const l = JSON.parse(String(labels)) as Record<string, { singular: string }>;
    return (l[locale] ?? l.en)?.singular ?? null;
  } catch {
    return null;
  }
}

/** `entries` with entityName/entityGone filled in for the reader `p`. */
export async function withNames(ex: Executor, p: Principal, entries: Named[]): Promise<AuditEntry[]> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.entityId) continue;
    if (!sources[e.entity] && !e.entity.startsWith('object:')) continue;
    if (!idsByType.has(e.entity)) idsByType.set(e.entity, new Set());
    idsByType.get(e.entity)!.add(e.entityId);
  }
  /** entity → id → name (null = exists but masked or empty); an id absent from the map is gone. */
  const found = new Map<string, Map<string, { name: string | null; gone: boolean }>>();
  const defs = [...idsByType.keys()].some((t) => t.startsWith('object:')) ? await fresh(ex) : null;
  for (const [type, ids] of idsByType) {
    const out = new Map<string, { name: string | null; gone: boolean }>();
    found.set(type, out);
    if (type.startsWith('object:')) {
      const def = defs!.get(type.slice('object:'.length));
      const title = def?.fields.find((f) => f.key === def.titleField);
      if (!def || !title) continue; // the type was archived or removed: its records are gone
      for (const r of await namesOf(ex, { table: def.table, column: title.column, goneColumns: ['deleted_at'] }, [...ids])) {
        const text = canSeeField(p, title) ? valueText(title, fromColumn(title, r.name)) : '';
        out.set(r.id, { name: text || null, gone: r.gone });
      }
      continue;
    }
    const src = sources[type]!;
    for (const r of await namesOf(ex, src, [...ids])) {
      const name = type === 'record_type' ? recordTypeLabel(r.name, p.locale) : r.name === null ? null : String(r.name);
      out.set(r.id, { name: name || null, gone: r.gone });
    }
  }
  return entries.map((e) => {
    const byId = e.entityId ? found.get(e.entity) : undefined;
    if (!byId) return { ...e, entityName: null, entityGone: false };
    const hit = byId.get(e.entityId!);
    if (!hit || hit.gone) return { ...e, entityName: null, entityGone: true };
    return { ...e, entityName: hit.name, entityGone: false };
  });
}
