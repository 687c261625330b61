/** HTTP routes of follow-ups (re-check, import corrected rows, upload the corrected failed-rows CSV) and of a custom field from a column. */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { customFieldSchema } from '../../../../contracts/custom-fields.js';
import { columnFieldBody, correctionsBody, importSchema, recheckReport } from '../../../../contracts/imports.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { customFieldFromColumn } from './imports.custom-field.js';
import { followUpService } from './imports.followups.js';
import { presentImport } from './imports.presenter.js';

const tags = ['imports'];
/** As every import route: signed in, then the service requires `create` on the import's module. */
const access = 'authenticated' as const;

/** POST /imports/{id}/follow-up (multipart): registered in the scope where the multipart parser is. */
export function followUpUploadRoute(app: FastifyInstance, ctx: AppContext): void {
  apiRouter(app).post('/imports/:id/follow-up', {
    config: { access },
    schema: {
      tags, summary: 'Upload the failed-rows CSV, corrected, as a follow-up of the import (its Row column says which rows)', operationId: 'uploadImportFollowUp',
      consumes: ['multipart/form-data'], params: idParams, response: { 202: importSchema, 400: errorSchema, 409: errorSchema },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'send multipart/form-data with a "file" field');
    const file = await req.file();
    if (!file) throw invalid('file', 'missing');
    const tmp = path.join(ctx.config.dataDir, 'imports', `upload-${newId()}`);
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    try {
      await pipeline(file.file, fs.createWriteStream(tmp));
      if ((file.file as Readable & { truncated?: boolean }).truncated) throw new AppError('payload_too_large', 'file: larger than the upload limit');
      if (fs.statSync(tmp).size === 0) throw invalid('file', 'the file is empty');
      const child = await followUpService.reupload(ctx, p, req.params.id, { fileName: file.filename || 'corrections.csv', path: tmp });
      return reply.status(202).send(presentImport(child));
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });
}

export async function followUpRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);

  r.post('/imports/:id/recheck', {
    config: { access },
    schema: {
      tags, summary: 'Check corrected failed rows and warnings as the import would; nothing is written', operationId: 'recheckImportRows',
      params: idParams, body: correctionsBody, response: { 200: recheckReport, 400: errorSchema, 409: errorSchema },
    },
  }, async (req) => followUpService.recheck(ctx, principalOf(req), req.params.id, req.body.rows));

  r.post('/imports/:id/corrections', {
    config: { access },
    schema: {
      tags, summary: 'Import corrected rows as a follow-up of the import (same batch: one report, one revert)', operationId: 'importCorrectedRows',
      params: idParams, body: correctionsBody, response: { 202: importSchema, 400: errorSchema, 409: errorSchema },
    },
  }, async (req, reply) => reply.status(202).send(presentImport(await followUpService.correct(ctx, principalOf(req), req.params.id, req.body.rows))));

  r.post('/imports/:id/custom-fields', {
    config: { access },
    schema: {
      tags, summary: 'Create a custom field from a column of the file (administrators) and map the column to it', operationId: 'customFieldFromColumn',
      params: idParams, body: columnFieldBody, response: { 201: z.object({ field: customFieldSchema, import: importSchema }), 400: errorSchema, 409: errorSchema },
    },
  }, async (req, reply) => {
    const out = await customFieldFromColumn(ctx, principalOf(req), req.params.id, req.body);
    return reply.status(201).send({ field: out.field, import: presentImport(out.imp) });
  });
}
