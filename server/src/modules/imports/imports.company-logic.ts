/** Pure rules of a company import: new rows, what changes on a stored row, derived columns. */
import { cleanTags, companySearchText, normaliseText, withOnePrimary, type CompanyValues } from '../contacts/index.js';
import { cleanDomain, type ImportedCompany } from './engine/company-transform.js';
import type { StoredCompany } from './imports.company-repository.js';

export type NewCompany = CompanyValues & { external_id: string | null };

/** name_key and search_text exactly as the companies service maintains them. */
export function companyDerived(v: Pick<CompanyValues, 'name' | 'domain' | 'phones'>): { name_key: string; search_text: string } {
  const phones = (JSON.parse(v.phones) as { number: string }[]).map((x) => x.number);
  return { name_key: normaliseText(v.name), search_text: companySearchText({ name: v.name, domain: v.domain, phones }) };
}

/** Who owns a row and where it hangs, once resolved against users and companies. */
export interface Placement { ownerId: string | null; teamId: string | null; parentId: string | null }

/** A new company row from a cleaned import row. */
export function newCompanyImportRow(
  id: string, c: ImportedCompany, custom: Record<string, unknown>, at: Placement, actorId: string, now: string,
): NewCompany {
  const base = { name: c.name!, domain: c.domain, phones: JSON.stringify(withOnePrimary(c.phones)) };
  return {
    id, ...base, ...companyDerived(base), industry: c.industry, size: c.size, addresses: JSON.stringify(c.addresses),
    parent_id: at.parentId, owner_id: at.ownerId, team_id: at.teamId, tags: JSON.stringify(cleanTags(c.tags)), custom: JSON.stringify(custom),
    external_id: c.externalId, created_at: now, updated_at: now, created_by: actorId, updated_by: actorId, deleted_at: null,
  };
}

/** A company created only because a row named it as its parent. */
export function parentStubRow(id: string, name: string, at: Omit<Placement, 'parentId'>, actorId: string, now: string): NewCompany {
  const base = { name, domain: null, phones: '[]' };
  return {
    id, ...base, ...companyDerived(base), industry: null, size: null, addresses: '[]', parent_id: null, owner_id: at.ownerId, team_id: at.teamId,
    tags: '[]', custom: '{}', external_id: null, created_at: now, updated_at: now, created_by: actorId, updated_by: actorId, deleted_at: null,
  };
}

const SCALARS = [['name', 'name'], ['industry', 'industry'], ['size', 'size'], ['externalId', 'external_id']] as const;

/**
 * The columns that change when an imported company is applied to a stored row. `overwrite` (onDuplicate
 * update): the file's non-empty values win. `fill` (a later row of the same file): only empty columns are
 * filled. Phones, addresses and tags are united; nothing is ever removed. `at` holds the resolved owner
 * (null = not in the file) and parent (null = none named).
 */
export function companyChangesFor(
  row: StoredCompany, c: ImportedCompany, custom: Record<string, unknown>, at: Placement, mode: 'overwrite' | 'fill',
): Partial<StoredCompany> {
  const set: Partial<StoredCompany> = {};
  const want = (cur: string | null | undefined, next: string | null) => next !== null && next !== '' && next !== cur && (mode === 'overwrite' || !cur);
  for (const [from, col] of SCALARS) {
    if (want(row[col], c[from])) (set as Record<string, unknown>)[col] = c[from];
  }
  // A domain typed as 'https://www.acme.com' in the form is the same domain as the file's 'acme.com'.
  if (c.domain && want(row.domain, c.domain) && cleanDomain(row.domain ?? '') !== c.domain) set.domain = c.domain;
  if (at.parentId && want(row.parent_id, at.parentId)) set.parent_id = at.parentId;
  if (at.ownerId && want(row.owner_id, at.ownerId)) {
    set.owner_id = at.ownerId;
    set.team_id = at.teamId;
  }
  const phones = JSON.parse(row.phones) as { number: string; raw: string; label: string | null; primary: boolean }[];
  const newPhones = c.phones.filter((p) => !phones.some((x) => x.number === p.number));
  if (newPhones.length) set.phones = JSON.stringify(withOnePrimary([...phones, ...newPhones.map((p) => ({ ...p, primary: false }))]));
  const addresses = JSON.parse(row.addresses) as unknown[];
  const known = new Set(addresses.map((a) => JSON.stringify(a)));
  const newAddresses = c.addresses.filter((a) => !known.has(JSON.stringify(a)));
  if (newAddresses.length) set.addresses = JSON.stringify([...addresses, ...newAddresses]);
  const tags = JSON.parse(row.tags) as string[];
  const newTags = cleanTags(c.tags).filter((t) => !tags.includes(t));
  if (newTags.length) set.tags = JSON.stringify([...tags, ...newTags]);
  const stored = JSON.parse(row.custom) as Record<string, unknown>;
  let customChanged = false;
  for (const [k, v] of Object.entries(custom)) {
    const cur = stored[k];
    if (JSON.stringify(cur) !== JSON.stringify(v) && (mode === 'overwrite' || cur === undefined || cur === null || cur === '')) {
      stored[k] = v;
      customChanged = true;
    }
  }
  if (customChanged) set.custom = JSON.stringify(stored);
  return set;
}
