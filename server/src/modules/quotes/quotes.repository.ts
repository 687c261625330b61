/** The only SQL of the quotes module: lines, public links, numbering, and the customer's details for documents. */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { QuoteLinesTable } from './quotes.tables.js';
import './quotes.tables.js';

export const quotesRepository = {
  async lines(ex: Executor, quoteId: string): Promise<QuoteLinesTable[]> {
    return ex.selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('position').execute();
  },

  async replaceLines(trx: Executor, quoteId: string, rows: QuoteLinesTable[]): Promise<void> {
    await trx.deleteFrom('quote_lines').where('quote_id', '=', quoteId).execute();
    if (rows.length) await trx.insertInto('quote_lines').values(rows).execute();
  },

  async countLines(ex: Executor, quoteId: string): Promise<number> {
    const r = await ex.selectFrom('quote_lines').select((e) => e.fn.countAll<number>().as('n')).where('quote_id', '=', quoteId).executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** The next number of a series, atomically (the row is locked by the update until the transaction ends). */
  async nextNumber(trx: Executor, series: string): Promise<number> {
    await trx.insertInto('quote_series').values({ series, last: 0 }).onConflict((oc) => oc.column('series').doNothing()).execute();
    const r = await trx.updateTable('quote_series').set({ last: sql`last + 1` }).where('series', '=', series).returning('last').executeTakeFirstOrThrow();
    return Number(r.last);
  },

  /** Live products among `ids` (lines may name a product of the catalogue). */
  async existingProducts(ex: Executor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await ex.selectFrom('products').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute();
    return new Set(rows.map((r) => r.id));
  },

  async addLink(trx: Executor, row: { id: string; quote_id: string; token_hash: string; email: string; created_at: string }): Promise<void> {
    await trx.insertInto('quote_links').values({ ...row, used_at: null, revoked_at: null }).execute();
  },

  async linkByHash(ex: Executor, tokenHash: string) {
    return ex.selectFrom('quote_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  },

  /** Marks a link used; false when it was used or revoked meanwhile (exactly one answer wins). */
  async useLink(trx: Executor, id: string, at: string): Promise<boolean> {
    const r = await trx.updateTable('quote_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async revokeLinks(trx: Executor, quoteId: string, at: string): Promise<void> {
    await trx.updateTable('quote_links').set({ revoked_at: at }).where('quote_id', '=', quoteId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
  },

  /** A deal's line items (deals module's table), in order. */
  async dealLineItems(ex: Executor, dealId: string) {
    return ex.selectFrom('deal_line_items').selectAll().where('deal_id', '=', dealId).orderBy('position').execute();
  },

  /** VAT rates of products (their `tax_rate` select holds the percent as text). */
  async productTaxRates(ex: Executor, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('products').select(['id', 'tax_rate']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, Number(r.tax_rate ?? 0) || 0]));
  },

  /** Name, address and email of the customer for a document: the company (address) and the contact (email). */
  async customer(ex: Executor, companyId: string | null, contactId: string | null) {
    const company = companyId ? await ex.selectFrom('companies').select(['name', 'addresses']).where('id', '=', companyId).executeTakeFirst() : undefined;
    const contact = contactId ? await ex.selectFrom('contacts').select(['display_name']).where('id', '=', contactId).executeTakeFirst() : undefined;
    const email = contactId ? await ex.selectFrom('contact_emails').select('email').where('contact_id', '=', contactId).orderBy('email').executeTakeFirst() : undefined;
    return { companyName: company?.name ?? null, companyAddresses: company?.addresses ?? null, contactName: contact?.display_name ?? null, email: email?.email ?? null };
  },

  /** Sent quotes whose validity ended before `today` (the expiry sweep). */
  async sentBefore(ex: Executor, today: string): Promise<{ id: string }[]> {
    return (await sql<{ id: string }>`select id from quotes where status = 'sent' and valid_until < ${today} and deleted_at is null`.execute(ex)).rows;
  },

  async userLocale(ex: Executor, userId: string): Promise<string | null> {
    const r = await ex.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
    return r?.locale ?? null;
  },
};
