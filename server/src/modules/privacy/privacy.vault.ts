/**
 * Personal data in the audit log, by reference. The audit log is append-only and hash-chained, so a
 * name written into it could never be erased. Instead, for entries about a person (contact, and
 * activities/attachments linked to a contact), the chained row keeps only non-personal keys plus
 * `"$personal": "<vault id>"`; the personal keys go to `personal_data_vault`, keyed by the contact.
 * Readers (timeline field changes, audit viewer) call resolveAuditData() to get full values back.
 * Erasing a contact deletes its vault rows: the chain still verifies, and what remains of the old
 * entries is ids, dates, stage, owner and tags — no name, email, phone or free text.
 */
import { setAuditDataStore, type AuditDataStore, type AuditEntry } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/db.js';
import { newId, nowIso } from '../../platform/ids.js';
import './privacy.tables.js';

/** Keys that identify no one and may stay in the chain (both camelCase and snake_case spellings). */
const INLINE_KEYS = new Set([
  'id', 'version', 'type', 'action', 'ownerId', 'owner_id', 'teamId', 'team_id', 'companyId', 'company_id', 'contactId',
  'contact_id', 'activityId', 'activity_id', 'lifecycleStage', 'lifecycle_stage', 'source', 'tags', 'consent',
  'createdAt', 'created_at', 'updatedAt', 'updated_at', 'createdBy', 'created_by', 'updatedBy', 'updated_by',
  'deletedAt', 'deleted_at', 'erasedAt', 'erased_at', 'mergedInto', 'merged_into', 'survivorId', 'mergedId',
  'occurredAt', 'occurred_at', 'dueAt', 'due_at', 'remindAt', 'remind_at', 'completedAt', 'completed_at',
  'durationSeconds', 'duration_seconds', 'direction', 'mime', 'size', 'masked', 'choices', 'format',
]);

type Subject = (entry: AuditEntry) => string | null;
const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const contactOf: Subject = (e) => {
  const v = asRecord(e.after)?.contactId ?? asRecord(e.before)?.contactId;
  return typeof v === 'string' ? v : null;
};

/** Entities whose audit entries are about a person, and how to find that person's contact id. */
const subjects = new Map<string, Subject>([
  ['contact', (e) => e.entityId ?? null],
  ['activity', contactOf],
  ['attachment', contactOf],
]);

/** Lets a later module declare its entity as personal (e.g. `ticket` → its contact). */
export function registerPersonalEntity(entity: string, subjectOf: Subject): void {
  subjects.set(entity, subjectOf);
}

async function split(trx: Executor, value: unknown, subjectId: string, entity: string): Promise<unknown> {
  const rec = asRecord(value);
  if (value === undefined || value === null) return value;
  const inline: Record<string, unknown> = {};
  const personal: Record<string, unknown> = {};
  if (rec) for (const [k, v] of Object.entries(rec)) (INLINE_KEYS.has(k) ? inline : personal)[k] = v;
  else personal.$value = value;
  if (!Object.keys(personal).length) return inline;
  const id = newId();
  await trx.insertInto('personal_data_vault').values({ id, subject_id: subjectId, entity, data: JSON.stringify(personal), created_at: nowIso() }).execute();
  return { ...inline, $personal: id };
}

export const personalDataStore: AuditDataStore = {
  async store(trx, entry) {
    // An erase entry is written without personal data by construction (and must not re-create any).
    if (entry.action === 'erase') return entry;
    const subjectId = subjects.get(entry.entity)?.(entry);
    if (!subjectId) return entry;
    return {
      ...entry,
      before: await split(trx, entry.before, subjectId, entry.entity),
      after: await split(trx, entry.after, subjectId, entry.entity),
    };
  },
  async resolve(ex, values) {
    const ids = values.map((v) => asRecord(v)?.$personal).filter((v): v is string => typeof v === 'string');
    const rows = ids.length ? await ex.selectFrom('personal_data_vault').select(['id', 'data']).where('id', 'in', ids).execute() : [];
    const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.data) as Record<string, unknown>]));
    return values.map((v) => {
      const rec = asRecord(v);
      if (!rec || typeof rec.$personal !== 'string') return v;
      const { $personal, ...inline } = rec;
      const personal = byId.get($personal);
      if (!personal) return { ...inline, $erased: true };
      if ('$value' in personal && Object.keys(personal).length === 1) return personal.$value;
      return { ...inline, ...personal };
    });
  },
};

/** Deletes every vault row of these people (erase, purge). */
export async function deleteVaultOf(trx: Executor, subjectIds: string[]): Promise<number> {
  if (!subjectIds.length) return 0;
  const res = await trx.deleteFrom('personal_data_vault').where('subject_id', 'in', subjectIds).executeTakeFirst();
  return Number(res.numDeletedRows);
}

setAuditDataStore(personalDataStore);
