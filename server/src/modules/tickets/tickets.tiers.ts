/**
 * The customer tier of a new ticket: the `customer_tier` custom field of its company, else of its requester (a
 * contact without a company, or whose company has none), else `standard`. Stored on the ticket at create.
 */
import { customerTiers } from '../../../../contracts/tickets.js';
import type { Executor } from '../../platform/db/db.js';

const tierIn = (custom: string | null | undefined): string | null => {
  try {
    const v = (JSON.parse(custom ?? '{}') as Record<string, unknown>).customer_tier;
    return typeof v === 'string' && (customerTiers as readonly string[]).includes(v) ? v : null;
  } catch {
    return null;
  }
};

/** The tier of the ticket's company or requester (ids as the ticket holds them). */
export async function tierOf(ex: Executor, company: unknown, requester: unknown): Promise<string> {
  let companyId = typeof company === 'string' ? company : null;
  let contactCustom: string | null = null;
  if (typeof requester === 'string') {
    const c = await ex.selectFrom('contacts').select(['custom', 'company_id']).where('id', '=', requester).where('deleted_at', 'is', null).executeTakeFirst();
    contactCustom = c?.custom ?? null;
    companyId ??= c?.company_id ?? null;
  }
  if (companyId) {
    const co = await ex.selectFrom('companies').select('custom').where('id', '=', companyId).where('deleted_at', 'is', null).executeTakeFirst();
    const tier = tierIn(co?.custom);
    if (tier) return tier;
  }
  return tierIn(contactCustom) ?? 'standard';
}
