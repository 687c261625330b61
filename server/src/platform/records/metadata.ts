/**
 * Definition changes (administrators): create a custom object, add a field, change labels, rules, options
 * or archive. Each change is one transaction holding the metadata rows, the DDL (`obj_<name>` table, column,
 * indexes), the metadata version bump (other nodes reload) and the audit entry. Nothing is ever dropped: a
 * field's key, type and column are fixed, and archiving hides a field without touching its data.
 */
import type { Principal } from '../auth/principal.js';
import { appendAudit } from '../audit/audit.js';
import type { Database, Executor } from '../db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, createUniqueIndex, dropFieldIndexes, jsonListHas } from '../db/records-ddl.js';
import { emitEvent } from '../events/outbox.js';
import { AppError, type FieldError } from '../http/errors.js';
import { nowIso } from '../ids.js';
import { sql } from 'kysely';
import type { z } from 'zod';
import { fieldInput as fieldInputSchema, type fieldPatch, type recordTypeInput, type recordTypePatch } from '../../../../contracts/records.js';

type FieldInput = z.output<typeof fieldInputSchema>;
type FieldPatch = z.output<typeof fieldPatch>;
type RecordTypeInput = z.output<typeof recordTypeInput>;
type RecordTypePatch = z.output<typeof recordTypePatch>;
import { columnKindOf, computedTypes, nameProblem, searchableTypes, unindexedTypes, uniqueTypes, type ComputedSpec, type ObjectDefinition } from './definitions.js';
import { backfill, checkComputed, type FieldShape } from './computed.js';
import { parseFormula } from './formula.js';
import { bumpMetaVersion, fresh, invalidateDefinitions, relationTarget, standardObjects } from './registry.js';
import { recordsRepository as repo } from './repository.js';
import { checkValue } from './values.js';
import { engineConfig } from './pipeline.js';

const fail = (fields: FieldError[]) => new AppError('validation_failed', `${fields[0]!.path}: ${fields[0]!.message}`, fields);

/** Checks one new field against the object (name rules, type settings, default); returns problems under `path`. */
function fieldProblems(f: FieldInput, path: string, existing: Set<string>, defs: Map<string, ObjectDefinition>, selfName: string): FieldError[] {
  const errors: FieldError[] = [];
  const named = nameProblem(f.key);
  if (named) errors.push({ path: `${path}.key`, message: `"${f.key}" ${named}` });
  if (existing.has(f.key)) errors.push({ path: `${path}.key`, message: `a field "${f.key}" already exists` });
  if ((f.type === 'select' || f.type === 'multi_select') && !(f.options && f.options.length)) errors.push({ path: `${path}.options`, message: 'required for select fields' });
  if (f.options && f.type !== 'select' && f.type !== 'multi_select') errors.push({ path: `${path}.options`, message: 'only select fields have options' });
  if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) errors.push({ path: `${path}.options`, message: 'option values must be unique' });
  if (f.type === 'money' && !f.currency) errors.push({ path: `${path}.currency`, message: 'required for money fields' });
  if (f.currency && f.type !== 'money') errors.push({ path: `${path}.currency`, message: 'only money fields have a currency' });
  if (f.type === 'relation' || f.type === 'relations') {
    const t = f.relation?.target;
    if (!t) errors.push({ path: `${path}.relation`, message: 'required for relation fields' });
    else if (t !== selfName && !defs.has(t) && !relationTarget(t)) errors.push({ path: `${path}.relation.target`, message: `no object "${t}"` });
    const kind = f.type === 'relations' ? 'many_to_many' : 'many_to_one';
    if (f.relation?.kind && f.relation.kind !== kind) errors.push({ path: `${path}.relation.kind`, message: `a ${f.type} field is ${kind} (use type ${f.type === 'relation' ? 'relations' : 'relation'})` });
  } else if (f.relation) errors.push({ path: `${path}.relation`, message: 'only relation fields have a target' });
  if (f.type === 'attachments') {
    // Files are uploaded to an existing record, so no create could satisfy "required".
    if (f.required) errors.push({ path: `${path}.required`, message: 'an attachments field cannot be required' });
    if (f.searchable) errors.push({ path: `${path}.searchable`, message: 'an attachments field cannot be searchable' });
  }
  if (f.type === 'relations' && f.searchable) errors.push({ path: `${path}.searchable`, message: 'a relations field cannot be searchable' });
  if (f.unique && !uniqueTypes.has(f.type)) errors.push({ path: `${path}.unique`, message: `${f.type} fields cannot be unique` });
  if (computedTypes.has(f.type)) {
    if (f.required) errors.push({ path: `${path}.required`, message: 'a computed field cannot be required' });
    if (f.default !== undefined && f.default !== null) errors.push({ path: `${path}.default`, message: 'a computed field takes no default' });
    if (f.searchable) errors.push({ path: `${path}.searchable`, message: 'a computed field cannot be searchable' });
    return errors;
  }
  if (f.default !== undefined && f.default !== null) {
    if (f.type === 'relation' || f.type === 'relations' || f.type === 'user' || f.type === 'attachments') errors.push({ path: `${path}.default`, message: `${f.type} fields take no default` });
    else {
      const c = checkValue({ type: f.type, options: f.options ?? null, currency: f.currency ?? null }, f.default, engineConfig.region);
      if (!c.ok) errors.push({ path: `${path}.default`, message: c.message });
    }
  }
  return errors;
}

async function addField(trx: Executor, database: Database, def: Pick<ObjectDefinition, 'name' | 'table'>, f: FieldInput, position: number, spec?: ComputedSpec): Promise<void> {
  const parsed = fieldInputSchema.parse(f);
  const column = `f_${parsed.key}`;
  const now = nowIso();
  // A computed field is stored, indexed and sorted as its result type.
  const stored = spec ? spec.resultType : parsed.type;
  const searchable = parsed.searchable ?? (searchableTypes.has(parsed.type) && !spec);
  const filterable = parsed.filterable ?? true;
  const sortable = (parsed.sortable ?? true) && !unindexedTypes.has(stored);
  let defaultValue: unknown = null;
  if (parsed.default !== undefined && parsed.default !== null) {
    const c = checkValue({ type: parsed.type, options: parsed.options ?? null, currency: parsed.currency ?? null }, parsed.default, engineConfig.region);
    defaultValue = c.ok ? c.value : null;
  }
  await trx.insertInto('record_fields').values({
    type_name: def.name, key: parsed.key, type: parsed.type, column_name: column, labels: JSON.stringify(parsed.labels),
    help: parsed.help ? JSON.stringify(parsed.help) : null, required: parsed.required ? 1 : 0, is_unique: parsed.unique ? 1 : 0,
    default_value: defaultValue === null ? null : JSON.stringify(defaultValue), classification: parsed.classification ?? 'internal',
    filterable: filterable ? 1 : 0, sortable: sortable ? 1 : 0, searchable: searchable ? 1 : 0,
    options: parsed.options ? JSON.stringify([...parsed.options].sort((a, b) => a.position - b.position)) : null,
    currency: parsed.currency ?? null, relation_target: parsed.relation?.target ?? null, archived: 0,
    position: parsed.position ?? position, created_at: now, updated_at: now,
    computed: spec ? JSON.stringify({ resultType: spec.resultType, formula: spec.formula, rollup: spec.rollup }) : null,
  }).execute();
  await addObjectColumn(trx, database.dialect, def.table, column, columnKindOf[stored]);
  if ((filterable || sortable) && !unindexedTypes.has(stored)) await createFieldIndex(trx, database.dialect, def.table, column, parsed.type === 'select');
  if (parsed.unique) await createUniqueIndex(trx, def.table, column);
}

async function audited(trx: Executor, p: Principal, action: string, name: string, before: unknown, after: unknown): Promise<void> {
  await bumpMetaVersion(trx);
  await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action, entity: 'record_type', entityId: name, before, after });
  await emitEvent(trx, { type: `record_type.${action}`, entity: 'record_type', entityId: name, actorId: p.userId });
}

/** Runs a definition change; the cache is dropped whatever the outcome, so the next read reloads. */
async function change<T>(database: Database, fn: (trx: Executor, defs: Map<string, ObjectDefinition>) => Promise<T>): Promise<T> {
  try {
    return await database.db.transaction().execute(async (trx) => fn(trx, await fresh(trx)));
  } finally {
    invalidateDefinitions();
  }
}

export const metadata = {
  async createObject(database: Database, p: Principal, input: RecordTypeInput): Promise<string> {
    return change(database, async (trx, defs) => {
      const errors: FieldError[] = [];
      const named = nameProblem(input.name);
      if (named) errors.push({ path: 'name', message: `"${input.name}" ${named}` });
      if (defs.has(input.name) || relationTarget(input.name)) errors.push({ path: 'name', message: `an object "${input.name}" already exists` });
      const fields = [...(input.fields ?? [])];
      const titleField = input.titleField ?? (fields.find((f) => f.key === 'name') ? 'name' : fields.find((f) => f.type === 'text')?.key ?? 'name');
      if (!fields.some((f) => f.key === titleField)) {
        if (input.titleField && input.titleField !== 'name') errors.push({ path: 'titleField', message: `no field "${input.titleField}"` });
        else fields.unshift(fieldInputSchema.parse({ key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true, classification: 'public' }));
      } else if (fields.find((f) => f.key === titleField)!.type !== 'text') errors.push({ path: 'titleField', message: 'must name a text field' });
      const seen = new Set<string>();
      const offset = fields.length - (input.fields ?? []).length;
      fields.forEach((f, i) => {
        errors.push(...fieldProblems(f, `fields.${i - offset}`, seen, defs, input.name));
        seen.add(f.key);
      });
      // Formulas may read fields declared after them; each is checked against all of the new object's fields.
      const shapes = provisional(fields);
      const specs = fields.map((f, i) => {
        const c = checkComputed(f, `fields.${i - offset}`, shapes, { name: input.name }, defs);
        errors.push(...c.errors);
        return c.spec;
      });
      if (errors.length) throw fail(errors);
      const now = nowIso();
      const table = `obj_${input.name}`;
      await trx.insertInto('record_types').values({
        name: input.name, labels: JSON.stringify(input.labels), icon: input.icon ?? 'box', title_field: titleField, table_name: table,
        created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId,
      }).execute();
      await createObjectTable(trx, database.dialect, table);
      for (const [i, f] of fields.entries()) await addField(trx, database, { name: input.name, table }, f, i, specs[i]);
      await audited(trx, p, 'create', input.name, null, { ...input, titleField });
      return input.name;
    });
  },

  async patchObject(database: Database, p: Principal, name: string, patch: RecordTypePatch): Promise<void> {
    await change(database, async (trx, defs) => {
      const def = defs.get(name);
      if (!def) throw new AppError('not_found', 'record type not found');
      if (!def.custom) throw fail([{ path: 'name', message: 'a standard object\'s labels, icon and title are fixed; add fields to it instead' }]);
      if (patch.titleField !== undefined) {
        const f = def.fields.find((x) => x.key === patch.titleField);
        if (!f || f.type !== 'text') throw fail([{ path: 'titleField', message: 'must name a text field of the object' }]);
      }
      const set: Record<string, unknown> = { updated_at: nowIso(), updated_by: p.userId, version: sql`version + 1` };
      if (patch.labels) set.labels = JSON.stringify(patch.labels);
      if (patch.icon) set.icon = patch.icon;
      if (patch.titleField) set.title_field = patch.titleField;
      await trx.updateTable('record_types').set(set).where('name', '=', name).execute();
      await audited(trx, p, 'update', name, { labels: def.labels, icon: def.icon, titleField: def.titleField }, patch);
    });
  },

  async addField(database: Database, p: Principal, name: string, f: FieldInput): Promise<void> {
    const computed = await change(database, async (trx, defs) => {
      const def = defs.get(name);
      if (!def) throw new AppError('not_found', 'record type not found');
      const errors = fieldProblems(f, 'body', new Set(def.fields.map((x) => x.key)), defs, name).map((e) => ({ ...e, path: e.path.replace(/^body\./, '') }));
      const c = errors.length ? { errors: [] } : checkComputed(f, '', [...def.fields, ...provisional([f])], def, defs);
      errors.push(...c.errors);
      // A required field without a default would make every existing record invalid.
      if (f.required && (f.default === undefined || f.default === null) && (await repo.count(trx, def, [sql`1 = 1`])).count > 0) {
        errors.push({ path: 'required', message: 'records exist: give a default or add the field as optional first' });
      }
      if (errors.length) throw fail(errors);
      // A standard object's first administrator field: its row in record_types holds the fields' foreign key
      // (the registry keeps serving the definition from code and ignores the row otherwise).
      if (!def.custom && !(await trx.selectFrom('record_types').select('name').where('name', '=', name).executeTakeFirst())) {
        const now = nowIso();
        await trx.insertInto('record_types').values({
          name, labels: JSON.stringify(def.labels), icon: def.icon, title_field: def.titleField, table_name: def.table,
          created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId,
        }).execute();
      }
      await addField(trx, database, def, f, def.fields.length, c.spec);
      await trx.updateTable('record_types').set({ version: sql`version + 1`, updated_at: nowIso() }).where('name', '=', name).execute();
      await audited(trx, p, 'update', name, null, { addedField: f });
      return c.spec !== undefined;
    });
    if (computed) await fill(database, name, f.key);
  },

  async patchField(database: Database, p: Principal, name: string, key: string, patch: FieldPatch): Promise<void> {
    const refill = await change(database, async (trx, defs) => {
      const def = defs.get(name);
      const f = def?.fields.find((x) => x.key === key);
      if (!def || !f) throw new AppError('not_found', 'field not found');
      if (!def.custom && standardObjects().find((d) => d.name === name)?.fields.some((x) => x.key === key)) {
        throw fail([{ path: 'key', message: 'a field Kith declares is fixed; only fields administrators added can change' }]);
      }
      const errors: FieldError[] = [];
      if (patch.options !== undefined) {
        if (f.type !== 'select' && f.type !== 'multi_select') errors.push({ path: 'options', message: 'only select fields have options' });
        else {
          if (new Set(patch.options.map((o) => o.value)).size !== patch.options.length) errors.push({ path: 'options', message: 'option values must be unique' });
          const keep = new Set(patch.options.map((o) => o.value));
          for (const o of f.options ?? []) {
            if (keep.has(o.value)) continue;
            const used = await repo.optionUsed(trx, def, f.column, o.value, f.type === 'multi_select' ? jsonListHas(database.dialect, sql.ref(`r.${f.column}`), o.value) : null);
            if (used) errors.push({ path: 'options', message: `option "${o.value}" is used by records: relabel or keep it` });
          }
        }
      }
      if (patch.archived && key === def.titleField) errors.push({ path: 'archived', message: 'the title field cannot be archived' });
      if (patch.default !== undefined && patch.default !== null) {
        const c = checkValue({ ...f, options: patch.options ?? f.options }, patch.default, engineConfig.region);
        if (!c.ok) errors.push({ path: 'default', message: c.message });
      }
      if (patch.sortable && unindexedTypes.has(f.type)) errors.push({ path: 'sortable', message: `${f.type} fields cannot be sorted` });
      let formula: string | null = null;
      if (patch.formula !== undefined) {
        if (f.type !== 'formula') errors.push({ path: 'formula', message: 'only formula fields have a formula' });
        else {
          const others = def.fields.filter((x) => x.key !== key);
          const c = checkComputed({ key, type: 'formula', formula: patch.formula }, '', [...others, { key, type: 'formula', computed: null }], def, defs);
          errors.push(...c.errors);
          // The column keeps its type: the new formula must compute the same kind of value.
          if (c.spec && c.spec.resultType !== f.computed?.resultType) errors.push({ path: 'formula', message: `must stay a ${f.computed?.resultType ?? 'number'} formula (it computes ${c.spec.resultType})` });
          else if (c.spec) formula = JSON.stringify({ resultType: c.spec.resultType, formula: c.spec.formula });
        }
      }
      if (f.type === 'attachments' && patch.required) errors.push({ path: 'required', message: 'an attachments field cannot be required' });
      if ((f.type === 'attachments' || f.type === 'relations' || f.type === 'relation' || f.type === 'user') && patch.default !== undefined && patch.default !== null) errors.push({ path: 'default', message: `${f.type} fields take no default` });
      if (computedTypes.has(f.type) && (patch.required || (patch.default !== undefined && patch.default !== null) || patch.searchable)) {
        errors.push({ path: patch.required ? 'required' : patch.searchable ? 'searchable' : 'default', message: 'a computed field cannot be required, searchable or have a default' });
      }
      if (errors.length) throw fail(errors);
      const set: Record<string, unknown> = { updated_at: nowIso() };
      if (patch.labels) set.labels = JSON.stringify(patch.labels);
      if (patch.help !== undefined) set.help = patch.help ? JSON.stringify(patch.help) : null;
      if (patch.required !== undefined) set.required = patch.required ? 1 : 0;
      if (patch.default !== undefined) set.default_value = patch.default === null ? null : JSON.stringify(checkValue(f, patch.default, engineConfig.region).ok ? patch.default : null);
      if (patch.classification) set.classification = patch.classification;
      if (patch.searchable !== undefined) set.searchable = patch.searchable ? 1 : 0;
      if (patch.options) set.options = JSON.stringify([...patch.options].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)));
      if (patch.archived !== undefined) set.archived = patch.archived ? 1 : 0;
      if (patch.position !== undefined) set.position = patch.position;
      if (patch.filterable !== undefined) set.filterable = patch.filterable ? 1 : 0;
      if (patch.sortable !== undefined) set.sortable = patch.sortable ? 1 : 0;
      if (formula) set.computed = formula;
      // Indexes follow filterable/sortable: created when the field becomes either, dropped when neither.
      const was = (f.filterable || f.sortable) && !unindexedTypes.has(f.type);
      const now = ((patch.filterable ?? f.filterable) || (patch.sortable ?? f.sortable)) && !unindexedTypes.has(f.type);
      if (now && !was) await createFieldIndex(trx, database.dialect, def.table, f.column, f.type === 'select');
      if (!now && was) await dropFieldIndexes(trx, def.table, f.column);
      await trx.updateTable('record_fields').set(set).where('type_name', '=', name).where('key', '=', key).execute();
      await trx.updateTable('record_types').set({ version: sql`version + 1`, updated_at: nowIso() }).where('name', '=', name).execute();
      await audited(trx, p, 'update', name, { field: key }, { field: key, ...patch });
      return formula !== null;
    });
    if (refill) await fill(database, name, key);
  },
};

/** Shapes of fields being added, for formula checks: a formula's expression parsed when it parses. */
function provisional(fields: Pick<FieldInput, 'key' | 'type' | 'formula'>[]): FieldShape[] {
  return fields.map((f) => {
    if (f.type !== 'formula' || !f.formula) return { key: f.key, type: f.type, computed: null };
    try {
      return { key: f.key, type: f.type, computed: { resultType: 'text', expr: parseFormula(f.formula) } };
    } catch {
      return { key: f.key, type: f.type, computed: null };
    }
  });
}

/**
 * Fills a new or changed computed field on existing records, after the definition's transaction (batches of 500,
 * one transaction each: see computed.ts). Until it ends, records not yet filled read an empty value.
 */
async function fill(database: Database, name: string, key: string): Promise<void> {
  const defs = await fresh(database.db);
  const def = defs.get(name);
  if (def) await backfill(database, def, defs, key);
}
