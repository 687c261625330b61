/**
 * Company export reads (for the imports module's export): the companies list's filters, sort and scope,
 * or a selection of ids, in batches — ONE statement (platform/db/stream.ts) — with presentCompany's values
 * for the exported fields.
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { selectBatches, type BatchOptions } from '../../platform/db/stream.js';
import { EXPORT_BATCH, ExportNames, parseList } from './contacts.bulk.js';
import { scopeCondition } from './contacts.policy.js';
import { presentCustom } from './contacts.presenter.js';
import type { CompanyRow } from './companies.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';
import { parseSort } from './list-query.js';
import { companyConditions, DEFAULT_SORT } from './lists.service.js';

const IN_CHUNK = 900;

/** The fields an export writes of one company: presentCompany's values for them (masking included). */
export interface ExportableCompany {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  phones: { number: string; label: string | null; primary: boolean }[];
  addresses: Record<string, string | null>[];
  parent: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  tags: string[];
  externalId: string | null;
  custom: Record<string, unknown>;
}

/** `external_id` is added to companies by the imports module (its migration), so an export can import back by it. */
const COLUMNS = ['id', 'name', 'domain', 'industry', 'size', 'phones', 'addresses', 'parent_id', 'owner_id', 'tags', 'custom', 'external_id'] as const;
type ExportCompanyRow = Pick<CompanyRow, Exclude<(typeof COLUMNS)[number], 'external_id'>> & { external_id?: string | null };

/** The companies list's parameters an export takes (GET /companies/export). */
export interface CompanyExportInput { filter?: string | undefined; q?: string | undefined; ownerId?: string | undefined; tag?: string | undefined; sort?: string | undefined }

function exportQuery(db: Executor, p: Principal) {
  return db.selectFrom('companies').select(COLUMNS.map((c) => `companies.${c}` as const))
    .where('companies.deleted_at', 'is', null)
    .where(scopeCondition(p, 'companies', 'companies'));
}

/** presentCompany, limited to the exported fields; owner and parent names come from `names`. */
export function presentCompanyForExport(r: ExportCompanyRow, names: ExportNames, p: Principal, defs: CustomFieldDef[]): ExportableCompany {
  const owner = names.owner(r.owner_id);
  const parent = names.company(r.parent_id);
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    industry: r.industry,
    size: r.size,
    phones: parseList<{ number: string; label?: string | null; primary?: boolean }>(r.phones).map((x) => ({ number: x.number, label: x.label ?? null, primary: !!x.primary })),
    addresses: parseList(r.addresses),
    parent: r.parent_id && parent !== null ? { id: r.parent_id, name: parent } : null,
    owner: r.owner_id && owner !== null ? { id: r.owner_id, name: owner } : null,
    tags: parseList(r.tags),
    externalId: r.external_id ?? null,
    custom: presentCustom(r.custom, defs, p).custom,
  };
}

async function present(rows: ExportCompanyRow[], names: ExportNames, p: Principal, defs: CustomFieldDef[]): Promise<ExportableCompany[]> {
  await names.load(rows.map((r) => r.owner_id), rows.map((r) => r.parent_id));
  return rows.map((r) => presentCompanyForExport(r, names, p, defs));
}

export const companiesExport = {
  /**
   * Every company the companies list with these parameters would show (scope included), in its order, in
   * batches (as contactsBulkRepository.forExport). The filter and sort are compiled before any row is read (a 400, not a broken
   * download). `defs` are the company custom fields. The conditions are the list's own (companyConditions).
   */
  async forExport(database: Database, p: Principal, q: CompanyExportInput, defs: CustomFieldDef[], sizes: BatchOptions = { batchSize: EXPORT_BATCH }): Promise<AsyncGenerator<ExportableCompany[]>> {
    const where = companyConditions(database.dialect, p, q, defs);
    const keys = parseSort(q.sort, DEFAULT_SORT, 'company', 'companies', defs, p, database.dialect);
    let query = exportQuery(database.db, p);
    for (const w of where) query = query.where(w);
    for (const k of keys) query = query.orderBy(k.expr, k.desc ? 'desc' : 'asc');
    query = query.orderBy('companies.id', keys[keys.length - 1]?.desc ? 'desc' : 'asc');
    return (async function* () {
      const names = new ExportNames(database.db, p);
      for await (const rows of selectBatches(database, query, sizes)) yield await present(rows as unknown as ExportCompanyRow[], names, p, defs);
    })();
  },

  /** The visible, live companies among `ids`, in the order given (unknown or out-of-scope ids are left out). */
  async *byIdsForExport(database: Database, p: Principal, ids: string[], defs: CustomFieldDef[]): AsyncGenerator<ExportableCompany[]> {
    const names = new ExportNames(database.db, p);
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const part = ids.slice(i, i + IN_CHUNK);
      const rows = (await exportQuery(database.db, p).where('companies.id', 'in', part).execute()) as ExportCompanyRow[];
      const byId = new Map((await present(rows, names, p, defs)).map((c) => [c.id, c]));
      const out = part.map((id) => byId.get(id)).filter((c): c is ExportableCompany => c !== undefined);
      if (out.length) yield out;
    }
  },
};
