/**
 * Computed fields: formulas over the same record and rollups over the records pointing at it.
 * Both are stored in their field's column (so filters and sorts use an index like any field's) and kept
 * right by the write pipeline in the write's transaction:
 * - a record's formulas are recomputed on each of its writes (in dependency order; a formula may read other
 *   formulas and the record's rollups);
 * - a rollup is recomputed for the old and new parent whenever a pointing record is created, deleted, restored,
 *   or updated in its relation or aggregated field; the parent's formulas follow. The parent's version does
 *   not move (no user data changed, so an editor's If-Match stays valid) and no timeline entry is written.
 * Adding a computed field (or changing a formula) fills existing records in batches of 500, one transaction
 * per batch, after the definition's own transaction.
 */
import type { z } from 'zod';
import type { fieldInput, RollupSpec } from '../../../../contracts/records.js';
import type { Database, Executor } from '../db/db.js';
import type { FieldError } from '../http/errors.js';
import { storedType, type ComputedSpec, type FieldDefinition, type ObjectDefinition } from './definitions.js';
import { evaluate, FormulaError, formulaTypeOf, fieldsOf, parseFormula, refsOf, resultFieldType, typeCheck, type FormulaType } from './formula.js';
import { rowValues } from './presenter.js';
import { recordsRepository as repo } from './repository.js';
import { columnsOf, sameValue } from './values.js';

type FieldInput = z.output<typeof fieldInput>;
type Defs = Map<string, ObjectDefinition>;
/** The few parts of a field computed-field checks need (existing fields, or new ones not yet stored). */
export type FieldShape = Pick<FieldDefinition, 'key' | 'type' | 'computed'>;

const numeric = new Set(['number', 'money', 'percent', 'rating']);
const BATCH = 500;

/** Reads a formula's own field type (null: formulas cannot read it), resolving computed fields by their result. */
function formulaTypeOfField(f: FieldShape): FormulaType | null {
  return formulaTypeOf(f.type, f.computed?.resultType ?? null);
}

/**
 * Checks a new computed field (or a formula change) against the object's fields (`fields`, the new one included
 * with a provisional spec) and returns its spec, or errors under `path` (`formula` with the position, `rollup.*`).
 */
export function checkComputed(f: Pick<FieldInput, 'key' | 'type' | 'formula' | 'rollup'>, path: string, fields: FieldShape[], def: { name: string }, defs: Defs): { spec?: ComputedSpec; errors: FieldError[] } {
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if (f.type === 'formula') {
    if (f.rollup) return { errors: [{ path: at('rollup'), message: 'only rollup fields have a rollup' }] };
    if (!f.formula) return { errors: [{ path: at('formula'), message: 'required for formula fields' }] };
    try {
      const expr = parseFormula(f.formula);
      const byKey = new Map(fields.map((x) => [x.key, x]));
      // A formula reading its own field, or another formula that leads back to it, is a cycle.
      const reaches = (key: string, seen: Set<string>): boolean => {
        if (key === f.key) return true;
        const x = byKey.get(key);
        if (x?.type !== 'formula' || !x.computed?.expr || seen.has(key)) return false;
        seen.add(key);
        return [...fieldsOf(x.computed.expr)].some((k) => reaches(k, seen));
      };
      for (const ref of refsOf(expr)) {
        if (reaches(ref.key, new Set())) throw new FormulaError(ref.pos, ref.key === f.key ? `the formula refers to its own field ${ref.key}` : `${ref.key} refers back to this field (a cycle)`);
      }
      // Other formulas are typed by their own expression (no cycles remain).
      const resolving = new Set<string>();
      const typeOf = (key: string): FormulaType | null | undefined => {
        const x = byKey.get(key);
        if (!x) return undefined;
        if (x.type !== 'formula' || !x.computed?.expr) return formulaTypeOfField(x);
        if (resolving.has(key)) return null; // a cycle among the other new formulas: each is refused on its own
        resolving.add(key);
        try {
          return typeCheck(x.computed.expr, typeOf);
        } catch (err) {
          if (err instanceof FormulaError) return null;
          throw err;
        } finally {
          resolving.delete(key);
        }
      };
      const t = typeCheck(expr, typeOf);
      return { spec: { resultType: resultFieldType[t], formula: f.formula, expr }, errors: [] };
    } catch (err) {
      if (err instanceof FormulaError) return { errors: [{ path: at('formula'), message: err.message }] };
      throw err;
    }
  }
  if (f.type === 'rollup') {
    if (f.formula) return { errors: [{ path: at('formula'), message: 'only formula fields have a formula' }] };
    const r = f.rollup;
    if (!r) return { errors: [{ path: at('rollup'), message: 'required for rollup fields' }] };
    const child = defs.get(r.object);
    if (!child) return { errors: [{ path: at('rollup.object'), message: `no object "${r.object}"` }] };
    const rel = child.fields.find((x) => x.key === r.relation);
    if (!rel || rel.type !== 'relation' || rel.relationTarget !== def.name) {
      return { errors: [{ path: at('rollup.relation'), message: `${r.object} has no relation "${r.relation}" to ${def.name}` }] };
    }
    if (r.fn === 'count') {
      if (r.field) return { errors: [{ path: at('rollup.field'), message: 'count takes no field' }] };
      return { spec: { resultType: 'number', rollup: r }, errors: [] };
    }
    const src = r.field ? child.fields.find((x) => x.key === r.field) : undefined;
    if (!r.field || !src) return { errors: [{ path: at('rollup.field'), message: r.field ? `${r.object} has no field "${r.field}"` : `required for ${r.fn}` }] };
    if (src.type === 'rollup' || (src.type === 'formula' && dependsOnRollup(child, src))) {
      return { errors: [{ path: at('rollup.field'), message: 'a rollup cannot aggregate another rollup (or a formula reading one)' }] };
    }
    const t = storedType(src);
    const dated = t === 'date' || t === 'datetime';
    if (!numeric.has(t) && !(dated && r.fn !== 'sum')) {
      return { errors: [{ path: at('rollup.field'), message: `${r.fn} needs a number, money, percent or rating field${r.fn === 'sum' ? '' : ' (or a date)'}; ${r.field} is ${t}` }] };
    }
    return { spec: { resultType: dated ? t : 'number', rollup: r }, errors: [] };
  }
  if (f.formula) return { errors: [{ path: at('formula'), message: 'only formula fields have a formula' }] };
  if (f.rollup) return { errors: [{ path: at('rollup'), message: 'only rollup fields have a rollup' }] };
  return { errors: [] };
}

function dependsOnRollup(def: ObjectDefinition, f: FieldDefinition, seen = new Set<string>()): boolean {
  if (f.type === 'rollup') return true;
  if (f.type !== 'formula' || !f.computed?.expr || seen.has(f.key)) return false;
  seen.add(f.key);
  return [...fieldsOf(f.computed.expr)].some((k) => {
    const x = def.fields.find((y) => y.key === k);
    return x !== undefined && dependsOnRollup(def, x, seen);
  });
}

/** Formula fields in an order where each comes after the formulas it reads. */
function formulaOrder(def: ObjectDefinition): FieldDefinition[] {
  const out: FieldDefinition[] = [];
  const state = new Map<string, 'doing' | 'done'>();
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  const visit = (f: FieldDefinition) => {
    if (state.get(f.key) === 'done' || state.get(f.key) === 'doing') return; // a cycle is refused when saved
    state.set(f.key, 'doing');
    for (const k of fieldsOf(f.computed!.expr!)) {
      const d = byKey.get(k);
      if (d?.type === 'formula' && d.computed?.expr) visit(d);
    }
    state.set(f.key, 'done');
    out.push(f);
  };
  for (const f of def.fields) if (f.type === 'formula' && f.computed?.expr) visit(f);
  return out;
}

/** A wire value as a formula reads it (money: its minor units; multi-select: unreadable). */
function formulaInput(f: FieldDefinition, v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  const t = storedType(f);
  if (t === 'money') return (v as { amount: number }).amount;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

/** The wire value stored for a formula result (text at most 1000 characters, like a text field). */
function formulaOutput(f: FieldDefinition, v: number | string | boolean | null): unknown {
  if (v === null) return null;
  const t = f.computed!.resultType;
  if (t === 'text') return String(v).slice(0, 1000);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : null;
  if (t === 'date' || t === 'datetime') return typeof v === 'string' && v !== '' ? v : null;
  return v;
}

/** Values of every formula of `def` over `values` (wire values by key, computed ones included), in dependency order. */
export function computeFormulas(def: ObjectDefinition, values: Record<string, unknown>): Record<string, unknown> {
  const order = formulaOrder(def);
  if (order.length === 0) return {};
  const inputs: Record<string, number | string | boolean | null> = {};
  for (const f of def.fields) inputs[f.key] = formulaInput(f, values[f.key]);
  const out: Record<string, unknown> = {};
  for (const f of order) {
    const v = formulaOutput(f, evaluate(f.computed!.expr!, inputs));
    out[f.key] = v;
    inputs[f.key] = formulaInput(f, v);
  }
  return out;
}

/** Values of a new record's computed fields: rollups over no records (count and sum 0), then the formulas. */
export function computedOnCreate(def: ObjectDefinition, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) {
    const r = f.computed?.rollup;
    if (r) out[f.key] = r.fn === 'count' || r.fn === 'sum' ? 0 : null;
  }
  return { ...out, ...computeFormulas(def, { ...values, ...out }) };
}

function rollupValue(r: RollupSpec, src: FieldDefinition | undefined, raw: unknown): unknown {
  if (raw === null || raw === undefined) return r.fn === 'count' || r.fn === 'sum' ? 0 : null;
  const t = src ? storedType(src) : 'number';
  return t === 'date' || t === 'datetime' ? String(raw) : Number(raw);
}

/**
 * Recomputes the rollups of the given `parent` records (every live pointing record counts, whatever a reader's
 * scope) and the formulas that follow; writes only the computed columns that changed (the version stays).
 */
export async function refreshRollups(trx: Executor, parent: ObjectDefinition, defs: Defs, ids: string[]): Promise<void> {
  const fields = parent.fields.filter((f) => f.computed?.rollup);
  const unique = [...new Set(ids)];
  if (fields.length === 0 || unique.length === 0) return;
  const agg = new Map<string, Map<string, unknown>>();
  for (const f of fields) {
    const r = f.computed!.rollup!;
    const child = defs.get(r.object);
    const rel = child?.fields.find((x) => x.key === r.relation);
    const src = r.field ? child?.fields.find((x) => x.key === r.field) : undefined;
    if (!child || !rel || (r.field && !src)) continue;
    const rows = await repo.aggregate(trx, child, rel.column, r.fn, src?.column ?? null, unique);
    agg.set(f.key, new Map(rows.map((x) => [x.parent, rollupValue(r, src, x.value)])));
  }
  for (const row of await repo.byIds(trx, parent, unique)) {
    const before = rowValues(parent, row);
    const after = { ...before };
    for (const f of fields) {
      const m = agg.get(f.key);
      if (m) after[f.key] = m.has(row.id) ? m.get(row.id) : rollupValue(f.computed!.rollup!, undefined, null);
    }
    Object.assign(after, computeFormulas(parent, after));
    const set: Record<string, unknown> = {};
    for (const f of parent.fields) if (f.computed && !sameValue(before[f.key], after[f.key])) Object.assign(set, columnsOf(f, after[f.key]));
    if (Object.keys(set).length) await repo.setComputed(trx, parent, row.id, set);
  }
}

/**
 * After a write of a `child` record: refreshes the rollups that aggregate it, for the parent it pointed at before
 * and the one it points at now. `changed` lists the keys an update changed (null for create, delete, restore).
 */
export async function feedRollups(trx: Executor, defs: Defs, child: ObjectDefinition, before: Record<string, unknown> | null, after: Record<string, unknown>, changed: string[] | null): Promise<void> {
  const targets = new Map<string, Set<string>>();
  for (const parent of defs.values()) {
    for (const f of parent.fields) {
      const r = f.computed?.rollup;
      if (!r || r.object !== child.name) continue;
      if (changed && !changed.includes(r.relation) && !(r.field && changed.includes(r.field))) continue;
      const ids = targets.get(parent.name) ?? new Set<string>();
      for (const v of [before?.[r.relation], after[r.relation]]) if (typeof v === 'string') ids.add(v);
      targets.set(parent.name, ids);
    }
  }
  for (const [name, ids] of targets) if (ids.size) await refreshRollups(trx, defs.get(name)!, defs, [...ids]);
}

/**
 * Fills a new (or changed) computed field on every record of `def`, deleted ones included: batches of 500 by id,
 * one transaction each, the batch's rows locked on PostgreSQL (a concurrent write then waits, or is seen).
 */
export async function backfill(database: Database, def: ObjectDefinition, defs: Defs, key: string): Promise<number> {
  const f = def.fields.find((x) => x.key === key);
  if (!f?.computed) return 0;
  let after = '';
  let n = 0;
  for (;;) {
    const ids = await database.db.transaction().execute(async (trx) => {
      const batch = await repo.idsAfter(trx, def, after, BATCH, database.dialect === 'postgres');
      if (batch.length === 0) return batch;
      if (f.computed!.rollup) await refreshRollups(trx, def, defs, batch);
      else {
        for (const row of await repo.byIds(trx, def, batch)) {
          const before = rowValues(def, row);
          const next = { ...before, ...computeFormulas(def, before) };
          const set: Record<string, unknown> = {};
          for (const x of def.fields) if (x.type === 'formula' && !sameValue(before[x.key], next[x.key])) Object.assign(set, columnsOf(x, next[x.key]));
          if (Object.keys(set).length) await repo.setComputed(trx, def, row.id, set);
        }
      }
      return batch;
    });
    if (ids.length === 0) return n;
    n += ids.length;
    after = ids[ids.length - 1]!;
  }
}
