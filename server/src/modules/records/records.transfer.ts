/**
 * Export and import of any custom object, driven by its field definitions.
 * - Export (`GET /objects/{name}/export?format=csv|xlsx`): the list's filters, sort and search; one SELECT
 *   streamed in batches (platform/db/stream.ts); fields the reader may not see are left out; cells that a
 *   spreadsheet would run are neutralised. Columns are the field keys, so an export imports back as is.
 * - Import (`POST /objects/{name}/import`, multipart `file` (CSV) + optional `mapping` JSON {column: fieldKey}):
 *   rows go through the engine's write pipeline in batches of 500, one transaction per batch; a row that fails
 *   is rolled back to its savepoint and reported with its field path, the others commit.
 *   This runner is minimal (no job, no resume, no match keys); see README.md for unifying it with modules/imports.
 */
import { Readable, PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { parse } from 'csv-parse';
import Excel from 'exceljs';
import { sql, type Kysely, type SqlBool, type RawBuilder } from 'kysely';
import { recordExportQuery, recordImportResult, recordTypeParams } from '../../../../contracts/records.js';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError } from '../../platform/http/errors.js';
import { selectBatches } from '../../platform/db/stream.js';
import { appendAudit } from '../../platform/audit/audit.js';
import {
  assertCan, canSeeField, definitionOf, engineConfig, fromColumn, listConditions, orderBy, pipeline, specOf, type ObjectDefinition, type RecordRow,
} from '../../platform/records/index.js';

const tags = ['records'];
const BATCH = 500;

/** A cell a spreadsheet would run (= + - @ tab CR) gets a leading apostrophe; an E.164 number is left alone. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^\+\d{1,20}$/.test(cell) ? `'${cell}` : cell;
}
function csvCell(cell: string): string {
  const v = neutralise(cell);
  return /[\r\n",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Export text of a stored value: money as minor units, multi-select and many-to-many ids joined by `; `, an
 * attachments field's file names joined by `; ` (import ignores that column), booleans true/false.
 */
function cellText(f: ObjectDefinition['fields'][number], raw: unknown): string {
  const v = fromColumn(f, raw);
  if (v === null || v === undefined) return '';
  if (f.type === 'money') return String((v as { amount: number }).amount);
  if (f.type === 'attachments') return (v as { name: string }[]).map((x) => x.name).join('; ');
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

/** Import text → wire value for a field (the inverse of cellText). */
function parseCell(f: ObjectDefinition['fields'][number], text: string): unknown {
  const t = text.trim().replace(/^'(?=[=+\-@])/, '');
  if (t === '') return null;
  switch (f.type) {
    case 'number': case 'percent': case 'rating': return Number.isNaN(Number(t)) ? t : Number(t);
    case 'money': return /^-?\d+$/.test(t) ? { amount: Number(t) } : t;
    case 'boolean': return /^(true|yes|1|có)$/i.test(t) ? true : /^(false|no|0|không)$/i.test(t) ? false : t;
    case 'multi_select': case 'relations': return t.split(/\s*;\s*/).filter(Boolean);
    default: return t;
  }
}

async function* exportRows(ctx: AppContext, def: ObjectDefinition, defs: Map<string, ObjectDefinition>, p: Principal, q: { filter?: string; sort?: string; q?: string }) {
  const spec = specOf(def, p, { ...q, deleted: undefined });
  const where = listConditions(ctx.database.dialect, def, defs, p, spec, 'r', engineConfig.region);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let query = (ctx.database.db as unknown as Kysely<any>).selectFrom(`${def.table} as r`).selectAll('r');
  for (const w of where) query = query.where(w as RawBuilder<SqlBool>);
  for (const o of orderBy(ctx.database.dialect, spec.sort, 'r')) query = query.orderBy(o);
  const fields = def.fields.filter((f) => !f.archived && canSeeField(p, f));
  yield ['id', ...fields.map((f) => f.key), 'ownerId', 'createdAt', 'updatedAt'];
  for await (const batch of selectBatches<RecordRow>(ctx.database, query, { batchSize: 1000 })) {
    for (const r of batch) yield [r.id, ...fields.map((f) => cellText(f, r[f.column])), r.owner_id ?? '', r.created_at, r.updated_at];
  }
}

export async function transferRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  apiRouter(app).get('/objects/:name/export', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: "Export an object's records (list filters) as CSV or XLSX, streamed", operationId: 'exportRecords', params: recordTypeParams,
      querystring: recordExportQuery, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, req.params.name);
    assertCan(p, def.permissionModule, 'export');
    const rows = exportRows(ctx, def, defs, p, req.query);
    const first = await rows.next(); // checks the query (400s) before any byte is sent
    await db.transaction().execute((trx) => appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'export', entity: `object:${def.name}`, after: { format: req.query.format, filter: req.query.filter ?? null } }));
    const all = (async function* () { if (!first.done) yield first.value; yield* rows; })();
    const file = `${def.name}.${req.query.format}`;
    reply.header('Content-Disposition', `attachment; filename="${file}"`);
    if (req.query.format === 'xlsx') {
      const out = new PassThrough();
      const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const ws = wb.addWorksheet(def.labels.en.plural.slice(0, 31));
      void (async () => {
        for await (const r of all) ws.addRow(r.map(neutralise)).commit();
        ws.commit();
        await wb.commit();
      })().catch((err) => out.destroy(err as Error));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(out);
    }
    return reply.type('text/csv; charset=utf-8').send(Readable.from((async function* () {
      yield '\ufeff';
      for await (const r of all) yield r.map(csvCell).join(',') + '\r\n';
    })()));
  });

  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 5 } });
    apiRouter(scoped).post('/objects/:name/import', {
      config: { access: 'authenticated' },
      schema: {
        tags, summary: 'Import a CSV into an object (multipart: file, optional mapping JSON {column: fieldKey}); failures per row', operationId: 'importRecords',
        consumes: ['multipart/form-data'], params: recordTypeParams, response: { 200: recordImportResult },
      },
    }, async (req) => {
      const p = principalOf(req);
      const { def, defs } = await definitionOf(db, req.params.name);
      assertCan(p, def.permissionModule, 'create');
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the CSV as multipart/form-data in a field named "file"', [{ path: 'file', message: 'multipart/form-data expected' }]);
      let mapping: Record<string, string> | null = null;
      let result: { created: number; failed: number; errors: { row: number; path: string; message: string }[] } | null = null;
      for await (const part of req.parts()) {
        if (part.type === 'field' && part.fieldname === 'mapping') {
          try {
            mapping = JSON.parse(String(part.value)) as Record<string, string>;
          } catch {
            throw new AppError('validation_failed', 'mapping: expected JSON {column: fieldKey}', [{ path: 'mapping', message: 'expected JSON {column: fieldKey}' }]);
          }
        } else if (part.type === 'file' && part.fieldname === 'file') {
          result = await importCsv(ctx, def, defs, p, part.file, mapping);
        }
      }
      if (!result) throw new AppError('validation_failed', 'file: a CSV file is required', [{ path: 'file', message: 'required' }]);
      return result;
    });
  });
}

async function importCsv(ctx: AppContext, def: ObjectDefinition, defs: Map<string, ObjectDefinition>, p: Principal, file: NodeJS.ReadableStream, mapping: Record<string, string> | null) {
  const parser = file.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  let columns: (ObjectDefinition['fields'][number] | null)[] = [];
  const errors: { row: number; path: string; message: string }[] = [];
  let created = 0;
  let rowNo = 1;
  let batch: { row: number; values: Record<string, unknown> }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await ctx.database.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        // A savepoint per row (same SQL on both databases): a failing row is undone alone and the batch carries on.
        await sql`savepoint import_row`.execute(trx);
        try {
          await pipeline.create(trx, def, defs, p, { values: r.values });
          await sql`release savepoint import_row`.execute(trx);
          created++;
        } catch (err) {
          await sql`rollback to savepoint import_row`.execute(trx);
          if (!(err instanceof AppError)) throw err;
          for (const f of err.fields?.length ? err.fields : [{ path: '', message: err.message }]) errors.push({ row: r.row, path: f.path, message: f.message });
        }
      }
    });
  };
  for await (const rec of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = rec.map((h) => h.trim());
      columns = header.map((h) => {
        const key = mapping ? mapping[h] : h;
        const lower = h.toLowerCase();
        // Computed and attachments fields are left out (an export's formula and file-name columns import back without them).
        return def.fields.find((f) => !f.archived && !f.computed && f.type !== 'attachments' && (f.key === key || (!mapping && (f.labels.en.toLowerCase() === lower || f.labels.vi.toLowerCase() === lower)))) ?? null;
      });
      if (!columns.some(Boolean)) throw new AppError('validation_failed', 'file: no column matches a field of this object', [{ path: 'file', message: 'no column matches a field' }]);
      continue;
    }
    rowNo++;
    const values: Record<string, unknown> = {};
    rec.forEach((cell, i) => {
      const f = columns[i];
      if (f && canSeeField(p, f)) values[f.key] = parseCell(f, cell);
    });
    batch.push({ row: rowNo, values });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { created, failed: new Set(errors.map((e) => e.row)).size, errors: errors.slice(0, 1000) };
}
