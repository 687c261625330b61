/** HTTP routes of imports, saved mappings and contact/company export. Handlers stay thin. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { errorSchema, idParams, type Locale } from '../../../../contracts/common.js';
import {
  companyExportQuery, createImportFields, exportQuery, failedRowsQuery, failuresPage, failuresQuery, importCreated, importListQuery, importPage,
  importSchema, mappingBody, savedMappingBody, savedMappingList, savedMappingSchema, validationReport, warningsPage, warningsQuery,
} from '../../../../contracts/imports.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf, requirePermission } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { headersOf } from './engine/source.js';
import { csvStream, neutralise } from './engine/writers.js';
import { exportCompanies, exportContacts, type ExportStream } from './imports.export.js';
import {
  errorColumn, failureText, presentFailure, presentImport, presentMapping, presentRowWarning, presentWarning, warningColumns, warningText,
} from './imports.presenter.js';
import { importsService as svc, moduleOfEntity, requireImporter } from './imports.service.js';
import { followUpService, rowColumn } from './imports.followups.js';
import { followUpRoutes, followUpUploadRoute } from './imports.followups.routes.js';

const tags = ['imports'];
/** Default largest upload (a million-row CSV is ~150 MB); `KITH_IMPORT_MAX_BYTES` (config.importMaxBytes) sets it. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Import routes are open to signed-in callers; the service then requires `create` on the import's own module
 * (contacts or companies), so a role that may only create companies can import companies.
 */
const create = 'authenticated' as const;

/** Sends a streamed file as a download (failed rows, exports). */
function sendDownload(reply: FastifyReply, file: ExportStream) {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
  return reply.send(file.stream);
}

export async function importRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Multipart only inside this plugin, so other modules' routes keep the JSON-only body parser.
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: ctx.config.importMaxBytes, files: 1, fields: 10 } });
    const r = apiRouter(scoped);
    r.post('/imports', {
      config: { access: create },
      schema: {
        tags, summary: 'Upload a file (multipart: file, entity, preset) and get a preview with a suggested mapping', operationId: 'createImport',
        consumes: ['multipart/form-data'], querystring: createImportFields.partial(), response: { 201: importCreated, 400: errorSchema },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'send multipart/form-data with a "file" field');
      const file = await req.file();
      if (!file) throw invalid('file', 'missing');
      const fields: Record<string, unknown> = { ...req.query };
      for (const [k, v] of Object.entries(file.fields)) {
        const f = Array.isArray(v) ? v[0] : v;
        if (f && f.type === 'field') fields[k] = f.value;
      }
      const parsed = createImportFields.safeParse(fields);
      if (!parsed.success) {
        file.file.resume();
        const issue = parsed.error.issues[0]!;
        throw invalid(issue.path.join('.') || 'body', issue.message);
      }
      const out = await svc.create(ctx, p, { fileName: file.filename || 'upload', stream: file.file }, parsed.data);
      return reply.status(201).send({ ...presentImport(out.imp), sample: out.sample, suggestedMapping: out.suggested });
    });
    followUpUploadRoute(scoped, ctx);
  });
  await followUpRoutes(app, ctx);

  const r = apiRouter(app);
  r.get('/imports', {
    config: { access: create },
    schema: { tags, summary: 'Import history, newest first', operationId: 'listImports', querystring: importListQuery, response: { 200: importPage } },
  }, async (req) => {
    requireImporter(principalOf(req));
    const after = decodeCursor(req.query.cursor, 2) as [string, string] | undefined;
    const rows = await svc.list(ctx, principalOf(req), req.query.limit, after);
    const page = toPage(rows, req.query.limit, (x) => [x.created_at, x.id]);
    // The history lists batches (follow-ups are inside them): each with its batch's counts.
    const batches = await followUpService.totalsOf(ctx, page.data.map((x) => x.id));
    return { data: page.data.map((x) => ({ ...presentImport(x), batch: batches.get(x.id) })), nextCursor: page.nextCursor };
  });

  r.get('/imports/:id', {
    config: { access: create },
    schema: { tags, summary: 'Status, progress (rows/s, ETA) and counts of an import', operationId: 'getImport', params: idParams, response: { 200: importSchema } },
  }, async (req) => {
    const imp = await svc.get(ctx, principalOf(req), req.params.id);
    // A batch's first import carries the batch's counts (it and its follow-ups).
    return imp.parent_id ? presentImport(imp) : { ...presentImport(imp), batch: await followUpService.totals(ctx, imp.id) };
  });

  r.put('/imports/:id/mapping', {
    config: { access: create },
    schema: { tags, summary: 'Set the column mapping, duplicate handling and match keys', operationId: 'setImportMapping', params: idParams, body: mappingBody, response: { 200: importSchema } },
  }, async (req) => presentImport(await svc.setMapping(ctx, principalOf(req), req.params.id, req.body)));

  r.delete('/imports/:id', {
    config: { access: create },
    schema: {
      tags, summary: 'Discard an import not started yet (at the mapping step): its upload is deleted', operationId: 'discardImport',
      params: idParams, response: { 204: z.null(), 409: errorSchema },
    },
  }, async (req, reply) => {
    await svc.discard(ctx, principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.post('/imports/:id/validate', {
    config: { access: create },
    schema: { tags, summary: 'Clean every row and report errors; nothing is written', operationId: 'validateImport', params: idParams, response: { 200: validationReport } },
  }, async (req) => {
    const report = await svc.validate(ctx, principalOf(req), req.params.id);
    return { ...report, warnings: report.warnings.map(presentRowWarning) };
  });

  r.post('/imports/:id/start', {
    config: { access: create },
    schema: { tags, summary: 'Run the import in the background', operationId: 'startImport', params: idParams, response: { 202: importSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const imp = await svc.get(ctx, p, req.params.id);
    if (imp.on_duplicate === 'update') requirePermission(p, moduleOfEntity(imp.entity), 'update');
    return reply.status(202).send(presentImport(await svc.start(ctx, p, req.params.id)));
  });

  r.post('/imports/:id/cancel', {
    config: { access: create },
    schema: { tags, summary: 'Cancel after the current batch', operationId: 'cancelImport', params: idParams, response: { 200: importSchema } },
  }, async (req) => presentImport(await svc.cancel(ctx, principalOf(req), req.params.id)));

  r.post('/imports/:id/revert', {
    config: { access: create },
    schema: { tags, summary: 'Undo an import: created records removed, updated records restored', operationId: 'revertImport', params: idParams, response: { 202: importSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    requirePermission(p, moduleOfEntity((await svc.get(ctx, p, req.params.id)).entity), 'delete');
    return reply.status(202).send(presentImport(await svc.revert(ctx, p, req.params.id)));
  });

  r.get('/imports/:id/failures', {
    config: { access: create },
    schema: {
      tags, summary: 'Failed rows of a run, in row order: reasons with codes and params (and in English)', operationId: 'listImportFailures',
      params: idParams, querystring: failuresQuery, response: { 200: failuresPage },
    },
  }, async (req) => {
    const imp = await svc.get(ctx, principalOf(req), req.params.id);
    const after = decodeCursor(req.query.cursor, 1) as [number] | undefined;
    const rows = await svc.failures(ctx, await followUpService.batchIds(ctx, imp), Number(after?.[0] ?? 0), req.query.limit + 1);
    const page = toPage(rows, req.query.limit, (f) => [f.row_number]);
    const headers = req.query.cells === 'true' ? headersOf(imp.headers) : undefined;
    return { data: page.data.map((f) => presentFailure(f, headers)), nextCursor: page.nextCursor };
  });

  r.get('/imports/:id/failed-rows.csv', {
    config: { access: create },
    schema: {
      tags, summary: 'Failed rows: their row number (Row), the original columns and an Error column in the user\'s language (or `lang`)', operationId: 'importFailedRows',
      params: idParams, querystring: failedRowsQuery, produces: ['text/csv'],
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const imp = await svc.get(ctx, p, req.params.id);
    const lang: Locale = req.query.lang ?? (p.locale === 'vi' ? 'vi' : 'en');
    const headers = headersOf(imp.headers);
    const ids = await followUpService.batchIds(ctx, imp);
    // The Row column carries each row's number in the file: the CSV, corrected, uploads back as a follow-up.
    async function* rows(): AsyncGenerator<string[]> {
      yield [rowColumn[lang], ...headers, errorColumn[lang]];
      let after = 0;
      for (;;) {
        const page = await svc.failures(ctx, ids, after, 1000);
        for (const f of page) yield [String(f.row_number), ...headers.map((_, i) => (JSON.parse(f.cells) as string[])[i] ?? ''), failureText(f, lang)].map(neutralise);
        if (page.length < 1000) break;
        after = page[page.length - 1]!.row_number;
      }
    }
    return sendDownload(reply, { stream: csvStream(rows(), { bom: true }), contentType: 'text/csv; charset=utf-8', fileName: `import-${imp.id}-failed-rows.csv` });
  });

  r.get('/imports/:id/warnings', {
    config: { access: create },
    schema: {
      tags, summary: 'Cells an import left out of their records (row, column, value, reason), in row order', operationId: 'listImportWarnings',
      params: idParams, querystring: warningsQuery, response: { 200: warningsPage },
    },
  }, async (req) => {
    const imp = await svc.get(ctx, principalOf(req), req.params.id);
    const after = decodeCursor(req.query.cursor, 2) as [number, string] | undefined;
    const rows = await svc.warnings(ctx, await followUpService.batchIds(ctx, imp), after ? [Number(after[0]), String(after[1])] : undefined, req.query.limit + 1);
    const page = toPage(rows, req.query.limit, (w) => [w.row_number, w.id]);
    return { data: page.data.map(presentWarning), nextCursor: page.nextCursor };
  });

  r.get('/imports/:id/warnings.csv', {
    config: { access: create },
    schema: {
      tags, summary: 'Warnings as CSV: row, column, value, code, reason (in the user\'s language, or `lang`), record id', operationId: 'importWarningsCsv',
      params: idParams, querystring: failedRowsQuery, produces: ['text/csv'],
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const imp = await svc.get(ctx, p, req.params.id);
    const lang: Locale = req.query.lang ?? (p.locale === 'vi' ? 'vi' : 'en');
    const ids = await followUpService.batchIds(ctx, imp);
    async function* rows(): AsyncGenerator<string[]> {
      yield warningColumns[lang];
      let after: [number, string] | undefined;
      for (;;) {
        const page = await svc.warnings(ctx, ids, after, 1000);
        for (const w of page) yield [String(w.row_number), w.column_name, w.value, w.code, warningText(w, lang), w.record_id ?? ''].map(neutralise);
        if (page.length < 1000) break;
        const last = page[page.length - 1]!;
        after = [last.row_number, last.id];
      }
    }
    return sendDownload(reply, { stream: csvStream(rows(), { bom: true }), contentType: 'text/csv; charset=utf-8', fileName: `import-${imp.id}-warnings.csv` });
  });

  r.get('/import-mappings', {
    config: { access: create },
    schema: { tags, summary: 'Saved mappings', operationId: 'listImportMappings', response: { 200: savedMappingList } },
  }, async (req) => {
    requireImporter(principalOf(req));
    return (await svc.mappings(ctx)).map(presentMapping);
  });

  r.post('/import-mappings', {
    config: { access: create },
    schema: { tags, summary: 'Save a mapping for later imports', operationId: 'saveImportMapping', body: savedMappingBody, response: { 201: savedMappingSchema } },
  }, async (req, reply) => reply.status(201).send(presentMapping(await svc.saveMapping(ctx, principalOf(req), req.body))));

  r.get('/contacts/export', {
    config: { access: { module: 'contacts', action: 'export' } },
    schema: {
      tags: ['contacts', 'imports'], summary: 'Export contacts (list filters or ids) as CSV, XLSX or vCard 4.0, streamed', operationId: 'exportContacts',
      querystring: exportQuery, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/vcard'],
    },
  }, async (req, reply) => sendDownload(reply, await exportContacts(ctx, principalOf(req), req.query, req.ip)));

  r.get('/companies/export', {
    config: { access: { module: 'companies', action: 'export' } },
    schema: {
      tags: ['companies', 'imports'], summary: 'Export companies (list filters or ids) as CSV, XLSX or vCard 4.0 (KIND:org), streamed', operationId: 'exportCompanies',
      querystring: companyExportQuery, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/vcard'],
    },
  }, async (req, reply) => sendDownload(reply, await exportCompanies(ctx, principalOf(req), req.query, req.ip)));
}

