/** SQL of the contact/company commerce card that the engine's list cannot answer: money received per currency. */
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/records/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export const commerceRepository = {
  /**
   * Money received on the party's live invoices (not credit notes, not void) within the caller's scope on
   * invoices: the sum of `amount_paid` per currency. `key` is the invoice column naming the party.
   */
  async received(ex: Executor, p: Principal, module: string, key: 'contact' | 'company', id: string): Promise<{ currency: string; amount: number }[]> {
    const rows = await loose(ex).selectFrom('invoices as i')
      .select(['i.currency', sql<string>`sum(i.amount_paid)`.as('amount')])
      .where(`i.${key}`, '=', id).where('i.deleted_at', 'is', null).where('i.kind', '=', 'invoice').where('i.status', 'not in', ['draft', 'void'])
      .where(scopeWhere(p, module, 'i'))
      .groupBy('i.currency').execute();
    return rows.map((r) => ({ currency: String(r.currency), amount: Number(r.amount ?? 0) })).filter((r) => r.amount !== 0);
  },
};
