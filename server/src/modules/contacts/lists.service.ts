/** Lists, recycle bin, kanban, bulk actions and global search over contacts and companies. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  KANBAN_CARDS, TOTAL_CAP, type BulkBody, type CompanyCountQuery, type CompanyListQuery, type Contact, type ContactListQuery, type FilterCondition,
  type ListCount, type SearchResult,
} from '../../../../contracts/contacts.js';
import { can, scopeOf, type Principal } from '../../platform/auth/principal.js';
import type { Database, DialectName } from '../../platform/db/db.js';
import { jsonArrayContains } from '../../platform/db/dialect.js';
import { requirePermission } from '../../platform/http/access.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { canSeeLinked, scopeCondition } from './contacts.policy.js';
import { presentCompany, presentContact } from './contacts.presenter.js';
import { contactSearchCondition, contactsRepository as contacts, type ContactView } from './contacts.repository.js';
import { contactsService } from './contacts.service.js';
import { companiesRepository as companies, companySearchCondition } from './companies.repository.js';
import { listDefs } from './custom-fields.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';
import { compileFilters, parseFilterParam, parseSort, tagSet } from './list-query.js';
import { contactsConfig, getStages } from './settings.service.js';

export const DEFAULT_SORT = '-updatedAt';

/**
 * Whether a list request counts its (capped) total: on the first page unless `total=false`, on later pages
 * only with `total=true`. The count walks up to 10,001 matches, so it is paid once per list, not per page.
 * The web app sends `total=false` and asks `/count` in parallel (countContacts): the page never waits for
 * a count that no index can bound (e.g. stage IN (…) AND family name starts with …).
 */
export function wantsTotal(q: { total?: 'true' | 'false' | undefined; cursor?: string | undefined }): boolean {
  return q.total === 'true' || (q.total !== 'false' && !q.cursor);
}

export interface ContactWhereInput { filter?: string | undefined; q?: string | undefined; ownerId?: string | undefined; tag?: string | undefined; stage?: string | undefined; companyId?: string | undefined }

/** Filters + the convenience parameters (q, ownerId, tag, stage, companyId) as SQL conditions. */
export async function contactWhere(database: Database, p: Principal, q: ContactWhereInput, conds: FilterCondition[] = parseFilterParam(q.filter)) {
  const defs = await listDefs(database.db, 'contact');
  const compiled = compileFilters(conds, 'contact', 'contacts', defs, p, database.dialect);
  const common: RawBuilder<SqlBool>[] = [];
  if (q.q) {
    const s = contactSearchCondition(database.dialect, q.q, contactsConfig.defaultRegion);
    if (s) common.push(s);
  }
  if (q.ownerId) common.push(sql<SqlBool>`contacts.owner_id = ${q.ownerId}`);
  if (q.stage) common.push(sql<SqlBool>`contacts.lifecycle_stage = ${q.stage}`);
  if (q.companyId) common.push(sql<SqlBool>`contacts.company_id = ${q.companyId}`);
  const where = [...compiled.where, ...common];
  const countWhere = [...compiled.countWhere, ...common];
  if (q.tag) {
    // Pages probe the tag per row while walking the sort index; counts walk the tag index instead.
    where.push(sql<SqlBool>`exists (select 1 from contact_tags ct where ct.contact_id = contacts.id and ct.tag = ${q.tag})`);
    countWhere.push(tagSet([q.tag]));
  }
  return { defs, where, countWhere, needsCompany: compiled.needsCompany };
}

/**
 * Company filters + convenience parameters (q, ownerId, tag) as SQL conditions: the companies list, its count
 * and company exports all filter through this one function. A bad filter throws (400) before any row is read.
 */
export function companyConditions(
  dialect: DialectName, p: Principal, q: Pick<CompanyCountQuery, 'filter' | 'q' | 'ownerId' | 'tag'>, defs: CustomFieldDef[],
): RawBuilder<SqlBool>[] {
  const compiled = compileFilters(parseFilterParam(q.filter), 'company', 'companies', defs, p, dialect);
  const where = [...compiled.where];
  if (q.q) {
    const s = companySearchCondition(dialect, q.q, contactsConfig.defaultRegion);
    if (s) where.push(s);
  }
  if (q.ownerId) where.push(sql<SqlBool>`companies.owner_id = ${q.ownerId}`);
  if (q.tag) where.push(jsonArrayContains(dialect, 'companies.tags', q.tag));
  return where;
}

async function companyWhere(database: Database, p: Principal, q: CompanyCountQuery) {
  const defs = await listDefs(database.db, 'company');
  return { defs, where: companyConditions(database.dialect, p, q, defs) };
}

export const listsService = {
  async listContacts(database: Database, p: Principal, q: ContactListQuery) {
    const { defs, where, countWhere, needsCompany } = await contactWhere(database, p, q);
    const keys = parseSort(q.sort, DEFAULT_SORT, 'contact', 'contacts', defs, p, database.dialect);
    const cursor = decodeCursor(q.cursor, keys.length + 1);
    const rows = await contacts.page(database.db, p, where, keys, cursor, q.limit);
    const page = toPage(rows, q.limit, (r) => [...keys.map((_, i) => r[`sk${i}`]), r.id]);
    const totals = wantsTotal(q) ? await contacts.cappedCount(database.db, p, countWhere, needsCompany) : {};
    return { data: page.data.map((r) => presentContact(r, p, defs)), nextCursor: page.nextCursor, ...totals };
  },

  /** The list's capped total alone (GET /contacts/count): same filters and scope as listContacts. */
  async countContacts(database: Database, p: Principal, q: ContactWhereInput): Promise<ListCount> {
    const { countWhere, needsCompany } = await contactWhere(database, p, q);
    return contacts.cappedCount(database.db, p, countWhere, needsCompany);
  },

  async listCompanies(database: Database, p: Principal, q: CompanyListQuery) {
    const { defs, where } = await companyWhere(database, p, q);
    const keys = parseSort(q.sort, DEFAULT_SORT, 'company', 'companies', defs, p, database.dialect);
    const cursor = decodeCursor(q.cursor, keys.length + 1);
    const rows = await companies.page(database.db, p, where, keys, cursor, q.limit);
    const page = toPage(rows, q.limit, (r) => [...keys.map((_, i) => r[`sk${i}`]), r.id]);
    const totals = wantsTotal(q) ? await companies.cappedCount(database.db, p, where) : {};
    return { data: page.data.map((r) => presentCompany(r, p, defs)), nextCursor: page.nextCursor, ...totals };
  },

  /** GET /companies/count: the companies list's capped total alone. */
  async countCompanies(database: Database, p: Principal, q: CompanyCountQuery): Promise<ListCount> {
    const { where } = await companyWhere(database, p, q);
    return companies.cappedCount(database.db, p, where);
  },

  /** Recycle bin: deleted rows within scope, most recently deleted first. */
  async deletedContacts(database: Database, p: Principal, q: { limit: number; cursor?: string | undefined }) {
    const defs = await listDefs(database.db, 'contact');
    const keys = [{ name: 'deletedAt', expr: sql`contacts.deleted_at`, desc: true }];
    const rows = await contacts.page(database.db, p, [sql<SqlBool>`contacts.erased_at is null`], keys, decodeCursor(q.cursor, 2), q.limit, true);
    const page = toPage(rows, q.limit, (r) => [r.sk0, r.id]);
    return { data: page.data.map((r) => presentContact(r, p, defs)), nextCursor: page.nextCursor };
  },

  async deletedCompanies(database: Database, p: Principal, q: { limit: number; cursor?: string | undefined }) {
    const defs = await listDefs(database.db, 'company');
    const keys = [{ name: 'deletedAt', expr: sql`companies.deleted_at`, desc: true }];
    const rows = await companies.page(database.db, p, [], keys, decodeCursor(q.cursor, 2), q.limit, true);
    const page = toPage(rows, q.limit, (r) => [r.sk0, r.id]);
    return { data: page.data.map((r) => presentCompany(r, p, defs)), nextCursor: page.nextCursor };
  },

  /** One column per configured stage: capped count and the 20 most recently updated cards. */
  async kanban(database: Database, p: Principal, q: ContactWhereInput) {
    const { defs, where, countWhere, needsCompany } = await contactWhere(database, p, q);
    const stages = await getStages(database.db);
    const keys = parseSort(DEFAULT_SORT, DEFAULT_SORT, 'contact', 'contacts', defs, p, database.dialect);
    const columns = [];
    for (const stage of stages) {
      const w = [...where, sql<SqlBool>`contacts.lifecycle_stage = ${stage.value}`];
      const rows = await contacts.page(database.db, p, w, keys, undefined, KANBAN_CARDS);
      const count = await contacts.cappedCount(database.db, p, [...countWhere, sql<SqlBool>`contacts.lifecycle_stage = ${stage.value}`], needsCompany);
      columns.push({
        stage: stage.value, label: stage.label, count: count.total, countCapped: count.totalCapped,
        cards: rows.slice(0, KANBAN_CARDS).map((r): Contact => presentContact(r as ContactView, p, defs)),
      });
    }
    return { columns };
  },

  /**
   * Bulk action in one transaction. Every id must exist and lie in the caller's scope, else the whole
   * request fails with 404 naming `ids.N` and nothing changes. A filter selects within scope, up to 10,000.
   */
  async bulk(database: Database, p: Principal, body: BulkBody): Promise<{ updated: number }> {
    requirePermission(p, 'contacts', body.action === 'delete' ? 'delete' : 'update');
    let ids: string[];
    if (body.ids) {
      ids = [...new Set(body.ids)];
      const visible = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = await database.db.selectFrom('contacts').select('id').where('id', 'in', chunk).where('deleted_at', 'is', null)
          .where(scopeCondition(p, 'contacts', 'contacts')).execute();
        for (const r of rows) visible.add(r.id);
      }
      const missing = body.ids.findIndex((id) => !visible.has(id));
      if (missing >= 0) throw new AppError('not_found', `ids.${missing}: contact not found`, [{ path: `ids.${missing}`, message: 'not found' }]);
    } else {
      const { where, needsCompany } = await contactWhere(database, p, {}, body.filter ?? []);
      ids = await contacts.matchingIds(database.db, p, where, needsCompany, TOTAL_CAP);
      if (ids.length > TOTAL_CAP) throw invalid('filter', `matches more than ${TOTAL_CAP} contacts; narrow it`);
    }
    const value = body.value ?? '';
    await database.db.transaction().execute(async (trx) => {
      for (const id of ids) {
        if (body.action === 'delete') {
          await contactsService.softDelete(trx, p, id);
          continue;
        }
        if (body.action === 'assign_owner') await contactsService.update(trx, p, id, { ownerId: value });
        else if (body.action === 'set_stage') await contactsService.update(trx, p, id, { lifecycleStage: value });
        else {
          const row = await contacts.findRow(trx, id);
          const tags = JSON.parse(row!.tags) as string[];
          const next = body.action === 'add_tag' ? [...tags, value] : tags.filter((t) => t !== value);
          if (next.length !== tags.length || body.action === 'add_tag' && !tags.includes(value)) await contactsService.update(trx, p, id, { tags: next });
        }
      }
    });
    return { updated: ids.length };
  },

  /** Global search: contacts and companies the caller may read, by name, email, phone, company. */
  async search(database: Database, p: Principal, q: string, limit: number): Promise<SearchResult[]> {
    const region = contactsConfig.defaultRegion;
    // Both kinds at once: on PostgreSQL each runs on its own pooled connection.
    const [contactHits, companyHits] = await Promise.all([
      scopeOf(p, 'contacts') !== null && can(p, 'contacts', 'read') ? contacts.search(database.db, database.dialect, p, q, region, limit) : [],
      scopeOf(p, 'companies') !== null && can(p, 'companies', 'read') ? companies.search(database.db, database.dialect, p, q, region, limit) : [],
    ]);
    const found: SearchResult[] = contactHits.map((r) => {
      const parts = p.locale === 'vi' ? [r.family_name, r.given_name] : [r.given_name, r.family_name];
      const title = parts.filter(Boolean).join(' ') || r.display_name;
      return { type: 'contact', id: r.id, title, subtitle: [r.primary_email ?? r.primary_phone, canSeeLinked(p, 'companies', { owner_id: r.company_owner_id, team_id: r.company_team_id }) ? r.company_name : null].filter(Boolean).join(' · ') || null };
    });
    const companiesFound: SearchResult[] = companyHits.map((r) => ({ type: 'company', id: r.id, title: r.name, subtitle: r.domain }));
    // Companies keep up to a third of the slots when both kinds match, so neither crowds the other out.
    const companySlots = Math.min(companiesFound.length, Math.max(limit - found.length, Math.ceil(limit / 3)));
    return [...found.slice(0, limit - companySlots), ...companiesFound.slice(0, companySlots)];
  },
};
