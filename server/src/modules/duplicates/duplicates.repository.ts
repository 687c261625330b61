import { sql, type Selectable } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { newId } from '../../platform/ids.js';
import { scopeCondition, type ContactRow } from '../contacts/index.js';
import type { ContactDuplicatesTable } from './duplicates.tables.js';
import type { PairTable } from './refresh.repository.js';
import './duplicates.tables.js';

export type DuplicateRow = Selectable<ContactDuplicatesTable>;
export type SummaryRow = {
  id: string; display_name: string; primary_email: string | null; primary_phone: string | null;
  company_id: string | null; owner_id: string | null; team_id: string | null; updated_at: string;
};

export type CompanySummaryRow = {
  id: string; name: string; domain: string | null; phones: string; owner_id: string | null; team_id: string | null; updated_at: string;
};

const summaryCols = ['id', 'display_name', 'primary_email', 'primary_phone', 'company_id', 'owner_id', 'team_id', 'updated_at'] as const;

export const duplicatesRepository = {
  /** Live contacts by id, as shown beside a warning. */
  async summaries(ex: Executor, ids: string[]): Promise<SummaryRow[]> {
    if (!ids.length) return [];
    return ex.selectFrom('contacts').select([...summaryCols]).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  },

  /** Live contacts at a company with their names (candidate set for name similarity), capped. */
  async atCompany(ex: Executor, companyId: string, cap = 2000) {
    return ex.selectFrom('contacts').select(['id', 'given_name', 'family_name']).where('company_id', '=', companyId)
      .where('deleted_at', 'is', null).limit(cap).execute();
  },

  async row(ex: Executor, id: string): Promise<(ContactRow & { merged_into: string | null }) | undefined> {
    return (await ex.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst()) as (ContactRow & { merged_into: string | null }) | undefined;
  },

  async dismiss(trx: Executor, table: PairTable, a: string, b: string, by: string, at: string, score: number, reasons: string): Promise<void> {
    await trx.insertInto(table as 'contact_duplicates').values({ id: newId(), a_id: a, b_id: b, score, reasons, computed_at: at, dismissed_at: at, dismissed_by: by })
      .onConflict((oc) => oc.columns(['a_id', 'b_id']).doUpdateSet({ dismissed_at: at, dismissed_by: by }))
      .execute();
  },

  async dismissedWith(ex: Executor, id: string): Promise<Set<string>> {
    const rows = await ex.selectFrom('contact_duplicates').select(['a_id', 'b_id']).where('dismissed_at', 'is not', null)
      .where((eb) => eb.or([eb('a_id', '=', id), eb('b_id', '=', id)])).execute();
    return new Set(rows.map((r) => (r.a_id === id ? r.b_id : r.a_id)));
  },

  /** Open pairs where both contacts are live and visible, highest score first, keyset on (score, id). */
  async page(ex: Executor, p: Principal, after: [number, string] | undefined, limit: number) {
    let q = ex.selectFrom('contact_duplicates as d')
      .innerJoin('contacts as a', 'a.id', 'd.a_id')
      .innerJoin('contacts as b', 'b.id', 'd.b_id')
      .select(['d.id', 'd.a_id', 'd.b_id', 'd.score', 'd.reasons', 'd.computed_at'])
      .where('d.dismissed_at', 'is', null)
      .where('a.deleted_at', 'is', null)
      .where('b.deleted_at', 'is', null)
      .where(scopeCondition(p, 'contacts', 'a'))
      .where(scopeCondition(p, 'contacts', 'b'));
    if (after) q = q.where((eb) => eb.or([eb('d.score', '<', after[0]), eb.and([eb('d.score', '=', after[0]), eb('d.id', '>', after[1])])]));
    return q.orderBy('d.score', 'desc').orderBy('d.id').limit(limit + 1).execute();
  },

  /** Open company pairs where both companies are live and visible, highest score first, keyset on (score, id). */
  async companyPage(ex: Executor, p: Principal, after: [number, string] | undefined, limit: number) {
    let q = ex.selectFrom('company_duplicates as d')
      .innerJoin('companies as a', 'a.id', 'd.a_id')
      .innerJoin('companies as b', 'b.id', 'd.b_id')
      .select(['d.id', 'd.a_id', 'd.b_id', 'd.score', 'd.reasons', 'd.computed_at'])
      .where('d.dismissed_at', 'is', null)
      .where('a.deleted_at', 'is', null)
      .where('b.deleted_at', 'is', null)
      .where(scopeCondition(p, 'companies', 'a'))
      .where(scopeCondition(p, 'companies', 'b'));
    if (after) q = q.where((eb) => eb.or([eb('d.score', '<', after[0]), eb.and([eb('d.score', '=', after[0]), eb('d.id', '>', after[1])])]));
    return q.orderBy('d.score', 'desc').orderBy('d.id').limit(limit + 1).execute();
  },

  /** Live companies by id, as shown beside a duplicate pair. */
  async companySummaries(ex: Executor, ids: string[]): Promise<CompanySummaryRow[]> {
    if (!ids.length) return [];
    return ex.selectFrom('companies').select(['id', 'name', 'domain', 'phones', 'owner_id', 'team_id', 'updated_at']).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  },

  async companyRow(ex: Executor, id: string) {
    return ex.selectFrom('companies').select(['id', 'owner_id', 'team_id', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  },

  async deletePairsOf(trx: Executor, id: string): Promise<void> {
    await trx.deleteFrom('contact_duplicates').where((eb) => eb.or([eb('a_id', '=', id), eb('b_id', '=', id)])).execute();
  },

  /** Marks the merged contact: soft-deleted, pointing at its survivor. */
  async markMerged(trx: Executor, id: string, survivorId: string, by: string, at: string): Promise<void> {
    await trx.updateTable('contacts')
      .set({ deleted_at: at, merged_into: survivorId, updated_at: at, updated_by: by, version: sql`version + 1` })
      .where('id', '=', id).execute();
  },
};
