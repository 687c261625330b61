/**
 * SQL of company imports: matches by domain / normalised name / external id resolved per batch with
 * IN (…) lookups, the rows to update, owners, parents, and the restore a revert needs. Callers run these
 * inside their batch transaction (see imports.company-runner.ts).
 */
import type { Executor } from '../../platform/db/db.js';
import type { CompanyRow } from '../contacts/index.js';
import './imports.company.tables.js';

const IN_CHUNK = 900;
const chunks = <T>(a: T[], n = IN_CHUNK): T[][] => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

/** A stored company with the column this module adds. */
export type StoredCompany = CompanyRow & { external_id?: string | null };
export interface CompanyMatch { key: string; id: string; owner_id: string | null; team_id: string | null }
export interface OwnerCandidate { id: string; email: string; name: string; team_id: string | null }

/** The stored spellings a bare domain may have been typed as in the companies form ('www.', a scheme). */
export function domainVariants(d: string): string[] {
  return [d, `www.${d}`, `http://${d}`, `https://${d}`, `http://www.${d}`, `https://www.${d}`, `${d}/`, `https://${d}/`, `https://www.${d}/`];
}

export const companyImportRepository = {
  /**
   * Live companies holding any of the keys. Domains are looked up in their usual stored spellings and
   * returned as candidates: the caller keeps those whose cleaned domain equals the key.
   */
  async match(trx: Executor, keys: { domains: string[]; nameKeys: string[]; externalIds: string[] }): Promise<(CompanyMatch & { domain: string | null })[]> {
    const out: (CompanyMatch & { domain: string | null })[] = [];
    const cols = ['id', 'owner_id', 'team_id', 'domain', 'name_key', 'external_id'] as const;
    const byDomain = new Map<string, string>();
    for (const d of new Set(keys.domains)) for (const v of domainVariants(d)) byDomain.set(v, d);
    for (const part of chunks([...byDomain.keys()])) {
      for (const r of await trx.selectFrom('companies').select(cols).where('domain', 'in', part).where('deleted_at', 'is', null).execute()) {
        out.push({ key: `d:${byDomain.get(r.domain!)}`, id: r.id, owner_id: r.owner_id, team_id: r.team_id, domain: r.domain });
      }
    }
    for (const part of chunks([...new Set(keys.nameKeys)])) {
      for (const r of await trx.selectFrom('companies').select(cols).where('name_key', 'in', part).where('deleted_at', 'is', null).execute()) {
        out.push({ key: `n:${r.name_key}`, id: r.id, owner_id: r.owner_id, team_id: r.team_id, domain: r.domain });
      }
    }
    for (const part of chunks([...new Set(keys.externalIds)])) {
      for (const r of await trx.selectFrom('companies').select(cols).where('external_id', 'in', part).where('deleted_at', 'is', null).execute()) {
        out.push({ key: `x:${r.external_id}`, id: r.id, owner_id: r.owner_id, team_id: r.team_id, domain: r.domain });
      }
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },

  async rows(trx: Executor, ids: string[]): Promise<StoredCompany[]> {
    const out: StoredCompany[] = [];
    for (const part of chunks(ids)) out.push(...((await trx.selectFrom('companies').selectAll().where('id', 'in', part).execute()) as StoredCompany[]));
    return out;
  },

  /** Live companies by normalised name, for parent names: id, owner and team (visibility), oldest first. */
  async byNameKey(trx: Executor, nameKeys: string[]) {
    const out: { id: string; name_key: string; owner_id: string | null; team_id: string | null }[] = [];
    for (const part of chunks(nameKeys)) {
      out.push(...(await trx.selectFrom('companies').select(['id', 'name_key', 'owner_id', 'team_id']).where('name_key', 'in', part)
        .where('deleted_at', 'is', null).orderBy('id').execute()));
    }
    return out;
  },

  /** parent_id of each of the ids (for the cycle check). */
  async parentsOf(trx: Executor, ids: string[]): Promise<Map<string, string | null>> {
    const m = new Map<string, string | null>();
    for (const part of chunks(ids)) for (const r of await trx.selectFrom('companies').select(['id', 'parent_id']).where('id', 'in', part).execute()) m.set(r.id, r.parent_id);
    return m;
  },

  /** Which of the ids this import (or its batch: a list of ids) created, with the row that created each (0 = created as a parent). */
  async createdAmong(trx: Executor, importId: string | string[], ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const importIds = typeof importId === 'string' ? [importId] : importId;
    for (const part of chunks(ids)) {
      const rows = await trx.selectFrom('import_changes').select(['record_id', 'row_number']).where('import_id', 'in', importIds)
        .where('entity', '=', 'company').where('kind', '=', 'created').where('record_id', 'in', part).execute();
      for (const r of rows) out.set(r.record_id, r.row_number);
    }
    return out;
  },

  /** Companies this import created only as parents (row 0), by normalised name: their own rows claim them. */
  async parentsCreated(trx: Executor, importId: string, nameKeys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(nameKeys)])) {
      const rows = await trx.selectFrom('import_changes').innerJoin('companies', 'companies.id', 'import_changes.record_id')
        .select(['companies.id', 'companies.name_key']).where('import_changes.import_id', '=', importId).where('import_changes.entity', '=', 'company')
        .where('import_changes.kind', '=', 'created').where('import_changes.row_number', '=', 0).where('companies.name_key', 'in', part)
        .where('companies.deleted_at', 'is', null).execute();
      for (const r of rows) out.set(r.name_key, r.id);
    }
    return out;
  },

  /** A company created as a parent is later met as a row of its own: that row is now its origin. */
  async claim(trx: Executor, importId: string, id: string, rowNumber: number): Promise<void> {
    await trx.updateTable('import_changes').set({ row_number: rowNumber }).where('import_id', '=', importId).where('entity', '=', 'company')
      .where('record_id', '=', id).execute();
  },

  /** Active users who may own a company. */
  async owners(db: Executor): Promise<OwnerCandidate[]> {
    return db.selectFrom('users').select(['id', 'email', 'name', 'team_id']).where('active', '=', 1).orderBy('id').execute();
  },

  /** Optimistic update of one company; false when its version moved. */
  async update(trx: Executor, before: StoredCompany, values: Partial<StoredCompany>): Promise<boolean> {
    const { id: _i, version: _v, ...set } = values;
    const res = await trx.updateTable('companies').set({ ...set, version: before.version + 1 }).where('id', '=', before.id)
      .where('version', '=', before.version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** Puts a full earlier row back (revert of an import's update): every column but id, version + 1. */
  async restore(trx: Executor, before: StoredCompany): Promise<void> {
    const { id, version: _v, ...values } = before;
    const now = await trx.selectFrom('companies').select(['version']).where('id', '=', id).executeTakeFirst();
    if (!now) return;
    await trx.updateTable('companies').set({ ...values, version: now.version + 1 }).where('id', '=', id).execute();
  },
};
