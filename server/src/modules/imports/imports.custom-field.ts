/**
 * "New custom field from this column" (issue 11 item 6): in the mapping step, an unmapped column becomes a contact
 * (or company) custom field through the contacts module's custom-fields service, and the column is mapped to it.
 */
import type { z } from 'zod';
import type { columnFieldBody } from '../../../../contracts/imports.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalid } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { customFieldsService } from '../contacts/index.js';
import { fold } from './engine/clean.js';
import { readRows } from './engine/source.js';
import { listDefs } from './imports.gateway.js';
import { importsRepository as repo } from './imports.repository.js';
import { filePath, sourceInfo } from './imports.runner.js';
import { importsService } from './imports.service.js';

/** Most options a select made from a column gets (more distinct values: choose text). */
export const MAX_COLUMN_OPTIONS = 100;

/**
 * A custom field key from a name: accents folded, words joined by `_`, a letter first, at most 50 characters.
 * @example fieldKey('Hạng thành viên') === 'hang_thanh_vien'; fieldKey('2nd phone') === 'f_2nd_phone'; fieldKey('!!') === ''
 */
export function fieldKey(name: string): string {
  const slug = fold(name).replace(/ /g, '_');
  return (/^[0-9]/.test(slug) ? `f_${slug}` : slug).slice(0, 50).replace(/_+$/, '');
}

/** The column's distinct values (trimmed, first spelling kept), at most `max` + 1 so a caller sees there are more. */
async function distinctValues(ctx: AppContext, imp: Parameters<typeof sourceInfo>[0] & { file_path: string }, column: number, max: number): Promise<string[]> {
  const seen = new Map<string, string>();
  for await (const row of readRows(filePath(ctx, imp), sourceInfo(imp))) {
    const v = (row.values[column] ?? '').trim();
    if (v && !seen.has(fold(v))) seen.set(fold(v), v.slice(0, 100));
    if (seen.size > max) break;
  }
  return [...seen.values()];
}

/**
 * Creates a custom field of the import's entity named after `column` (or `name`) and maps the column to it.
 * Administrators only (as every custom field definition). Returns the field and the import with its new mapping.
 */
export async function customFieldFromColumn(ctx: AppContext, p: Principal, id: string, body: z.infer<typeof columnFieldBody>) {
  const imp = await importsService.get(ctx, p, id);
  if (!p.isAdmin) throw forbidden('only administrators define custom fields');
  if (imp.status !== 'mapping') throw conflict(`the import is ${imp.status}; columns can be mapped only before it starts`);
  const headers = JSON.parse(imp.headers) as string[];
  const column = headers.indexOf(body.column);
  if (column < 0) throw invalid('column', 'no such column in the file');
  const name = (body.name ?? body.column).trim();
  if (!name) throw invalid('name', 'give the field a name');
  const base = fieldKey(name);
  if (!base) throw invalid('name', 'a field name needs a letter or a digit');
  const entity = imp.entity as 'contact' | 'company';
  const defs = await listDefs(ctx.database.db, entity);
  const same = defs.find((d) => fold(d.label.en) === fold(name) || fold(d.label.vi) === fold(name));
  if (same) throw new AppError('conflict', `name: a custom field "${same.label.en}" exists already; choose it in the list`, [{ path: 'name', message: 'exists already' }]);
  const keys = new Set(defs.map((d) => d.key));
  let key = base;
  for (let n = 2; keys.has(key); n++) key = `${base.slice(0, 46)}_${n}`;
  let options: { value: string; label: { en: string; vi: string } }[] = [];
  if (body.type === 'select') {
    const values = await distinctValues(ctx, imp, column, MAX_COLUMN_OPTIONS);
    if (!values.length) throw invalid('type', 'the column is empty: a select needs its values as options');
    if (values.length > MAX_COLUMN_OPTIONS) throw invalid('type', `the column has more than ${MAX_COLUMN_OPTIONS} different values: choose text`);
    const used = new Set<string>();
    options = values.map((v) => {
      let value = fieldKey(v) || 'option';
      for (let n = 2; used.has(value); n++) value = `${fieldKey(v) || 'option'}_${n}`;
      used.add(value);
      return { value, label: { en: v, vi: v } };
    });
  }
  const field = await customFieldsService.create(ctx.database, p, { entity, key, type: body.type, label: { en: name, vi: name }, options }, ctx.config.defaultRegion);
  const mapping = { ...(JSON.parse(imp.mapping) as Record<string, string | null>), [body.column]: `custom.${field.key}` };
  await repo.set(ctx.database.db, imp.id, { mapping: JSON.stringify(mapping), updated_at: nowIso() });
  return { field, imp: (await repo.find(ctx.database.db, imp.id))! };
}
