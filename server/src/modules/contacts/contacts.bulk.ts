/**
 * Bulk SQL over contacts and companies for imports: multi-row inserts with their side tables, matches
 * resolved per batch with IN (…) lookups, and the row-level restore a revert needs. Callers run these
 * inside their batch transaction and write one audit entry per batch (see modules/imports/README.md).
 */
import { bulkInsert } from '../../platform/db/bulk.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { contactsRepository, type ContactRow, type ContactValues } from './contacts.repository.js';
import type { CompanyValues } from './companies.repository.js';

const IN_CHUNK = 900;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const emailsOf = (r: Pick<ContactValues, 'emails'>) => [...new Set((JSON.parse(r.emails) as { address: string }[]).map((e) => e.address))];
const phonesOf = (r: Pick<ContactValues, 'phones'>) => [...new Set((JSON.parse(r.phones) as { number: string }[]).map((p) => p.number))];
const tagsOf = (r: Pick<ContactValues, 'tags'>) => [...new Set(JSON.parse(r.tags) as string[])];

export interface ContactMatch { key: string; id: string; owner_id: string | null; team_id: string | null }

export const contactsBulkRepository = {
  /**
   * Inserts contacts and their email/phone/tag side rows (platform/db's bulkInsert: prepared statements on
   * SQLite, multi-row VALUES on PostgreSQL). `trx` must be the caller's transaction.
   */
  async insertContacts(database: Database, trx: Executor, rows: ContactValues[]): Promise<void> {
    await bulkInsert(database, trx, 'contacts', rows);
    const emails = rows.flatMap((r) => emailsOf(r).map((email) => ({ contact_id: r.id, email })));
    const phones = rows.flatMap((r) => phonesOf(r).map((phone_e164) => ({ contact_id: r.id, phone_e164 })));
    const tags = rows.flatMap((r) => tagsOf(r).map((tag) => ({ contact_id: r.id, tag })));
    await bulkInsert(database, trx, 'contact_emails', emails);
    await bulkInsert(database, trx, 'contact_phones', phones);
    await bulkInsert(database, trx, 'contact_tags', tags);
  },

  async insertCompanies(database: Database, trx: Executor, rows: CompanyValues[]): Promise<void> {
    await bulkInsert(database, trx, 'companies', rows);
  },

  /**
   * Live contacts holding any of the keys: 'e:<email>', 'p:<e164>', 'x:<external id>'. Side tables are
   * probed by their own index first, then the contacts by primary key: two indexed lookups per chunk,
   * never a join the planner could turn into a scan of all contacts.
   */
  async matchContacts(trx: Executor, keys: { emails: string[]; phones: string[]; externalIds: string[] }): Promise<ContactMatch[]> {
    const hits: { key: string; id: string }[] = [];
    for (const part of chunks([...new Set(keys.emails)], IN_CHUNK)) {
      for (const r of await trx.selectFrom('contact_emails').select(['email', 'contact_id']).where('email', 'in', part).execute()) hits.push({ key: `e:${r.email}`, id: r.contact_id });
    }
    for (const part of chunks([...new Set(keys.phones)], IN_CHUNK)) {
      for (const r of await trx.selectFrom('contact_phones').select(['phone_e164', 'contact_id']).where('phone_e164', 'in', part).execute()) hits.push({ key: `p:${r.phone_e164}`, id: r.contact_id });
    }
    for (const part of chunks([...new Set(keys.externalIds)], IN_CHUNK)) {
      for (const r of await trx.selectFrom('contacts').select(['external_id', 'id']).where('external_id', 'in', part).execute()) hits.push({ key: `x:${r.external_id}`, id: r.id });
    }
    const live = new Map<string, { owner_id: string | null; team_id: string | null }>();
    for (const part of chunks([...new Set(hits.map((h) => h.id))], IN_CHUNK)) {
      const rows = await trx.selectFrom('contacts').select(['id', 'owner_id', 'team_id']).where('id', 'in', part).where('deleted_at', 'is', null).execute();
      for (const r of rows) live.set(r.id, r);
    }
    return hits
      .filter((h) => live.has(h.id))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((h) => ({ key: h.key, id: h.id, ...live.get(h.id)! }));
  },

  async contactRows(trx: Executor, ids: string[]): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (const part of chunks(ids, IN_CHUNK)) out.push(...((await trx.selectFrom('contacts').selectAll().where('id', 'in', part).execute()) as ContactRow[]));
    return out;
  },

  /** Live companies by normalised name (name_key). */
  async companiesByNameKey(trx: Executor, nameKeys: string[]): Promise<{ id: string; name: string; name_key: string }[]> {
    const out: { id: string; name: string; name_key: string }[] = [];
    for (const part of chunks(nameKeys, IN_CHUNK)) {
      out.push(...(await trx.selectFrom('companies').select(['id', 'name', 'name_key']).where('name_key', 'in', part)
        .where('deleted_at', 'is', null).orderBy('id').execute()));
    }
    return out;
  },

  async companyNames(trx: Executor, ids: string[]): Promise<Map<string, string>> {
    const m = new Map<string, string>();
    for (const part of chunks(ids, IN_CHUNK)) {
      for (const r of await trx.selectFrom('companies').select(['id', 'name']).where('id', 'in', part).execute()) m.set(r.id, r.name);
    }
    return m;
  },

  /** Optimistic update of one contact plus its side tables; false when the version moved. */
  async updateContact(trx: Executor, before: ContactRow, values: Partial<ContactValues>): Promise<boolean> {
    if (!(await contactsRepository.update(trx, before.id, before.version, values))) return false;
    const m = { ...before, ...values };
    await contactsRepository.syncSideTables(trx, before.id, emailsOf(m), phonesOf(m), tagsOf(m));
    return true;
  },

  /** Puts a full earlier row back (revert of an import's update): every column but id, version + 1. */
  async restoreContact(trx: Executor, before: ContactRow): Promise<void> {
    const { id, version: _v, ...values } = before;
    const now = await trx.selectFrom('contacts').select('version').where('id', '=', id).executeTakeFirst();
    if (!now) return;
    await trx.updateTable('contacts').set({ ...values, version: now.version + 1 }).where('id', '=', id).execute();
    await contactsRepository.syncSideTables(trx, id, emailsOf(values), phonesOf(values), tagsOf(values));
  },

  /** Soft-deletes live rows (revert of an import's creations). */
  async softDeleteMany(trx: Executor, table: 'contacts' | 'companies', ids: string[], now: string, userId: string | null): Promise<number> {
    let n = 0;
    for (const part of chunks(ids, IN_CHUNK)) {
      const res = await trx.updateTable(table).set((eb) => ({ deleted_at: now, updated_at: now, updated_by: userId, version: eb('version', '+', 1) }))
        .where('id', 'in', part).where('deleted_at', 'is', null).executeTakeFirst();
      n += Number(res.numUpdatedRows);
    }
    return n;
  },
};
