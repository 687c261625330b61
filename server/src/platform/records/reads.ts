/** Read use cases of any object: one record, pages, capped counts, timeline, included relations, back-references. */
import { scopeOf, type Principal } from '../auth/principal.js';
import type { Database, Executor } from '../db/db.js';
import { invalid, notFound } from '../http/errors.js';
import { decodeCursor, toPage } from '../http/pagination.js';
import type { ByRelationResult, RecordData, RecordEvent, RecordListQuery, RecordRefsResult, RelatedRef } from '../../../../contracts/records.js';
import { columnKindOf, type ObjectDefinition } from './definitions.js';
import { assertCan, assertVisible, canSeeField, canSeeRow, scopeWhere } from './policy.js';
import { presentEvent, presentRecord, titleOf } from './presenter.js';
import { afterCursor, denseLinkFilters, listConditions, orderBy, parseFilterParam, parseSort, type ListSpec } from './query.js';
import { relationTarget } from './registry.js';
import { recordsRepository as repo, type RecordRow } from './repository.js';
import { engineConfig } from './pipeline.js';
import { normaliseSearch } from './values.js';
import { sql } from 'kysely';

type Defs = Map<string, ObjectDefinition>;
/** Newest first; created_at is never null, so this needs no dialect's NULLs rule. */
const NEWEST = [sql`r.created_at desc`, sql`r.id desc`];

/** The list spec of a query (filters, sort, search, bin), checked against the definition. */
export function specOf(def: ObjectDefinition, p: Principal, q: Pick<RecordListQuery, 'filter' | 'sort' | 'q' | 'deleted'>): ListSpec {
  return { filters: parseFilterParam(q.filter), sort: parseSort(def, p, q.sort), q: q.q?.trim() || null, deleted: q.deleted === 'true' };
}

interface Included { one: Record<string, RelatedRef | null>; many: Record<string, RelatedRef[]> }

/**
 * `{ relationKey: { id, title } | null }` for each requested relation of each row (null when not visible), and
 * `{ relationsKey: [{ id, title }] }` for each requested many-to-many field (the visible linked records, in order).
 */
async function includes(ex: Executor, def: ObjectDefinition, defs: Defs, p: Principal, rows: RecordRow[], keys: string[]): Promise<Map<string, Included>> {
  const out = new Map<string, Included>(rows.map((r) => [r.id, { one: {}, many: {} }]));
  for (const key of keys) {
    const f = def.fields.find((x) => x.key === key);
    if (!f || (f.type !== 'relation' && f.type !== 'relations') || !f.relationTarget || !canSeeField(p, f)) throw invalid('include', `${key} is not a relation field`);
    const custom = defs.get(f.relationTarget);
    const std = custom ? undefined : relationTarget(f.relationTarget);
    const listOf = (r: RecordRow): string[] => (typeof r[f.column] === 'string' ? (JSON.parse(r[f.column] as string) as string[]) : []);
    const ids = f.type === 'relations' ? rows.flatMap(listOf) : rows.map((r) => r[f.column]).filter((v): v is string => typeof v === 'string');
    const refs = custom
      ? await repo.refs(ex, custom.table, custom.fields.find((x) => x.key === custom.titleField)?.column ?? 'id', ids)
      : std ? await repo.refs(ex, std.table, std.titleColumn, ids) : [];
    const module = custom?.permissionModule ?? std?.permissionModule ?? '';
    const titleVisible = custom ? canSeeField(p, custom.fields.find((x) => x.key === custom.titleField) ?? { classification: 'public' }) : true;
    const byId = new Map(refs.map((r) => [r.id, r]));
    const resolved = (id: unknown): RelatedRef | null => {
      const ref = typeof id === 'string' ? byId.get(id) : undefined;
      return ref && ref.deleted_at === null && canSeeRow(p, module, ref) ? { id: ref.id, title: titleVisible && ref.title != null ? String(ref.title) : '' } : null;
    };
    for (const r of rows) {
      if (f.type === 'relations') out.get(r.id)!.many[key] = listOf(r).map(resolved).filter((x): x is RelatedRef => x !== null);
      else out.get(r.id)!.one[key] = resolved(r[f.column]);
    }
  }
  return out;
}

const includeKeys = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export const reads = {
  async get(ex: Executor, def: ObjectDefinition, defs: Defs, p: Principal, id: string, include?: string): Promise<RecordData> {
    assertCan(p, def.permissionModule, 'read');
    const row = await repo.get(ex, def, id);
    if (!row) throw notFound(def.labels.en.singular);
    assertVisible(p, def.permissionModule, row, def.labels.en.singular);
    const keys = includeKeys(include);
    const inc = keys.length ? (await includes(ex, def, defs, p, [row], keys)).get(row.id) : undefined;
    return presentRecord(def, row, p, inc?.one, inc?.many);
  },

  async list(database: Database, def: ObjectDefinition, defs: Defs, p: Principal, q: RecordListQuery & { limit: number }) {
    assertCan(p, def.permissionModule, 'read');
    const spec = specOf(def, p, q);
    spec.dense = await denseLinkFilters(database.db, def, spec.filters);
    const where = listConditions(database.dialect, def, defs, p, spec, 'r', engineConfig.region);
    const after = afterCursor(spec.sort, q.cursor, 'r');
    if (after) where.push(after);
    const rows = await repo.page(database.db, def, where, orderBy(database.dialect, spec.sort, 'r'), q.limit + 1);
    const page = toPage(rows, q.limit, (r) => [...spec.sort.map((k) => r[k.column] ?? null), r.id]);
    const keys = includeKeys(q.include);
    const inc = keys.length ? await includes(database.db, def, defs, p, page.data, keys) : undefined;
    return { data: page.data.map((r) => presentRecord(def, r, p, inc?.get(r.id)?.one, inc?.get(r.id)?.many)), nextCursor: page.nextCursor };
  },

  async count(database: Database, def: ObjectDefinition, defs: Defs, p: Principal, q: Pick<RecordListQuery, 'filter' | 'q' | 'deleted'>) {
    assertCan(p, def.permissionModule, 'read');
    const spec = specOf(def, p, { ...q, sort: undefined });
    return repo.count(database.db, def, listConditions(database.dialect, def, defs, p, spec, 'r', engineConfig.region));
  },

  async timeline(ex: Executor, def: ObjectDefinition, p: Principal, id: string, cursor: string | undefined, limit: number): Promise<{ data: RecordEvent[]; nextCursor: string | null }> {
    assertCan(p, def.permissionModule, 'read');
    const row = await repo.get(ex, def, id);
    if (!row) throw notFound(def.labels.en.singular);
    assertVisible(p, def.permissionModule, row, def.labels.en.singular);
    const before = decodeCursor(cursor, 1);
    const rows = await repo.events(ex, def.name, id, before ? String(before[0]) : null, limit + 1);
    const page = toPage(rows, limit, (e) => [e.id]);
    return { data: page.data.map((e) => presentEvent(def, e, p)), nextCursor: page.nextCursor };
  },

  /**
   * Global search over the engine's objects: per readable object, up to `limit` live visible records whose
   * `search_text` contains the normalised query, newest first — one statement for all objects (repository `search`).
   */
  async search(database: Database, defs: Defs, p: Principal, text: string, limit: number): Promise<{ object: string; id: string; title: string }[]> {
    const needle = normaliseSearch(text);
    if (!needle) return [];
    const parts = [];
    for (const def of defs.values()) {
      if (scopeOf(p, def.permissionModule) === null) continue;
      const titleField = def.fields.find((f) => f.key === def.titleField);
      const where = listConditions(database.dialect, def, defs, p, { filters: [], sort: [], q: null, deleted: false }, 'r', engineConfig.region);
      parts.push({ def, where, titleColumn: titleField?.column ?? 'id' });
    }
    const rows = await repo.search(database.db, database.dialect, parts, needle, limit);
    return rows.map((r) => {
      const def = defs.get(r.object)!;
      const f = def.fields.find((x) => x.key === def.titleField);
      // A text title reads as any record's title does (masked above the caller's classification); others as stored.
      const title = f && columnKindOf[f.type] === 'text' ? titleOf(def, { [f.column]: r.title } as unknown as RecordRow, p) : f && canSeeField(p, f) ? (r.title ?? '') : '';
      return { object: r.object, id: r.id, title };
    });
  },

  /**
   * Titles of the listed records (engine objects, contacts, companies) that the caller may see and that are not in
   * the recycle bin; the others are left out (an object that no longer exists too), so a client checking what it
   * remembers (the home's recent records) asks once and never meets a 404 per record gone.
   */
  async titles(ex: Executor, defs: Defs, p: Principal, refs: { object: string; id: string }[]): Promise<RecordRefsResult['data']> {
    const byObject = new Map<string, string[]>();
    for (const r of refs) byObject.set(r.object, [...(byObject.get(r.object) ?? []), r.id]);
    const out: RecordRefsResult['data'] = [];
    for (const [object, ids] of byObject) {
      const def = defs.get(object);
      const target = def ? undefined : relationTarget(object);
      const labels = (def ?? target)?.labels;
      const label = { en: labels?.en.singular ?? object, vi: labels?.vi.singular ?? object };
      if (def) {
        if (scopeOf(p, def.permissionModule) === null) continue;
        const where = [scopeWhere(p, def.permissionModule, 'r'), sql<boolean>`r.deleted_at is null`, sql<boolean>`r.id in (${sql.join(ids)})`];
        for (const r of await repo.page(ex, def, where, NEWEST, ids.length)) out.push({ object, id: r.id, title: titleOf(def, r, p), label });
      } else if (target && scopeOf(p, target.permissionModule) !== null) {
        for (const r of await repo.refs(ex, target.table, target.titleColumn, ids)) {
          if (r.deleted_at === null && canSeeRow(p, target.permissionModule, r)) out.push({ object, id: r.id, title: String(r.title ?? ''), label });
        }
      }
    }
    return out;
  },

  /** Records of every readable object whose relation field points at `target`/`id` (first 20 per field). */
  async byRelation(ex: Executor, defs: Defs, p: Principal, target: string, id: string): Promise<ByRelationResult> {
    // The target itself must be visible: otherwise the answer would confirm it exists.
    const custom = defs.get(target);
    const std = custom ? undefined : relationTarget(target);
    if (!custom && !std) throw notFound('record type');
    const ref = (await repo.refs(ex, custom?.table ?? std!.table, 'id', [id]))[0];
    if (!ref || !canSeeRow(p, custom?.permissionModule ?? std!.permissionModule, ref)) throw notFound('record');
    const data: ByRelationResult['data'] = [];
    for (const def of defs.values()) {
      if (scopeOf(p, def.permissionModule) === null) continue;
      for (const f of def.fields) {
        if ((f.type !== 'relation' && f.type !== 'relations') || f.relationTarget !== target || f.archived || !canSeeField(p, f)) continue;
        // Many-to-many: the records whose links name this one (index record_links_to).
        const points = f.type === 'relations'
          ? sql<boolean>`r.id in (select l.from_id from record_links as l where l.from_type = ${def.name} and l.field = ${f.key} and l.to_id = ${id})`
          : sql<boolean>`${sql.ref(`r.${f.column}`)} = ${id}`;
        const where = [scopeWhere(p, def.permissionModule, 'r'), sql<boolean>`r.deleted_at is null`, points];
        const rows = await repo.page(ex, def, where, NEWEST, 21);
        if (rows.length === 0) continue;
        data.push({ object: def.name, field: f.key, records: rows.slice(0, 20).map((r) => presentRecord(def, r, p)), more: rows.length > 20 });
      }
    }
    return { data };
  },
};
