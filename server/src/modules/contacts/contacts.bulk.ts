/**
 * Bulk SQL over contacts and companies for imports: multi-row inserts with their side tables, matches
 * resolved per batch with IN (…) lookups, and the row-level restore a revert needs. Callers run these
 * inside their batch transaction and write one audit entry per batch (see modules/imports/README.md).
 */
import type { RawBuilder, SqlBool } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { localeDisplayName } from './contacts.logic.js';
import { scopeCondition } from './contacts.policy.js';
import { presentCustom } from './contacts.presenter.js';
import { contactsRepository, type ContactRow, type ContactValues } from './contacts.repository.js';
import type { CompanyValues } from './companies.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';
import { keysetAfter, parseSort, type SortKey } from './list-query.js';
import { contactWhere, DEFAULT_SORT, type ContactWhereInput } from './lists.service.js';

const IN_CHUNK = 900;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const emailsOf = (r: Pick<ContactValues, 'emails'>) => [...new Set((JSON.parse(r.emails) as { address: string }[]).map((e) => e.address))];
const phonesOf = (r: Pick<ContactValues, 'phones'>) => [...new Set((JSON.parse(r.phones) as { number: string }[]).map((p) => p.number))];
const tagsOf = (r: Pick<ContactValues, 'tags'>) => [...new Set(JSON.parse(r.tags) as string[])];

/** The fields an export writes of one contact: presentContact's values for them (masking included). */
export interface ExportableContact {
  id: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string;
  emails: { address: string; label: string | null; primary: boolean }[];
  phones: { number: string; label: string | null; primary: boolean }[];
  addresses: Record<string, string | null>[];
  social: Record<string, string | null>;
  jobTitle: string | null;
  department: string | null;
  birthday: string | null;
  company: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  tags: string[];
  lifecycleStage: string;
  source: string | null;
  externalId: string | null;
  custom: Record<string, unknown>;
}

const EXPORT_COLUMNS = [
  'id', 'given_name', 'family_name', 'display_name', 'emails', 'phones', 'addresses', 'social', 'job_title', 'department', 'birthday',
  'company_id', 'owner_id', 'tags', 'lifecycle_stage', 'source', 'external_id', 'custom',
] as const;
type ExportRow = Pick<ContactRow, (typeof EXPORT_COLUMNS)[number]> & { owner_name: string | null; company_name: string | null };

function exportQuery(db: Executor, p: Principal) {
  return db.selectFrom('contacts')
    .leftJoin('users as owner_u', 'owner_u.id', 'contacts.owner_id')
    .leftJoin('companies as company_c', 'company_c.id', 'contacts.company_id')
    .select(EXPORT_COLUMNS.map((c) => `contacts.${c}` as const))
    .select(['owner_u.name as owner_name', 'company_c.name as company_name'])
    .where('contacts.deleted_at', 'is', null)
    .where(scopeCondition(p, 'contacts', 'contacts'));
}

/** presentContact, limited to the exported fields (no consent, timestamps or masked-key list to build). */
export function presentForExport(r: ExportRow, p: Principal, defs: CustomFieldDef[]): ExportableContact {
  const social = JSON.parse(r.social) as Record<string, string | null | undefined>;
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: localeDisplayName(p.locale, r.given_name, r.family_name, r.display_name),
    emails: (JSON.parse(r.emails) as { address: string; label?: string | null; primary?: boolean }[]).map((e) => ({ address: e.address, label: e.label ?? null, primary: !!e.primary })),
    phones: (JSON.parse(r.phones) as { number: string; label?: string | null; primary?: boolean }[]).map((x) => ({ number: x.number, label: x.label ?? null, primary: !!x.primary })),
    addresses: JSON.parse(r.addresses),
    social: { linkedin: social.linkedin ?? null, facebook: social.facebook ?? null, zalo: social.zalo ?? null, x: social.x ?? null, website: social.website ?? null },
    jobTitle: r.job_title,
    department: r.department,
    birthday: r.birthday,
    company: r.company_id && r.company_name !== null ? { id: r.company_id, name: r.company_name } : null,
    owner: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    tags: JSON.parse(r.tags),
    lifecycleStage: r.lifecycle_stage,
    source: r.source,
    externalId: r.external_id,
    custom: presentCustom(r.custom, defs, p).custom,
  };
}

async function* exportPages(
  database: Database, p: Principal, where: RawBuilder<SqlBool>[], keys: SortKey[], defs: CustomFieldDef[], pageSize: number,
): AsyncGenerator<ExportableContact> {
  let cursor: unknown[] | undefined;
  for (;;) {
    let query = exportQuery(database.db, p);
    for (const w of where) query = query.where(w);
    if (cursor) query = query.where(keysetAfter(keys, 'contacts.id', cursor));
    keys.forEach((k, i) => {
      query = query.select(k.expr.as(`sk${i}`));
    });
    for (const k of keys) query = query.orderBy(k.expr, k.desc ? 'desc' : 'asc');
    query = query.orderBy('contacts.id', keys[keys.length - 1]?.desc ? 'desc' : 'asc');
    const rows = (await query.limit(pageSize).execute()) as (ExportRow & Record<string, unknown>)[];
    for (const r of rows) yield presentForExport(r, p, defs);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    cursor = [...keys.map((_, i) => last[`sk${i}`]), last.id];
  }
}

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

  /**
   * Every contact a list with these filters and sort would show (scope included), for an export: keyset
   * pages of `pageSize` in the list's order (the same keyset indexes), without totals, only the exported
   * columns.
   */
  async forExport(database: Database, p: Principal, q: ContactWhereInput & { sort?: string | undefined }, defs: CustomFieldDef[], pageSize = 1000): Promise<AsyncGenerator<ExportableContact>> {
    // Compiled here, before any row is read: a bad filter or sort is a 400, not a broken download.
    const { where } = await contactWhere(database, p, q);
    const keys = parseSort(q.sort, DEFAULT_SORT, 'contact', 'contacts', defs, p, database.dialect);
    return exportPages(database, p, where, keys, defs, pageSize);
  },
  /** The visible, live contacts among `ids`, in the order given (unknown or out-of-scope ids are left out). */
  async *byIdsForExport(database: Database, p: Principal, ids: string[], defs: CustomFieldDef[]): AsyncGenerator<ExportableContact> {
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows = await exportQuery(database.db, p).where('contacts.id', 'in', part).execute();
      const byId = new Map(rows.map((r) => [r.id, r as ExportRow]));
      for (const id of part) {
        const r = byId.get(id);
        if (r) yield presentForExport(r, p, defs);
      }
    }
  },
};
