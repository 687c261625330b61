/**
 * Notes another module writes in bulk inside its own transaction — an import's "note" column: each record gets
 * one note with the cell's text. Plain text becomes escaped paragraphs (sanitised like every body), authored by
 * the importer; no per-note audit entry or event (the import writes one per batch, as it does for its records).
 */
import type { Database, Executor } from '../../platform/db/db.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { sanitizeBody } from './activities.logic.js';

export interface PlainNote {
  id: string;
  /** The note's text as written (newlines kept as line breaks, blank lines as paragraphs). */
  text: string;
  contactId: string | null;
  companyId: string | null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 'Gọi lại <thứ 2>\n\nVIP' → '<p>Gọi lại &lt;thứ 2&gt;</p><p>VIP</p>'. */
export function plainTextBody(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return sanitizeBody(paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join(''));
}

/** Inserts note activities (one multi-row statement per chunk) in the caller's transaction. */
export async function insertPlainNotes(
  database: Database, trx: Executor, notes: readonly PlainNote[], author: { userId: string; teamId: string | null }, now: string,
): Promise<void> {
  if (!notes.length) return;
  await bulkInsert(database, trx, 'activities', notes.map((n) => ({
    id: n.id, type: 'note', subject: null, body: plainTextBody(n.text), contact_id: n.contactId, company_id: n.companyId,
    owner_id: author.userId, team_id: author.teamId, occurred_at: now, duration_seconds: null, direction: null, outcome: null,
    due_at: null, remind_at: null, reminded_at: null, completed_at: null, location: null, email_from: null, email_to: null,
    mentions: '[]', version: 1, created_at: now, updated_at: now, created_by: author.userId, updated_by: author.userId, deleted_at: null,
  })));
}

/** Soft-deletes notes by id (an import's revert); returns how many were live. Idempotent. */
export async function deleteNotes(trx: Executor, ids: readonly string[], now: string, userId: string | null): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const res = await trx.updateTable('activities').set((eb) => ({ deleted_at: now, updated_at: now, updated_by: userId, version: eb('version', '+', 1) }))
      .where('id', 'in', ids.slice(i, i + 500)).where('type', '=', 'note').where('deleted_at', 'is', null).executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}
