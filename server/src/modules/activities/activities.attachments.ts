/** Attachments on activities: stored under <dataDir>/attachments/<yyyy>/<mm>/<id>, checked by type and size. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { attachmentExtensions, DEFAULT_ATTACHMENT_MAX_BYTES, type Attachment } from '../../../../contracts/activities.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { checkFileType, safeFilename } from './activities.logic.js';
import { canChange } from './activities.policy.js';
import { presentAttachment } from './activities.presenter.js';
import { activitiesRepository as repo, type AttachmentRow } from './activities.repository.js';
import { actorOf, loadReadable } from './activities.service.js';

const HEAD_BYTES = 4100;

/** The upload limit: setting `attachments.maxBytes`, default 10 MiB. */
export async function attachmentMaxBytes(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('settings').select('value').where('key', '=', 'attachments.maxBytes').executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_ATTACHMENT_MAX_BYTES;
}

export function absolutePath(dataDir: string, rel: string): string {
  const root = path.resolve(dataDir, 'attachments');
  const abs = path.resolve(dataDir, rel);
  if (!abs.startsWith(root + path.sep)) throw new Error(`attachment path outside the attachments folder: ${rel}`);
  return abs;
}

/** Removes stored files; missing ones are fine (call after the deleting transaction commits). */
export async function removeFiles(dataDir: string, rels: string[]): Promise<void> {
  for (const rel of rels) await fs.promises.rm(absolutePath(dataDir, rel), { force: true });
}

const mib = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MiB`;

/** Ensures the principal may attach to the activity (it must be readable; attaching needs activities create). */
export async function assertCanAttach(ex: Executor, p: Principal, activityId: string): Promise<void> {
  await loadReadable(ex, p, activityId);
}

/**
 * Streams one uploaded file to disk while hashing it and keeping its first bytes, then checks size
 * (413) and type by extension and magic bytes (415) before the row is written. Nothing stays on disk
 * when a check fails.
 */
export async function saveUpload(ctx: AppContext, p: Principal, activityId: string, file: MultipartFile, maxBytes: number): Promise<Attachment> {
  const id = newId();
  const now = new Date();
  const rel = path.join('attachments', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), id);
  const abs = absolutePath(ctx.config.dataDir, rel);
  const part = `${abs}.part`;
  await fs.promises.mkdir(path.dirname(abs), { recursive: true });
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let headLen = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      if (headLen < HEAD_BYTES) {
        chunks.push(chunk.subarray(0, HEAD_BYTES - headLen));
        headLen += Math.min(chunk.length, HEAD_BYTES - headLen);
      }
      cb(null, chunk);
    },
  });
  const tooLarge = () => new AppError('payload_too_large', `The file is larger than the ${mib(maxBytes)} limit`, [{ path: 'file', message: `larger than ${mib(maxBytes)}` }]);
  try {
    await pipeline(file.file, tap, fs.createWriteStream(part));
  } catch (err) {
    await fs.promises.rm(part, { force: true });
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  try {
    if (file.file.truncated || size > maxBytes) throw tooLarge();
    const filename = safeFilename(file.filename);
    const check = checkFileType(filename, Buffer.concat(chunks), attachmentExtensions);
    if (!check.ok) throw new AppError('unsupported_media_type', check.message, [{ path: 'file', message: check.message }]);
    await fs.promises.rename(part, abs);
    const row: AttachmentRow = {
      id, activity_id: activityId, filename, mime: check.mime, size, path: rel, sha256: hash.digest('hex'),
      created_by: p.userId, created_at: nowIso(),
    };
    try {
      await ctx.database.db.transaction().execute(async (trx) => {
        // Re-check inside the transaction: the activity may have been deleted during the upload.
        const activity = await loadReadable(trx, p, activityId);
        await repo.insertAttachment(trx, row);
        await appendAudit(trx, {
          actor: actorOf(p), action: 'create', entity: 'attachment', entityId: id,
          after: { activityId, contactId: activity.contact_id, companyId: activity.company_id, filename, mime: row.mime, size },
        });
        await emitEvent(trx, { type: 'attachment.created', entity: 'attachment', entityId: id, actorId: p.userId, data: { activityId, size } });
      });
    } catch (err) {
      await fs.promises.rm(abs, { force: true });
      throw err;
    }
    return presentAttachment(row);
  } finally {
    await fs.promises.rm(part, { force: true });
  }
}

/** The attachment row and an open read stream of its file. */
export async function openAttachment(ctx: AppContext, p: Principal, activityId: string, attId: string) {
  await loadReadable(ctx.database.db, p, activityId);
  const row = await repo.attachment(ctx.database.db, activityId, attId);
  if (!row) throw notFound('attachment');
  const abs = absolutePath(ctx.config.dataDir, row.path);
  if (!fs.existsSync(abs)) throw new AppError('gone', 'The attachment file is missing from the data folder');
  return { row, stream: fs.createReadStream(abs) };
}

export async function deleteAttachment(ctx: AppContext, p: Principal, activityId: string, attId: string): Promise<void> {
  const rel = await ctx.database.db.transaction().execute(async (trx) => {
    const activity = await loadReadable(trx, p, activityId);
    if (!canChange(p, activity, 'update')) throw forbidden('Your role does not allow changing this activity');
    const row = await repo.attachment(trx, activityId, attId);
    if (!row) throw notFound('attachment');
    await repo.deleteAttachment(trx, attId);
    await appendAudit(trx, { actor: actorOf(p), action: 'delete', entity: 'attachment', entityId: attId, before: { activityId, contactId: activity.contact_id, companyId: activity.company_id, filename: row.filename, size: row.size } });
    await emitEvent(trx, { type: 'attachment.deleted', entity: 'attachment', entityId: attId, actorId: p.userId, data: { activityId } });
    return row.path;
  });
  await removeFiles(ctx.config.dataDir, [rel]);
}

export async function listAttachments(ex: Executor, p: Principal, activityId: string): Promise<Attachment[]> {
  await loadReadable(ex, p, activityId);
  return (await repo.attachmentsOf(ex, [activityId])).map(presentAttachment);
}
