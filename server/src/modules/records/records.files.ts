/**
 * Files of `attachments` fields: upload (multipart, one file per request, ≤ 10 MiB, type by extension and leading
 * bytes like activities' attachments), download and delete at `/objects/{name}/{id}/fields/{key}/files`.
 * Bytes live under `<dataDir>/attachments/records/<yyyy>/<mm>/<id>` (the activities storage root), rows in
 * `record_files`; the field's value (`[{ id, name, size, contentType }]`) changes through the write pipeline in
 * the same transaction as the row, so the change is in the record's events, the audit log and the outbox.
 * Seeing a file needs read on a record the caller may see and the field's classification (else 404, like a
 * missing file); changing needs update. A record in the recycle bin keeps its files (still downloadable).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { attachmentExtensions } from '../../../../contracts/activities.js';
import { errorSchema } from '../../../../contracts/common.js';
import {
  FIELD_FILE_MAX_BYTES, FIELD_FILES_MAX, fieldFileIdParams, fieldFileList, fieldFileParams, type FieldFile,
} from '../../../../contracts/records.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import {
  assertCan, assertVisible, canSeeField, definitionOf, fromRow, loadLive, pipeline, recordsRepository as repo, type FieldDefinition, type ObjectDefinition,
} from '../../platform/records/index.js';
import { attachmentPath, checkFileType, contentDisposition, removeAttachmentFiles, safeFilename } from '../activities/index.js';

const HEAD_BYTES = 4100;
const tags = ['records'];
const auth = { access: 'authenticated' as const };
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

/** The object, and its attachments field the caller may see (else 404: a hidden field is not there for them). */
async function fieldOf(ex: Executor, p: Principal, name: string, key: string): Promise<{ def: ObjectDefinition; defs: Map<string, ObjectDefinition>; f: FieldDefinition }> {
  const { def, defs } = await definitionOf(ex, name);
  const f = def.fields.find((x) => x.key === key);
  if (!f || f.type !== 'attachments' || !canSeeField(p, f)) throw notFound('attachments field');
  return { def, defs, f };
}

const filesOf = (def: ObjectDefinition, f: FieldDefinition, row: Record<string, unknown>): FieldFile[] => (fromRow(f, row) as FieldFile[] | null) ?? [];

/** Streams the upload to a `.part` file while hashing it and keeping its head; 413 over the limit, 415 by type. */
async function receive(ctx: AppContext, file: MultipartFile): Promise<{ rel: string; abs: string; part: string; size: number; sha256: string; name: string; mime: string }> {
  const id = newId();
  const now = new Date();
  const rel = path.join('attachments', 'records', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), id);
  const abs = attachmentPath(ctx.config.dataDir, rel);
  const part = `${abs}.part`;
  await fs.promises.mkdir(path.dirname(abs), { recursive: true });
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLen = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      if (headLen < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLen));
        headLen += Math.min(chunk.length, HEAD_BYTES - headLen);
      }
      cb(null, chunk);
    },
  });
  const tooLarge = () => new AppError('payload_too_large', 'file: larger than the 10 MiB limit', [{ path: 'file', message: 'larger than 10 MiB' }]);
  try {
    await streamPipeline(file.file, tap, fs.createWriteStream(part));
  } catch (err) {
    await fs.promises.rm(part, { force: true });
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  if (file.file.truncated || size > FIELD_FILE_MAX_BYTES) {
    await fs.promises.rm(part, { force: true });
    throw tooLarge();
  }
  const name = safeFilename(file.filename);
  const check = checkFileType(name, Buffer.concat(head), attachmentExtensions);
  if (!check.ok) {
    await fs.promises.rm(part, { force: true });
    throw new AppError('unsupported_media_type', `file: ${check.message}`, [{ path: 'file', message: check.message }]);
  }
  return { rel, abs, part, size, sha256: hash.digest('hex'), name, mime: check.mime };
}

export const recordFiles = {
  /** Stores one uploaded file on the field and returns the field's files. */
  async upload(ctx: AppContext, p: Principal, name: string, id: string, key: string, file: MultipartFile): Promise<FieldFile[]> {
    const db = ctx.database.db;
    const { def, f } = await fieldOf(db, p, name, key);
    assertCan(p, def.permissionModule, 'update');
    if (f.archived) throw new AppError('validation_failed', `${key}: archived field`, [{ path: 'key', message: 'archived field' }]);
    await loadLive(db, def, p, id);
    const got = await receive(ctx, file);
    try {
      await fs.promises.rename(got.part, got.abs);
      return await db.transaction().execute(async (trx) => {
        const { defs } = await definitionOf(trx, name);
        const row = await loadLive(trx, def, p, id);
        const before = filesOf(def, f, row);
        if (before.length >= FIELD_FILES_MAX) throw new AppError('validation_failed', `file: the field holds at most ${FIELD_FILES_MAX} files`, [{ path: 'file', message: `at most ${FIELD_FILES_MAX} files per field` }]);
        const fileId = newId();
        await trx.insertInto('record_files').values({
          id: fileId, type_name: def.name, record_id: id, field: key, name: got.name, size: got.size, content_type: got.mime, path: got.rel,
          sha256: got.sha256, created_by: p.userId, created_at: nowIso(),
        }).execute();
        const after = [...before, { id: fileId, name: got.name, size: got.size, contentType: got.mime }];
        await pipeline.update(trx, def, defs, p, id, { derived: { [key]: after } });
        return after;
      });
    } catch (err) {
      await fs.promises.rm(got.abs, { force: true });
      throw err;
    } finally {
      await fs.promises.rm(got.part, { force: true });
    }
  },

  /** A file's row and an open stream (404 when the record, field or file is not the caller's to see). */
  async open(ctx: AppContext, p: Principal, name: string, id: string, key: string, fileId: string) {
    const db = ctx.database.db;
    const { def } = await fieldOf(db, p, name, key);
    assertCan(p, def.permissionModule, 'read');
    const row = await repo.get(db, def, id);
    if (!row) throw notFound(def.labels.en.singular);
    // The recycle bin keeps a record's files: a reader who may see the record may still download them.
    assertVisible(p, def.permissionModule, row, def.labels.en.singular);
    const file = await db.selectFrom('record_files').selectAll().where('id', '=', fileId).where('type_name', '=', def.name)
      .where('record_id', '=', id).where('field', '=', key).executeTakeFirst();
    if (!file) throw notFound('file');
    const abs = attachmentPath(ctx.config.dataDir, file.path);
    if (!fs.existsSync(abs)) throw new AppError('gone', 'The file is missing from the data folder');
    return { file, stream: fs.createReadStream(abs) };
  },

  /** Removes one file from the field (the row in the transaction, the bytes after it commits). */
  async remove(ctx: AppContext, p: Principal, name: string, id: string, key: string, fileId: string): Promise<FieldFile[]> {
    const db = ctx.database.db;
    const { def, f } = await fieldOf(db, p, name, key);
    assertCan(p, def.permissionModule, 'update');
    const { rel, after } = await db.transaction().execute(async (trx) => {
      const { defs } = await definitionOf(trx, name);
      const row = await loadLive(trx, def, p, id);
      const file = await trx.selectFrom('record_files').selectAll().where('id', '=', fileId).where('type_name', '=', def.name)
        .where('record_id', '=', id).where('field', '=', key).executeTakeFirst();
      if (!file) throw notFound('file');
      await trx.deleteFrom('record_files').where('id', '=', fileId).execute();
      const left = filesOf(def, f, row).filter((x) => x.id !== fileId);
      await pipeline.update(trx, def, defs, p, id, { derived: { [key]: left } });
      return { rel: file.path, after: left };
    });
    await removeAttachmentFiles(ctx.config.dataDir, [rel]);
    return after;
  },
};

/**
 * Removes every file of a record for good (rows in `trx`; returns the stored paths to delete once it commits with
 * removeAttachmentFiles). For the purge of a record from the recycle bin.
 */
export async function purgeRecordFiles(trx: Executor, typeName: string, recordId: string): Promise<string[]> {
  const rows = await trx.selectFrom('record_files').select('path').where('type_name', '=', typeName).where('record_id', '=', recordId).execute();
  await trx.deleteFrom('record_files').where('type_name', '=', typeName).where('record_id', '=', recordId).execute();
  return rows.map((r) => r.path);
}

export async function fileRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);
  const base = '/objects/:name/:id/fields/:key/files';

  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1024, parts: 10, headerPairs: 100, fileSize: FIELD_FILE_MAX_BYTES } });
    apiRouter(scoped).post(base, {
      config: auth,
      schema: {
        tags, operationId: 'uploadRecordFile', consumes: ['multipart/form-data'], params: fieldFileParams,
        summary: "Attach a file to a record's attachments field (multipart, field \"file\"; ≤ 10 MiB, 20 per field, type checked by content)",
        response: { 201: fieldFileList, 413: errorSchema, 415: errorSchema, ...errors },
      },
    }, async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'file: send the file as multipart/form-data in a field named "file"', [{ path: 'file', message: 'multipart/form-data expected' }]);
      const file = await req.file();
      if (!file) throw new AppError('validation_failed', 'file: no file in the request', [{ path: 'file', message: 'required' }]);
      const data = await recordFiles.upload(ctx, principalOf(req), req.params.name, req.params.id, req.params.key, file);
      return reply.status(201).send({ data });
    });
  });

  r.get(`${base}/:fileId`, {
    config: auth,
    schema: { tags, operationId: 'downloadRecordFile', summary: "Download a file of a record's attachments field", params: fieldFileIdParams, response: { 200: z.unknown().describe('The file bytes'), 410: errorSchema, ...errors } },
  }, async (req, reply) => {
    const { file, stream } = await recordFiles.open(ctx, principalOf(req), req.params.name, req.params.id, req.params.key, req.params.fileId);
    return reply
      .header('Content-Type', file.content_type)
      .header('Content-Length', String(file.size))
      .header('Content-Disposition', contentDisposition(file.name))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  });

  r.delete(`${base}/:fileId`, {
    config: auth,
    schema: { tags, operationId: 'deleteRecordFile', summary: "Remove a file from a record's attachments field", params: fieldFileIdParams, response: { 200: fieldFileList, ...errors } },
  }, async (req) => ({ data: await recordFiles.remove(ctx, principalOf(req), req.params.name, req.params.id, req.params.key, req.params.fileId) }));
}
