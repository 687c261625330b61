import { sql } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';
import { ERASED_NAME } from './privacy.logic.js';

export const privacyRepository = {
  /** The contact row itself, deleted or not (contacts service's get() has already checked visibility). */
  async contactRow(ex: Executor, id: string) {
    return ex.selectFrom('contacts').select(['id', 'owner_id', 'team_id', 'deleted_at', 'erased_at', 'merged_into']).where('id', '=', id).executeTakeFirst();
  },

  /** Contacts merged into this one, at any depth (they are the same person). */
  async mergedChain(ex: Executor, id: string): Promise<string[]> {
    const out: string[] = [];
    let frontier = [id];
    while (frontier.length && out.length < 1000) {
      const rows = await ex.selectFrom('contacts').select('id').where('merged_into', 'in', frontier).execute();
      frontier = rows.map((r) => r.id).filter((x) => !out.includes(x) && x !== id);
      out.push(...frontier);
    }
    return out;
  },

  async consentHistory(ex: Executor, contactId: string) {
    return ex.selectFrom('consent_history').select(['id', 'channel', 'status', 'source', 'at', 'actor_id']).where('contact_id', '=', contactId).orderBy('at').orderBy('id').execute();
  },

  /** Clears every personal column of a contact and marks it erased; ids, owner, stage, tags and consent statuses stay. */
  async eraseContactRow(trx: Executor, id: string, at: string): Promise<void> {
    await trx
      .updateTable('contacts')
      .set({
        given_name: null, family_name: null, display_name: ERASED_NAME, name_key: ERASED_NAME.toLowerCase(), family_key: ERASED_NAME.toLowerCase(),
        sort_key: ERASED_NAME.toLowerCase(), name_order: null, pronoun: null,
        primary_email: null, primary_phone: null, emails: '[]', phones: '[]', addresses: '[]', social: '{}',
        job_title: null, department: null, birthday: null, external_id: null, custom: '{}', search_text: '',
        erased_at: at, updated_at: at, version: sql`version + 1`,
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('contact_emails').where('contact_id', '=', id).execute();
    await trx.deleteFrom('contact_phones').where('contact_id', '=', id).execute();
  },

  /**
   * Removes copies of the person's data outside the record: notifications linking to it, cached
   * idempotent responses, event payloads that mention its id, and the cells an import could not use for it
   * (import warnings keep the value as the person typed it).
   */
  async scrubCopies(trx: Executor, id: string): Promise<void> {
    const like = `%${id}%`;
    await trx.deleteFrom('import_warnings').where('entity', '=', 'contact').where('record_id', '=', id).execute();
    await trx.deleteFrom('notifications').where((eb) => eb.or([eb('link', '=', `/contacts/${id}`), eb('link', 'like', `/contacts/${id}/%`)])).execute();
    await trx.deleteFrom('idempotency_keys').where('response', 'like', like).execute();
    await trx.updateTable('outbox').set({ data: JSON.stringify({ erased: true }) }).where((eb) => eb.or([eb('entity_id', '=', id), eb('data', 'like', like)])).execute();
  },

  async setting(ex: Executor, key: string): Promise<unknown> {
    const row = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (!row) return undefined;
    try {
      return JSON.parse(row.value);
    } catch {
      return row.value;
    }
  },

  async expired(ex: Executor, table: 'contacts' | 'companies', cutoff: string, after: string | null, limit: number) {
    let q = ex.selectFrom(table).select(['id', 'deleted_at']).where('deleted_at', 'is not', null).where('deleted_at', '<', cutoff);
    if (after) q = q.where('id', '>', after);
    return q.orderBy('id').limit(limit).execute();
  },

  async hardDelete(trx: Executor, table: 'contacts' | 'companies', id: string): Promise<void> {
    await trx.deleteFrom(table).where('id', '=', id).execute();
  },

  now: nowIso,
};
