import fs from 'node:fs';
import { ZipArchive } from 'archiver';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { requirePermission } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { activitiesOfContact, attachmentPath, eraseActivitiesOfContact, plainText, purgeActivitiesOf, removeAttachmentFiles } from '../activities/index.js';
import { contactsService, listCustomFields, presentContact } from '../contacts/index.js';
import { forgetDuplicatePairs } from '../duplicates/index.js';
import { ERASED_NAME, toCsv, zipEntryName } from './privacy.logic.js';
import { privacyRepository as repo } from './privacy.repository.js';
import { deleteVaultOf } from './privacy.vault.js';

const actor = (p: Principal) => ({ id: p.userId, label: p.name });

/** A step a later module adds to erasure (e.g. tickets clearing a requester's messages), run in the erase transaction. */
export type ErasureStep = (trx: Executor, contactId: string) => Promise<void>;
const erasureSteps: ErasureStep[] = [];
export function registerErasureStep(step: ErasureStep): void {
  erasureSteps.push(step);
}

/**
 * Builds the personal-data export of one contact as a zip stream: contact.json (record, activities,
 * consent history, attachment list), CSV files of each, and the attachment files. The export is audited
 * before the stream starts.
 */
export async function exportContact(ctx: AppContext, p: Principal, id: string): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  const db = ctx.database.db;
  const view = await contactsService.get(db, p, id, { includeDeleted: true });
  if (view.erased_at) throw new AppError('gone', 'This contact was erased; there is no personal data left to export');
  const contact = presentContact(view, p, await listCustomFields(db, 'contact'));
  const { activities, attachments } = await activitiesOfContact(db, id);
  const consent = await repo.consentHistory(db, id);
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, { actor: actor(p), action: 'export', entity: 'contact', entityId: id, after: { format: 'zip' } });
    await emitEvent(trx, { type: 'contact.exported', entity: 'contact', entityId: id, actorId: p.userId, data: { id } });
  });

  const zip = new ZipArchive({ zlib: { level: 6 } });
  const exportedAt = nowIso();
  const attachmentList = attachments.map((a) => ({ id: a.id, activityId: a.activity_id, filename: a.filename, mime: a.mime, size: Number(a.size), sha256: a.sha256, createdAt: a.created_at, file: zipEntryName(a.id, a.filename) }));
  const consentList = consent.map((c) => ({ id: c.id, channel: c.channel, status: c.status, source: c.source, at: c.at, actorId: c.actor_id }));
  zip.append(JSON.stringify({ exportedAt, contact, activities, consentHistory: consentList, attachments: attachmentList }, null, 2), { name: 'contact.json' });
  zip.append(toCsv(['id', 'givenName', 'familyName', 'displayName', 'emails', 'phones', 'addresses', 'social', 'jobTitle', 'department', 'birthday', 'companyId', 'ownerId', 'tags', 'lifecycleStage', 'source', 'externalId', 'consent', 'custom', 'createdAt', 'updatedAt'], [
    { ...contact, emails: contact.emails.map((e) => e.address).join('; '), phones: contact.phones.map((x) => x.number).join('; '), tags: contact.tags.join('; ') },
  ]), { name: 'contact.csv' });
  zip.append(toCsv(['id', 'type', 'occurredAt', 'subject', 'body', 'direction', 'durationSeconds', 'outcome', 'dueAt', 'completedAt', 'location', 'emailFrom', 'emailTo', 'ownerId'],
    activities.map((a) => ({ ...a, body: plainText(a.body), emailTo: a.emailTo.join('; ') }))), { name: 'activities.csv' });
  zip.append(toCsv(['id', 'channel', 'status', 'source', 'at', 'actorId'], consentList), { name: 'consent_history.csv' });
  zip.append(toCsv(['id', 'activityId', 'filename', 'mime', 'size', 'sha256', 'createdAt', 'file'], attachmentList), { name: 'attachments.csv' });
  for (const a of attachments) {
    const abs = attachmentPath(ctx.config.dataDir, a.path);
    if (fs.existsSync(abs)) zip.file(abs, { name: zipEntryName(a.id, a.filename) });
  }
  void zip.finalize();
  return { filename: `contact-${id}.zip`, stream: zip };
}

/**
 * Erases a contact's personal data in one transaction: the record keeps its id, owner, stage, tags
 * and consent statuses under the name "Erased contact"; emails/phones/addresses/social/birthday/custom
 * and search text are cleared; side-table rows go; activities lose subject/body/addresses; attachments
 * go (files deleted after commit); the audit vault rows go, so old audit entries keep only ids and
 * dates; notifications, cached responses and event payloads naming it are scrubbed. Contacts merged
 * into it are the same person and are erased with it.
 */
export async function eraseContact(ctx: AppContext, p: Principal, id: string): Promise<{ id: string; erasedAt: string; erased: string[] }> {
  requirePermission(p, 'contacts', 'manage');
  const { at, ids, files } = await ctx.database.db.transaction().execute(async (trx) => {
    await contactsService.get(trx, p, id, { includeDeleted: true });
    const row = await repo.contactRow(trx, id);
    if (!row) throw new AppError('not_found', 'contact not found');
    if (row.merged_into) throw new AppError('conflict', `This contact was merged into ${row.merged_into}; erase that contact (it erases this one too)`);
    const at = nowIso();
    const ids = [id, ...(await repo.mergedChain(trx, id))];
    const files: string[] = [];
    for (const cid of ids) {
      await repo.eraseContactRow(trx, cid, at);
      files.push(...(await eraseActivitiesOfContact(trx, cid)));
      await repo.scrubCopies(trx, cid);
      await forgetDuplicatePairs(trx, cid);
      for (const step of erasureSteps) await step(trx, cid);
      // The erase entry holds a pseudonym and dates only (the vault store leaves erase entries alone).
      await appendAudit(trx, { actor: actor(p), action: 'erase', entity: 'contact', entityId: cid, after: { pseudonym: ERASED_NAME, erasedAt: at } });
    }
    await deleteVaultOf(trx, ids);
    await emitEvent(trx, { type: 'contact.erased', entity: 'contact', entityId: id, actorId: p.userId, data: { ids } });
    return { at, ids, files };
  });
  await removeAttachmentFiles(ctx.config.dataDir, files);
  return { id, erasedAt: at, erased: ids };
}

export interface PurgeResult { contacts: number; companies: number; skipped: number; cutoff: string }

/** Days a record stays in the recycle bin: setting `recycle.purgeDays`, default 30. */
export async function purgeDays(ex: Executor): Promise<number> {
  const v = Number(await repo.setting(ex, 'recycle.purgeDays'));
  return Number.isInteger(v) && v >= 0 ? v : 30;
}

/**
 * Hard-deletes contacts and companies soft-deleted before now − days, one record per transaction: a
 * record that another module still references without a cascade is skipped (and logged), not forced.
 */
export async function purgeRecycleBin(ctx: AppContext, opts: { days?: number; now?: Date } = {}): Promise<PurgeResult> {
  const db = ctx.database.db;
  const days = opts.days ?? (await purgeDays(db));
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000).toISOString();
  const result: PurgeResult = { contacts: 0, companies: 0, skipped: 0, cutoff };
  for (const table of ['contacts', 'companies'] as const) {
    let after: string | null = null;
    for (;;) {
      const batch = await repo.expired(db, table, cutoff, after, 100);
      for (const rec of batch) {
        try {
          const files = await db.transaction().execute(async (trx) => {
            const entity = table === 'contacts' ? 'contact' : 'company';
            await appendAudit(trx, { actor: { id: null, label: 'recycle bin purge' }, action: 'purge', entity, entityId: rec.id, after: { deletedAt: rec.deleted_at } });
            let paths: string[];
            if (table === 'contacts') {
              paths = await purgeActivitiesOf(trx, { contactId: rec.id });
              await repo.scrubCopies(trx, rec.id);
              await forgetDuplicatePairs(trx, rec.id);
              await deleteVaultOf(trx, [rec.id]);
            } else {
              paths = await purgeActivitiesOf(trx, { companyId: rec.id });
            }
            await repo.hardDelete(trx, table, rec.id);
            await emitEvent(trx, { type: `${entity}.purged`, entity, entityId: rec.id, data: { id: rec.id } });
            return paths;
          });
          await removeAttachmentFiles(ctx.config.dataDir, files);
          result[table]++;
        } catch (err) {
          result.skipped++;
          ctx.log.warn({ err, table, id: rec.id }, 'recycle bin purge skipped a record');
        }
      }
      if (batch.length < 100) break;
      after = batch[batch.length - 1]!.id;
    }
  }
  return result;
}
