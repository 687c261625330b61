/**
 * Quote rules, run by the records engine's write pipeline inside every quote write (API, bulk, import): a new
 * quote gets its number (series Q-<year>-NNNN, gapless per year: the counter row is updated in the write's
 * transaction), revision 1, status draft and zero totals in its currency; a quote that left draft is read-only
 * (a 409 — revise it); the currency cannot change once the quote has lines (400 naming `values.currency`).
 */
import { AppError, invalid } from '../../platform/http/errors.js';
import { checkCurrency } from '../../platform/documents/index.js';
import type { ObjectHooks, WriteContext } from '../../platform/records/index.js';
import { quotesRepository as repo } from './quotes.repository.js';

const EDITABLE_STATUSES = new Set(['draft', 'pending_approval']);

export function formatQuoteNumber(year: number, n: number): string {
  return `Q-${year}-${String(n).padStart(4, '0')}`;
}

async function beforeWrite(ctx: WriteContext): Promise<void> {
  const { trx, values: v, def } = ctx;
  if (ctx.kind === 'created') {
    const currency = checkCurrency(String(v.currency ?? 'VND').toUpperCase(), 'values.currency');
    v.currency = currency;
    if (!v.number) v.number = formatQuoteNumber(new Date().getUTCFullYear(), await repo.nextNumber(trx, `Q-${new Date().getUTCFullYear()}`));
    v.revision ??= 1;
    v.status ??= 'draft';
    v.approval ??= 'not_needed';
    for (const k of ['subtotal', 'discount_total', 'tax_total', 'total']) v[k] ??= { amount: 0, currency };
    v.max_discount ??= 0;
    return;
  }
  if (ctx.kind !== 'updated') return;
  const before = ctx.before ?? {};
  const clientKeys = Object.keys(v).filter((k) => !def.fields.find((f) => f.key === k)?.readOnly);
  if (clientKeys.length && !EDITABLE_STATUSES.has(String(before.status))) {
    throw new AppError('conflict', `values.${clientKeys[0]}: the quote is ${String(before.status)} and read-only; revise it to change it`,
      [{ path: `values.${clientKeys[0]}`, message: 'the quote is read-only once sent; revise it' }]);
  }
  if ('currency' in v) v.currency = checkCurrency(String(v.currency ?? '').toUpperCase(), 'values.currency');
  if ('currency' in v && v.currency !== before.currency) {
    if (await repo.countLines(trx, ctx.id)) throw invalid('values.currency', 'remove the lines before changing the currency');
    for (const k of ['subtotal', 'discount_total', 'tax_total', 'total']) v[k] = { amount: 0, currency: v.currency };
  }
}

export const quoteHooks: ObjectHooks = { beforeWrite };
