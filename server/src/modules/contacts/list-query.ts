/**
 * Turns the wire's filter list and sort string into SQL conditions and keyset order, for contacts and
 * companies alike. Validation errors name `filter.N.field|op|value` or `sort`.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { filterList, type FilterCondition, type FilterOp } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { DialectName } from '../../platform/db/db.js';
import { escapeLike, ilike, jsonArrayContains, jsonBool, jsonKeyArrayContains, jsonNumber, jsonText } from '../../platform/db/dialect.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { canSeeField } from './contacts.policy.js';
import { valueKind, type CustomFieldDef } from './custom-fields.logic.js';

export type Kind = 'text' | 'id' | 'date' | 'datetime' | 'number' | 'bool' | 'array';
type Expr = RawBuilder<unknown>;

export interface FieldSpec {
  expr: Expr;
  kind: Kind;
  nullable: boolean;
  sortable: boolean;
  /** For arrays: membership test and emptiness. */
  contains?: (v: string) => RawBuilder<SqlBool>;
  /**
   * Set form of `contains` for counting ("id in (rows holding any of vs)"): a count walks the side
   * table's index instead of probing it once per contact (the per-row form suits keyset pages).
   */
  containsAny?: (vs: string[]) => RawBuilder<SqlBool>;
  empty?: RawBuilder<SqlBool>;
  /** Needs the company join (contacts.companyName). */
  join?: 'company';
}

const ref = (c: string) => sql.ref(c) as Expr;

/** Contacts holding any of the tags, as a set from the contact_tags (tag, contact_id) index. */
export function tagSet(tags: string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(contacts.id in (select ct.contact_id from contact_tags ct where ct.tag in (${sql.join(tags)})))`;
}

/** Built-in fields of each entity (filter and sort names → SQL). */
export function builtInFields(entity: 'contact' | 'company', d: DialectName): Record<string, FieldSpec> {
  const text = (c: string, nullable = true, sortable = true): FieldSpec => ({ expr: ref(c), kind: 'text', nullable, sortable });
  const id = (c: string): FieldSpec => ({ expr: ref(c), kind: 'id', nullable: true, sortable: false });
  const dt = (c: string): FieldSpec => ({ expr: ref(c), kind: 'datetime', nullable: false, sortable: true });
  if (entity === 'contact') {
    return {
      givenName: text('contacts.given_name'), familyName: text('contacts.family_name'),
      // `name` sorts by personSortKey (Vietnamese by personal name, Western by family name); `displayName` by the shown text.
      name: text('contacts.sort_key', false), displayName: text('contacts.display_name', false), email: text('contacts.primary_email'), phone: text('contacts.primary_phone'),
      jobTitle: text('contacts.job_title'), department: text('contacts.department'),
      birthday: { expr: ref('contacts.birthday'), kind: 'date', nullable: true, sortable: true },
      companyId: id('contacts.company_id'), ownerId: id('contacts.owner_id'), teamId: id('contacts.team_id'),
      companyName: { ...text('company_c.name'), join: 'company' },
      tags: {
        expr: ref('contacts.tags'), kind: 'array', nullable: false, sortable: false,
        contains: (v) => sql<SqlBool>`exists (select 1 from contact_tags ct where ct.contact_id = contacts.id and ct.tag = ${v})`,
        containsAny: (vs) => tagSet(vs),
        empty: sql<SqlBool>`not exists (select 1 from contact_tags ct where ct.contact_id = contacts.id)`,
      },
      lifecycleStage: { ...text('contacts.lifecycle_stage', false), kind: 'id' as const, sortable: true },
      source: text('contacts.source'), externalId: id('contacts.external_id'),
      createdAt: dt('contacts.created_at'), updatedAt: dt('contacts.updated_at'),
    };
  }
  return {
    name: text('companies.name', false), domain: text('companies.domain'), industry: text('companies.industry'),
    size: text('companies.size'), phone: { expr: ref('companies.phones'), kind: 'text', nullable: false, sortable: false },
    parentId: id('companies.parent_id'), ownerId: id('companies.owner_id'), teamId: id('companies.team_id'),
    tags: {
      expr: ref('companies.tags'), kind: 'array', nullable: false, sortable: false,
      contains: (v) => jsonArrayContains(d, 'companies.tags', v),
      empty: sql<SqlBool>`(${sql.ref('companies.tags')} = '[]')`,
    },
    createdAt: dt('companies.created_at'), updatedAt: dt('companies.updated_at'),
  };
}

function customSpec(def: CustomFieldDef, table: string, d: DialectName): FieldSpec {
  const col = `${table}.custom`;
  const kind = valueKind(def.type);
  if (kind === 'number') return { expr: jsonNumber(d, col, def.key), kind: 'number', nullable: true, sortable: true };
  if (kind === 'bool') return { expr: jsonBool(d, col, def.key), kind: 'bool', nullable: true, sortable: true };
  const t = jsonText(d, col, def.key);
  if (kind === 'array') {
    return {
      expr: t, kind: 'array', nullable: true, sortable: false,
      contains: (v) => jsonKeyArrayContains(d, col, def.key, v),
      empty: sql<SqlBool>`(${t} is null or ${t} = '[]')`,
    };
  }
  const k: Kind = def.type === 'date' ? 'date' : def.type === 'datetime' ? 'datetime' : ['select', 'user', 'relation'].includes(def.type) ? 'id' : 'text';
  return { expr: t, kind: k, nullable: true, sortable: true };
}

/** Resolves a field name (built-in or `custom.<key>`); 400 at `path` when unknown, 403 when classified above the caller. */
export function resolveField(
  name: string, path: string, entity: 'contact' | 'company', table: string, defs: CustomFieldDef[], p: Principal, d: DialectName,
): FieldSpec {
  if (name.startsWith('custom.')) {
    const def = defs.find((x) => x.key === name.slice(7));
    if (!def) throw invalid(path, `unknown field ${name}`);
    if (!canSeeField(p, def.classification)) throw new AppError('forbidden', `${path}: ${name} is classified above your level`, [{ path, message: 'classified above your level' }]);
    return customSpec(def, table, d);
  }
  // Own keys only: `__proto__`, `constructor` or `toString` resolved to Object.prototype members (a 500).
  const builtIn = builtInFields(entity, d);
  const spec = Object.hasOwn(builtIn, name) ? builtIn[name] : undefined;
  if (!spec) throw invalid(path, `unknown field ${name}`);
  return spec;
}

const OPS: Record<Kind, FilterOp[]> = {
  text: ['is', 'is_not', 'contains', 'starts_with', 'in', 'empty', 'not_empty'],
  id: ['is', 'is_not', 'in', 'empty', 'not_empty'],
  date: ['is', 'is_not', 'in', 'before', 'after', 'between', 'empty', 'not_empty'],
  datetime: ['is', 'is_not', 'before', 'after', 'between', 'empty', 'not_empty'],
  number: ['is', 'is_not', 'in', 'before', 'after', 'between', 'empty', 'not_empty'],
  bool: ['is', 'is_not', 'empty', 'not_empty'],
  array: ['is', 'is_not', 'contains', 'in', 'empty', 'not_empty'],
};

/** For date comparisons: leaves out year-less values (`--MM-DD` birthdays), which no date range contains. */
const yearless = (kind: Kind, e: Expr) => (kind === 'date' ? sql` and ${e} not like '--%'` : sql``);

function scalar(kind: Kind, v: unknown, path: string): string | number {
  if (kind === 'number') {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    throw invalid(path, 'expected a number');
  }
  if (kind === 'bool') {
    if (typeof v === 'boolean') return v ? 1 : 0;
    throw invalid(path, 'expected true or false');
  }
  if (typeof v !== 'string' || v.length > 500) throw invalid(path, 'expected text (at most 500 characters)');
  // A birthday may be a month and day without a year (--MM-DD): a value to compare with `is`/`in` as well.
  if (kind === 'date' && !/^(\d{4}|-)-\d{2}-\d{2}$/.test(v)) throw invalid(path, 'expected a date YYYY-MM-DD (or --MM-DD)');
  if (kind === 'datetime' && Number.isNaN(new Date(v).getTime())) throw invalid(path, 'expected an ISO 8601 date or date-time');
  return v;
}

/** One condition → SQL; `forCount` prefers set forms (see FieldSpec.containsAny). */
export function compileCondition(spec: FieldSpec, c: FilterCondition, n: number, d: DialectName, forCount = false): RawBuilder<SqlBool> {
  const vpath = `filter.${n}.value`;
  if (!OPS[spec.kind].includes(c.op)) throw invalid(`filter.${n}.op`, `${c.op} does not apply to ${c.field}`);
  const e = spec.expr;
  const isEmpty = spec.empty ?? (spec.kind === 'text' ? sql<SqlBool>`(${e} is null or ${e} = '')` : sql<SqlBool>`(${e} is null)`);
  if (spec.kind === 'array') {
    const contains = spec.contains!;
    if (forCount && spec.containsAny && (c.op === 'is' || c.op === 'contains' || c.op === 'in')) {
      const values = c.op === 'in' ? list('text', c.value, vpath) : [scalar('text', c.value, vpath)];
      return spec.containsAny(values.map(String));
    }
    switch (c.op) {
      case 'is': case 'contains': return contains(String(scalar('text', c.value, vpath)));
      case 'is_not': return sql<SqlBool>`not ${contains(String(scalar('text', c.value, vpath)))}`;
      case 'in': return sql<SqlBool>`(${sql.join(list('text', c.value, vpath).map((v) => contains(String(v))), sql` or `)})`;
      case 'empty': return isEmpty;
      default: return sql<SqlBool>`not ${isEmpty}`;
    }
  }
  switch (c.op) {
    case 'is': return sql<SqlBool>`(${e} = ${scalar(spec.kind, c.value, vpath)})`;
    case 'is_not': {
      const v = scalar(spec.kind, c.value, vpath);
      return spec.nullable ? sql<SqlBool>`(${e} is null or ${e} <> ${v})` : sql<SqlBool>`(${e} <> ${v})`;
    }
    case 'contains': return ilike(d, e, `%${escapeLike(String(scalar('text', c.value, vpath)))}%`);
    case 'starts_with': return ilike(d, e, `${escapeLike(String(scalar('text', c.value, vpath)))}%`);
    case 'in': return sql<SqlBool>`(${e} in (${sql.join(list(spec.kind, c.value, vpath))}))`;
    // A year-less '--MM-DD' is neither before nor after a date of some year (as text it sorts before every year).
    case 'before': return sql<SqlBool>`(${e} < ${scalar(spec.kind, c.value, vpath)}${yearless(spec.kind, e)})`;
    case 'after': return sql<SqlBool>`(${e} > ${scalar(spec.kind, c.value, vpath)}${yearless(spec.kind, e)})`;
    case 'between': {
      if (!Array.isArray(c.value) || c.value.length !== 2) throw invalid(vpath, 'expected [from, to]');
      const from = scalar(spec.kind, c.value[0], `${vpath}.0`);
      let to = scalar(spec.kind, c.value[1], `${vpath}.1`);
      // A date-only upper bound on a timestamp includes that whole day.
      if (spec.kind === 'datetime' && typeof to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(to)) to = `${to}T23:59:59.999Z`;
      return sql<SqlBool>`(${e} >= ${from} and ${e} <= ${to}${yearless(spec.kind, e)})`;
    }
    case 'empty': return isEmpty;
    case 'not_empty': return sql<SqlBool>`not ${isEmpty}`;
  }
}

function list(kind: Kind, v: unknown, path: string): (string | number)[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 200) throw invalid(path, 'expected a list of 1–200 values');
  return v.map((x, i) => scalar(kind, x, `${path}.${i}`));
}

/** Parses the `filter` query parameter (JSON text) into validated conditions. */
export function parseFilterParam(raw: string | undefined): FilterCondition[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalid('filter', 'expected a JSON array of {field, op, value}');
  }
  const parsed = filterList.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(['filter', ...issue.path].join('.'), issue.message);
  }
  return parsed.data;
}

export interface CompiledFilter {
  where: RawBuilder<SqlBool>[];
  /** The same conditions in the form that counts fastest (capped totals). */
  countWhere: RawBuilder<SqlBool>[];
  needsCompany: boolean;
}

export function compileFilters(
  conds: FilterCondition[], entity: 'contact' | 'company', table: string, defs: CustomFieldDef[], p: Principal, d: DialectName,
): CompiledFilter {
  let needsCompany = false;
  const where: RawBuilder<SqlBool>[] = [];
  const countWhere: RawBuilder<SqlBool>[] = [];
  conds.forEach((c, n) => {
    const spec = resolveField(c.field, `filter.${n}.field`, entity, table, defs, p, d);
    if (spec.join === 'company') needsCompany = true;
    where.push(compileCondition(spec, c, n, d));
    countWhere.push(compileCondition(spec, c, n, d, true));
  });
  return { where, countWhere, needsCompany };
}

export interface SortKey {
  name: string;
  /** The sort expression (nullable columns coalesced so keyset comparisons never meet NULL). */
  expr: Expr;
  desc: boolean;
  join?: 'company';
}

/** `familyName,-createdAt` → keys; the id tie-breaker is added by the keyset helpers. */
export function parseSort(
  raw: string | undefined, fallback: string, entity: 'contact' | 'company', table: string, defs: CustomFieldDef[], p: Principal, d: DialectName,
): SortKey[] {
  const parts = (raw && raw.trim() ? raw : fallback).split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length > 4) throw invalid('sort', 'at most 4 sort fields');
  return parts.map((part) => {
    const desc = part.startsWith('-');
    const name = desc ? part.slice(1) : part;
    const spec = resolveField(name, 'sort', entity, table, defs, p, d);
    if (!spec.sortable) throw invalid('sort', `cannot sort by ${name}`);
    let expr = spec.expr;
    if (spec.nullable) {
      expr = spec.kind === 'number' ? sql`coalesce(${spec.expr}, -1e300)` : spec.kind === 'bool' ? sql`coalesce(${spec.expr}, -1)` : sql`coalesce(${spec.expr}, '')`;
    }
    return { name, expr, desc, join: spec.join };
  });
}

/**
 * Keyset condition "after the cursor row" for keys + id. When every key runs in one direction this is a
 * row-value comparison (both databases walk the matching index); mixed directions use the OR chain.
 */
export function keysetAfter(keys: SortKey[], idCol: string, values: unknown[]): RawBuilder<SqlBool> {
  const idDesc = keys[keys.length - 1]?.desc ?? false;
  const all = [...keys.map((k) => ({ expr: k.expr, desc: k.desc })), { expr: ref(idCol), desc: idDesc }];
  const vals = values.map((v) => v as string | number);
  if (all.every((k) => k.desc === all[0]!.desc)) {
    const op = sql.raw(all[0]!.desc ? '<' : '>');
    return sql<SqlBool>`((${sql.join(all.map((k) => k.expr))}) ${op} (${sql.join(vals)}))`;
  }
  const ors = all.map((k, i) => {
    const eqs = all.slice(0, i).map((prev, j) => sql`${prev.expr} = ${vals[j]}`);
    const cmp = sql`${k.expr} ${sql.raw(k.desc ? '<' : '>')} ${vals[i]}`;
    return sql`(${sql.join([...eqs, cmp], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}
