/** SQL of companies: rows, scoped reads, keyset pages and capped totals. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { TOTAL_CAP } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { DialectName, Executor } from '../../platform/db/db.js';
import { prefixCandidates, prefixMatch, searchCandidates, searchMatch } from '../../platform/db/dialect.js';
import type { CompaniesTable } from './contacts.tables.js';
import { normaliseText, phoneQueryDigits } from './contacts.logic.js';
import { scopeCondition } from './contacts.policy.js';
import { keysetAfter, type SortKey } from './list-query.js';
import { SEARCH_CANDIDATES } from './contacts.repository.js';

export type CompanyRow = Omit<CompaniesTable, 'version'> & { version: number };
/** A row with its owner's and parent's names, and the parent's owner and team (its name is shown only to readers who may see it). */
export type CompanyView = CompanyRow & { owner_name: string | null; parent_name: string | null; parent_owner_id: string | null; parent_team_id: string | null };
export type CompanyValues = Omit<CompanyRow, 'version'>;

function joined(db: Executor) {
  return db
    .selectFrom('companies')
    .leftJoin('users as owner_u', 'owner_u.id', 'companies.owner_id')
    .leftJoin('companies as parent_c', 'parent_c.id', 'companies.parent_id')
    .selectAll('companies')
    .select(['owner_u.name as owner_name', 'parent_c.name as parent_name', 'parent_c.owner_id as parent_owner_id', 'parent_c.team_id as parent_team_id']);
}

export function companySearchCondition(d: DialectName, q: string, region: string): RawBuilder<SqlBool> | null {
  const digits = phoneQueryDigits(q, region);
  const needle = digits ?? normaliseText(q);
  if (!needle) return null;
  if (needle.length >= 3) return searchMatch(d, 'companies', needle);
  return prefixMatch(d, 'companies.name_key', needle);
}

export const companiesRepository = {
  /** Global search over companies, bounded like contactsRepository.search. */
  async search(db: Executor, d: DialectName, p: Principal, q: string, region: string, limit: number): Promise<{ id: string; name: string; domain: string | null }[]> {
    const digits = phoneQueryDigits(q, region);
    const needle = digits ?? normaliseText(q);
    if (!needle) return [];
    const scope = [scopeCondition(p, 'companies', 'c2')];
    const cond = needle.length >= 3
      ? searchCandidates(d, 'companies', needle, 'c2', scope, SEARCH_CANDIDATES)
      : prefixCandidates(d, 'companies', ['name_key'], needle, 'c2', scope, SEARCH_CANDIDATES);
    return db.selectFrom('companies').select(['companies.id', 'companies.name', 'companies.domain'])
      .where(cond).orderBy('companies.name').orderBy('companies.id').limit(limit).execute();
  },

  async insert(trx: Executor, row: CompanyValues): Promise<void> {
    await trx.insertInto('companies').values(row).execute();
  },
  async update(trx: Executor, id: string, version: number, values: Partial<CompanyValues>): Promise<boolean> {
    const res = await trx.updateTable('companies').set({ ...values, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async findRow(db: Executor, id: string): Promise<CompanyRow | undefined> {
    return (await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst()) as CompanyRow | undefined;
  },
  async findView(db: Executor, id: string, opts: { principal?: Principal; includeDeleted?: boolean } = {}): Promise<CompanyView | undefined> {
    let q = joined(db).where('companies.id', '=', id);
    if (!opts.includeDeleted) q = q.where('companies.deleted_at', 'is', null);
    if (opts.principal) q = q.where(scopeCondition(opts.principal, 'companies', 'companies'));
    return (await q.executeTakeFirst()) as CompanyView | undefined;
  },
  async page(
    db: Executor, p: Principal, where: RawBuilder<SqlBool>[], keys: SortKey[], cursor: unknown[] | undefined, limit: number, deleted = false,
  ): Promise<(CompanyView & Record<string, unknown>)[]> {
    let q = joined(db).where('companies.deleted_at', deleted ? 'is not' : 'is', null).where(scopeCondition(p, 'companies', 'companies'));
    for (const w of where) q = q.where(w);
    if (cursor) q = q.where(keysetAfter(keys, 'companies.id', cursor));
    keys.forEach((k, i) => {
      q = q.select(k.expr.as(`sk${i}`));
    });
    for (const k of keys) q = q.orderBy(k.expr, k.desc ? 'desc' : 'asc');
    q = q.orderBy('companies.id', keys[keys.length - 1]?.desc ? 'desc' : 'asc');
    return (await q.limit(limit + 1).execute()) as (CompanyView & Record<string, unknown>)[];
  },
  async cappedCount(db: Executor, p: Principal, where: RawBuilder<SqlBool>[], cap = TOTAL_CAP) {
    let inner = db.selectFrom('companies').select(sql`1`.as('one')).where('companies.deleted_at', 'is', null).where(scopeCondition(p, 'companies', 'companies'));
    for (const w of where) inner = inner.where(w);
    const row = await db.selectFrom(inner.limit(cap + 1).as('t')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const n = Number(row.n);
    return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
  },
};
