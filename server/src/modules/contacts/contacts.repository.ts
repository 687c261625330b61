/** SQL of contacts: rows, side tables, scoped reads, keyset pages and capped totals. */
import { sql, type JoinBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { TOTAL_CAP } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { DialectName, Executor } from '../../platform/db/db.js';
import type { DB } from '../../platform/db/schema.js';
import { prefixCandidates, prefixMatch, searchCandidates, searchMatch } from '../../platform/db/dialect.js';
import type { ContactsTable } from './contacts.tables.js';
import { normalisePhone, normaliseText, phoneQueryDigits } from './contacts.logic.js';
import { scopeCondition } from './contacts.policy.js';
import { keysetAfter, type SortKey } from './list-query.js';

export type ContactRow = Omit<ContactsTable, 'version'> & { version: number };
/**
 * A row joined with its owner's and company's names (one query, never per row), and the company's owner
 * and team: the presenter shows the company's name only to a reader who may see that company.
 */
export type ContactView = ContactRow & { owner_name: string | null; company_name: string | null; company_owner_id: string | null; company_team_id: string | null };
/** Columns this module writes (columns other modules add to contacts, e.g. duplicates' merged_into, are theirs). */
export type ContactValues = Omit<ContactRow, 'version' | 'merged_into'>;

/**
 * The contact's company as `company_c`, joined only when `p` may see it (without a principal: always, and
 * the presenter decides). So a filter or sort on the company's name cannot probe an invisible company:
 * for that reader its name is null, as if the contact had none.
 */
export function companyJoin(p?: Principal) {
  return (join: JoinBuilder<DB & { contacts: DB['contacts']; company_c: DB['companies'] }, 'contacts' | 'company_c'>) => {
    const on = join.onRef('company_c.id', '=', 'contacts.company_id');
    return p ? on.on(scopeCondition(p, 'companies', 'company_c')) : on;
  };
}

function joined(db: Executor, p?: Principal) {
  return db
    .selectFrom('contacts')
    .leftJoin('users as owner_u', 'owner_u.id', 'contacts.owner_id')
    .leftJoin('companies as company_c', companyJoin(p))
    .selectAll('contacts')
    .select(['owner_u.name as owner_name', 'company_c.name as company_name', 'company_c.owner_id as company_owner_id', 'company_c.team_id as company_team_id']);
}

/**
 * Search condition over contacts for a raw query: trigram substring on search_text (≥ 3 characters,
 * phone-looking queries compared as digits), else prefix on the indexed name key and primary email.
 */
export function contactSearchCondition(d: DialectName, q: string, region: string): RawBuilder<SqlBool> | null {
  const digits = phoneQueryDigits(q, region);
  const needle = digits ?? normaliseText(q);
  if (!needle) return null;
  if (needle.length >= 3) return searchMatch(d, 'contacts', needle);
  return sql<SqlBool>`(${prefixMatch(d, 'contacts.name_key', needle)} or ${prefixMatch(d, 'contacts.family_key', needle)} or ${prefixMatch(d, 'contacts.primary_email', needle)})`;
}

/** How many matches global search looks at before ordering them by name (see searchCandidates). */
export const SEARCH_CANDIDATES = 200;

/** A global-search hit: just what the result line shows. */
export interface ContactHit {
  id: string; given_name: string | null; family_name: string | null; display_name: string; primary_email: string | null; primary_phone: string | null; company_name: string | null;
  company_owner_id: string | null; company_team_id: string | null;
}

/** Live contacts with this E.164 number among their phones (contact_phones' index), at most SEARCH_CANDIDATES. */
function phoneCandidates(e164: string, scope: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(contacts.id in (select cp.contact_id from contact_phones as cp join contacts as c2 on c2.id = cp.contact_id
    where cp.phone_e164 = ${e164} and c2.deleted_at is null and ${sql.join(scope, sql` and `)} limit ${SEARCH_CANDIDATES}))`;
}

/**
 * The first `limit` candidates by name. The page is ordered and cut first, then company names are joined for
 * those rows only (not for every candidate: at 1M contacts those probes were a third of a search).
 */
async function searchPage(db: Executor, candidates: RawBuilder<SqlBool>, limit: number): Promise<ContactHit[]> {
  const hits = db.selectFrom('contacts')
    .select(['contacts.id', 'contacts.given_name', 'contacts.family_name', 'contacts.display_name', 'contacts.primary_email', 'contacts.primary_phone', 'contacts.company_id'])
    .where(candidates)
    .orderBy('contacts.display_name').orderBy('contacts.id').limit(limit);
  return db.selectFrom(hits.as('h'))
    .leftJoin('companies as company_c', 'company_c.id', 'h.company_id')
    .select(['h.id', 'h.given_name', 'h.family_name', 'h.display_name', 'h.primary_email', 'h.primary_phone', 'company_c.name as company_name',
      'company_c.owner_id as company_owner_id', 'company_c.team_id as company_team_id'])
    .orderBy('h.display_name').orderBy('h.id').execute();
}

export const contactsRepository = {
  /**
   * Global search: the first `limit` by name of up to SEARCH_CANDIDATES live matches within the principal's
   * scope. Bounded whatever the query: a common term never sorts every match. The candidates come from the
   * cheapest source that has a page of them, in this order:
   * - a whole valid phone number: its exact E.164 matches (the phone index), and nothing else;
   * - ≥ 3 characters of text: names that start with the query in either order (`name_key`, `family_key`
   *   B-tree ranges), when they fill the page — what a type-ahead should show first anyway;
   * - otherwise substring matches of the search text (trigram index), or, under 3 characters, prefixes of
   *   the name keys and primary email.
   * The trigram scan's cost on PostgreSQL grows with how common the query's trigrams are ("tran thi lan",
   * "0910000123": 25–38 ms at 1M contacts); the first two sources answer those in a few index probes.
   */
  async search(db: Executor, d: DialectName, p: Principal, q: string, region: string, limit: number): Promise<ContactHit[]> {
    const digits = phoneQueryDigits(q, region);
    const needle = digits ?? normaliseText(q);
    if (!needle) return [];
    const scope = [scopeCondition(p, 'contacts', 'c2')];
    if (digits) {
      // Every writer keeps each contact's phones, all valid E.164, in contact_phones: a whole valid number
      // is found there or nowhere (its digits inside an email are not a phone match).
      const whole = normalisePhone(q, region).e164;
      if (whole) return searchPage(db, phoneCandidates(whole, scope), limit);
    } else if (needle.length >= 3) {
      const byName = await searchPage(db, prefixCandidates(d, 'contacts', ['name_key', 'family_key'], needle, 'c2', scope, SEARCH_CANDIDATES), limit);
      if (byName.length >= limit) return byName;
    }
    const cond = needle.length >= 3
      ? searchCandidates(d, 'contacts', needle, 'c2', scope, SEARCH_CANDIDATES)
      : prefixCandidates(d, 'contacts', ['name_key', 'family_key', 'primary_email'], needle, 'c2', scope, SEARCH_CANDIDATES);
    return searchPage(db, cond, limit);
  },

  async insert(trx: Executor, row: ContactValues): Promise<void> {
    await trx.insertInto('contacts').values(row).execute();
  },

  /** Updates when the stored version matches; returns false on a lost race. */
  async update(trx: Executor, id: string, version: number, values: Partial<ContactValues>): Promise<boolean> {
    const res = await trx
      .updateTable('contacts')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** Rewrites the exact-lookup side tables (emails, phones, tags) of one contact. */
  async syncSideTables(trx: Executor, id: string, emails: string[], phones: string[], tags: string[]): Promise<void> {
    await trx.deleteFrom('contact_emails').where('contact_id', '=', id).execute();
    await trx.deleteFrom('contact_phones').where('contact_id', '=', id).execute();
    await trx.deleteFrom('contact_tags').where('contact_id', '=', id).execute();
    const uniq = (a: string[]) => [...new Set(a)];
    if (emails.length) await trx.insertInto('contact_emails').values(uniq(emails).map((email) => ({ contact_id: id, email }))).execute();
    if (phones.length) await trx.insertInto('contact_phones').values(uniq(phones).map((phone_e164) => ({ contact_id: id, phone_e164 }))).execute();
    if (tags.length) await trx.insertInto('contact_tags').values(uniq(tags).map((tag) => ({ contact_id: id, tag }))).execute();
  },

  /** One contact with names joined; `scope` restricts it to the principal's visibility. */
  async findView(db: Executor, id: string, opts: { principal?: Principal; includeDeleted?: boolean } = {}): Promise<ContactView | undefined> {
    let q = joined(db, opts.principal).where('contacts.id', '=', id);
    if (!opts.includeDeleted) q = q.where('contacts.deleted_at', 'is', null);
    if (opts.principal) q = q.where(scopeCondition(opts.principal, 'contacts', 'contacts'));
    return (await q.executeTakeFirst()) as ContactView | undefined;
  },

  /** Owner, team and deletion of a contact or company a relation points to (contacts.relations.ts decides). */
  async linkTarget(db: Executor, table: 'contacts' | 'companies', id: string) {
    return db.selectFrom(table).select(['owner_id', 'team_id', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  },

  async findRow(db: Executor, id: string): Promise<ContactRow | undefined> {
    return (await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst()) as ContactRow | undefined;
  },

  /**
   * A keyset page: `where` already holds filters; scope and deleted state are added here. Fetches limit+1
   * rows with the sort values as sk0…skN so the caller can build the next cursor.
   */
  async page(
    db: Executor, p: Principal, where: RawBuilder<SqlBool>[], keys: SortKey[], cursor: unknown[] | undefined, limit: number, deleted = false,
  ): Promise<(ContactView & Record<string, unknown>)[]> {
    let q = joined(db, p)
      .where('contacts.deleted_at', deleted ? 'is not' : 'is', null)
      .where(scopeCondition(p, 'contacts', 'contacts'));
    for (const w of where) q = q.where(w);
    if (cursor) q = q.where(keysetAfter(keys, 'contacts.id', cursor));
    keys.forEach((k, i) => {
      q = q.select(k.expr.as(`sk${i}`));
    });
    for (const k of keys) q = q.orderBy(k.expr, k.desc ? 'desc' : 'asc');
    q = q.orderBy('contacts.id', keys[keys.length - 1]?.desc ? 'desc' : 'asc');
    return (await q.limit(limit + 1).execute()) as (ContactView & Record<string, unknown>)[];
  },

  /** Exact count up to TOTAL_CAP (COUNT over a LIMIT cap+1 subquery), so huge lists never count everything. */
  async cappedCount(db: Executor, p: Principal, where: RawBuilder<SqlBool>[], needsCompany: boolean, cap = TOTAL_CAP): Promise<{ total: number; totalCapped: boolean }> {
    let inner = db.selectFrom('contacts').select(sql`1`.as('one'));
    if (needsCompany) inner = inner.leftJoin('companies as company_c', companyJoin(p)) as unknown as typeof inner;
    inner = inner.where('contacts.deleted_at', 'is', null).where(scopeCondition(p, 'contacts', 'contacts'));
    for (const w of where) inner = inner.where(w);
    const row = await db
      .selectFrom(inner.limit(cap + 1).as('t'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
  },

  /** Ids of live contacts matching the filters within the principal's scope (bulk by filter), at most `max`+1. */
  async matchingIds(db: Executor, p: Principal, where: RawBuilder<SqlBool>[], needsCompany: boolean, max: number): Promise<string[]> {
    let q = db.selectFrom('contacts').select('contacts.id');
    if (needsCompany) q = q.leftJoin('companies as company_c', companyJoin(p)) as unknown as typeof q;
    q = q.where('contacts.deleted_at', 'is', null).where(scopeCondition(p, 'contacts', 'contacts'));
    for (const w of where) q = q.where(w);
    return (await q.orderBy('contacts.id').limit(max + 1).execute()).map((r) => r.id);
  },

  async findByEmail(db: Executor, email: string): Promise<string[]> {
    const rows = await db.selectFrom('contact_emails').innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
      .select('contacts.id').where('contact_emails.email', '=', email.trim().toLowerCase()).where('contacts.deleted_at', 'is', null).execute();
    return rows.map((r) => r.id);
  },

  async findByPhone(db: Executor, e164: string): Promise<string[]> {
    const rows = await db.selectFrom('contact_phones').innerJoin('contacts', 'contacts.id', 'contact_phones.contact_id')
      .select('contacts.id').where('contact_phones.phone_e164', '=', e164).where('contacts.deleted_at', 'is', null).execute();
    return rows.map((r) => r.id);
  },

  async findByExternalId(db: Executor, externalId: string): Promise<string[]> {
    const rows = await db.selectFrom('contacts').select('id').where('external_id', '=', externalId).where('deleted_at', 'is', null).execute();
    return rows.map((r) => r.id);
  },
};
