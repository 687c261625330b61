/**
 * Bulk SQL over contacts and companies for imports: multi-row inserts with their side tables, matches
 * resolved per batch with IN (…) lookups, and the row-level restore a revert needs. Callers run these
 * inside their batch transaction and write one audit entry per batch (see modules/imports/README.md).
 */
import type { Principal } from '../../platform/auth/principal.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { selectBatches, type BatchOptions } from '../../platform/db/stream.js';
import { nameOrderOf, type NameOrder } from '../../../../contracts/person-names.js';
import { personParts } from './contacts.logic.js';
import { canSeeLinked, scopeCondition } from './contacts.policy.js';
import { presentCustom } from './contacts.presenter.js';
import { companyJoin as joinCompany, contactsRepository, type ContactRow, type ContactValues } from './contacts.repository.js';
import type { CompanyValues } from './companies.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';
import { parseSort } from './list-query.js';
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
  /** The order the name is written in: the contact's own, else detected (contracts/person-names.ts). */
  effectiveNameOrder: NameOrder;
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
  'id', 'given_name', 'family_name', 'name_order', 'display_name', 'emails', 'phones', 'addresses', 'social', 'job_title', 'department', 'birthday',
  'company_id', 'owner_id', 'tags', 'lifecycle_stage', 'source', 'external_id', 'custom',
] as const;
type ExportRow = Pick<ContactRow, (typeof EXPORT_COLUMNS)[number]> & { owner_name: string | null; company_name: string | null };
/** Rows per export batch (one statement, read 1,000 rows at a time: small batches die young in the heap). */
export const EXPORT_BATCH = 1000;

/**
 * The exported columns of live contacts in scope. No joins: owner and company names come from
 * ExportNames (a handful of distinct owners and companies recur across a million rows), except when a
 * filter or sort names the company (`company_c.name`), which needs the join anyway.
 */
function exportQuery(db: Executor, p: Principal, companyJoin = false) {
  const base = db.selectFrom('contacts');
  const from = companyJoin ? (base.leftJoin('companies as company_c', joinCompany(p)) as unknown as typeof base) : base;
  return from.select(EXPORT_COLUMNS.map((c) => `contacts.${c}` as const))
    .where('contacts.deleted_at', 'is', null)
    .where(scopeCondition(p, 'contacts', 'contacts'));
}

/**
 * Owner (users.name) and company (companies.name) names by id for export batches: ids not seen yet are
 * fetched with one IN (…) query per table and batch. Deleted companies and inactive users keep their names,
 * as the list's joins do; a company outside the exporting principal's scope has no name (as in presentContact). Bounded: the cache starts over past 100,000 names.
 */
export class ExportNames {
  private readonly owners = new Map<string, string | null>();
  private readonly companies = new Map<string, string | null>();
  constructor(private readonly db: Executor, private readonly p: Principal) {}

  private async fill(table: 'users' | 'companies', cache: Map<string, string | null>, ids: Iterable<string | null>): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (id !== null && !cache.has(id)) missing.add(id);
    if (!missing.size) return;
    if (cache.size + missing.size > 100_000) cache.clear();
    for (const part of chunks([...missing], IN_CHUNK)) {
      if (table === 'users') {
        for (const r of await this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', part).execute()) cache.set(r.id, r.name);
      } else {
        // A company the exporting user may not see keeps its id in the file but not its name.
        const rows = await this.db.selectFrom('companies').select(['id', 'name', 'owner_id', 'team_id']).where('id', 'in', part).execute();
        for (const r of rows) if (canSeeLinked(this.p, 'companies', r)) cache.set(r.id, r.name);
      }
    }
    for (const id of missing) if (!cache.has(id)) cache.set(id, null);
  }

  /** Sets owner_name and company_name on each row. */
  async resolve(rows: ExportRow[]): Promise<void> {
    await this.fill('users', this.owners, rows.map((r) => r.owner_id));
    await this.fill('companies', this.companies, rows.map((r) => r.company_id));
    for (const r of rows) {
      r.owner_name = r.owner_id === null ? null : (this.owners.get(r.owner_id) ?? null);
      r.company_name = r.company_id === null ? null : (this.companies.get(r.company_id) ?? null);
    }
  }

  /** The name of one owner (companies' export). */
  owner(id: string | null): string | null {
    return id === null ? null : (this.owners.get(id) ?? null);
  }
  /** Fetches the owners and (parent) companies of a batch of any entity. */
  async load(ownerIds: (string | null)[], companyIds: (string | null)[]): Promise<void> {
    await this.fill('users', this.owners, ownerIds);
    await this.fill('companies', this.companies, companyIds);
  }
  company(id: string | null): string | null {
    return id === null ? null : (this.companies.get(id) ?? null);
  }
}

/** JSON.parse, skipping the parser for the empty values most rows hold. */
export const parseList = <T>(text: string): T[] => (text === '[]' ? [] : (JSON.parse(text) as T[]));
export const parseObject = <T extends object>(text: string): T => (text === '{}' ? ({} as T) : (JSON.parse(text) as T));

/** presentContact, limited to the exported fields (no consent, timestamps or masked-key list to build). */
export function presentForExport(r: ExportRow, p: Principal, defs: CustomFieldDef[]): ExportableContact {
  const social = parseObject<Record<string, string | null | undefined>>(r.social);
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: r.display_name,
    effectiveNameOrder: nameOrderOf(personParts(r)),
    emails: parseList<{ address: string; label?: string | null; primary?: boolean }>(r.emails).map((e) => ({ address: e.address, label: e.label ?? null, primary: !!e.primary })),
    phones: parseList<{ number: string; label?: string | null; primary?: boolean }>(r.phones).map((x) => ({ number: x.number, label: x.label ?? null, primary: !!x.primary })),
    addresses: parseList(r.addresses),
    social: { linkedin: social.linkedin ?? null, facebook: social.facebook ?? null, zalo: social.zalo ?? null, x: social.x ?? null, website: social.website ?? null },
    jobTitle: r.job_title,
    department: r.department,
    birthday: r.birthday,
    company: r.company_id && r.company_name !== null ? { id: r.company_id, name: r.company_name } : null,
    owner: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    tags: parseList(r.tags),
    lifecycleStage: r.lifecycle_stage,
    source: r.source,
    externalId: r.external_id,
    custom: defs.length ? presentCustom(r.custom, defs, p).custom : {},
  };
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

  /**
   * Live companies by normalised name (name_key) that `p` may see: an import links a contact only to a
   * company its importer could link by hand, and a name held only by an invisible company reads as unknown.
   */
  async companiesByNameKey(trx: Executor, nameKeys: string[], p: Principal): Promise<{ id: string; name: string; name_key: string }[]> {
    const out: { id: string; name: string; name_key: string }[] = [];
    for (const part of chunks(nameKeys, IN_CHUNK)) {
      out.push(...(await trx.selectFrom('companies').select(['id', 'name', 'name_key']).where('name_key', 'in', part)
        .where('deleted_at', 'is', null).where(scopeCondition(p, 'companies', 'companies')).orderBy('id').execute()));
    }
    return out;
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
   * Every contact a list with these filters and sort would show (scope included), for an export, in
   * batches in the list's order: ONE statement (platform/db/stream.ts: a separate read-only connection on
   * SQLite, a cursor on PostgreSQL), only the exported columns, no totals.
   */
  async forExport(database: Database, p: Principal, q: ContactWhereInput & { sort?: string | undefined }, defs: CustomFieldDef[], sizes: BatchOptions = { batchSize: EXPORT_BATCH }): Promise<AsyncGenerator<ExportableContact[]>> {
    // Compiled here, before any row is read: a bad filter or sort is a 400, not a broken download.
    const { where, needsCompany } = await contactWhere(database, p, q);
    const keys = parseSort(q.sort, DEFAULT_SORT, 'contact', 'contacts', defs, p, database.dialect);
    const companyJoin = needsCompany || keys.some((k) => k.join === 'company');
    let query = exportQuery(database.db, p, companyJoin);
    for (const w of where) query = query.where(w);
    for (const k of keys) query = query.orderBy(k.expr, k.desc ? 'desc' : 'asc');
    query = query.orderBy('contacts.id', keys[keys.length - 1]?.desc ? 'desc' : 'asc');
    return (async function* () {
      const names = new ExportNames(database.db, p);
      for await (const rows of selectBatches(database, query, sizes)) {
        const batch = rows as unknown as ExportRow[];
        // Company names come from ExportNames even when the filter joined companies: it names only visible ones.
        await names.resolve(batch);
        yield batch.map((r) => presentForExport(r, p, defs));
      }
    })();
  },
  /** The visible, live contacts among `ids`, in the order given (unknown or out-of-scope ids are left out). */
  async *byIdsForExport(database: Database, p: Principal, ids: string[], defs: CustomFieldDef[]): AsyncGenerator<ExportableContact[]> {
    const names = new ExportNames(database.db, p);
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows = (await exportQuery(database.db, p).where('contacts.id', 'in', part).execute()) as ExportRow[];
      await names.resolve(rows);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const out: ExportableContact[] = [];
      for (const id of part) {
        const r = byId.get(id);
        if (r) out.push(presentForExport(r, p, defs));
      }
      if (out.length) yield out;
    }
  },
};
