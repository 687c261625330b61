/**
 * Invoice and payment rules, run by the records engine's write pipeline inside every write (API, bulk, import).
 * Invoices: a new one is a draft with zero figures in its currency; the due date follows issue date + payment
 * terms; once issued only its subject and notes change (409 naming the field) unless the module itself writes
 * (issuing, settling); only drafts may be deleted (an issued number is never lost: void it). Payments: numbered
 * `PAY-<year>-000001` at creation, amount > 0, a bank transfer needs its reference, the amount never drops below
 * what is allocated; a deleted payment's allocations go and its invoices are settled again.
 */
import { AppError, conflict, type FieldError } from '../../platform/http/errors.js';
import type { ObjectHooks, WriteContext } from '../../platform/records/index.js';
import { addDays, documentNumber, today } from './invoices.logic.js';
import { invoicesRepository as repo } from './invoices.repository.js';

const fail = (errors: FieldError[]) => new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);

/** Ids of records the module itself is writing (issue, settle, allocate): their read-only rules do not apply. */
const internal = new Set<string>();

/** Runs `fn` as the module's own write of record `id`. */
export async function asModule<T>(id: string, fn: () => Promise<T>): Promise<T> {
  internal.add(id);
  try { return await fn(); } finally { internal.delete(id); }
}
/** Keys an invoice's writer may change once it is issued. */
const editableIssued = new Set(['subject', 'notes']);
const moneyKeys = ['subtotal', 'tax_total', 'total', 'amount_paid', 'amount_credited', 'balance'];

/** Settling an invoice after a payment's deletion lives in the service; set by it to avoid an import cycle. */
export const settleHook: { settle: ((ctx: WriteContext, invoiceIds: string[]) => Promise<void>) | null } = { settle: null };

async function invoiceBefore(ctx: WriteContext): Promise<void> {
  const v = ctx.values;
  if (ctx.kind === 'created') {
    const currency = String(v.currency ?? 'VND');
    // A client cannot write `kind` (read-only): a credit note is the module's own create, with its figures.
    if (v.kind !== 'credit_note') {
      v.kind = 'invoice';
      v.status = 'draft';
      for (const k of moneyKeys) v[k] = { amount: 0, currency };
    }
  }
  if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
  const before = ctx.before ?? {};
  const merged = { ...before, ...v };
  if (!internal.has(ctx.id) && ctx.kind === 'updated' && before.status !== 'draft') {
    const locked = Object.keys(v).filter((k) => !editableIssued.has(k));
    if (locked.length) throw new AppError('conflict', `values.${locked[0]}: an issued invoice cannot change; void it or issue a credit note`, locked.map((k) => ({ path: `values.${k}`, message: 'the invoice is issued' })));
  }
  const terms = merged.payment_terms as number | null | undefined;
  if (typeof terms === 'number' && (terms < 0 || terms > 3650 || !Number.isInteger(terms))) throw fail([{ path: 'values.payment_terms', message: 'whole days between 0 and 3650' }]);
  if (('issue_date' in v || 'payment_terms' in v) && !('due_date' in v)) {
    v.due_date = typeof merged.issue_date === 'string' ? addDays(merged.issue_date, typeof terms === 'number' ? terms : 0) : null;
  }
  // A draft's figures follow its currency (lines are minor units of it).
  if (ctx.kind === 'updated' && 'currency' in v && v.currency !== before.currency && !internal.has(ctx.id)) {
    for (const k of moneyKeys) {
      const m = before[k] as { amount: number } | null | undefined;
      v[k] = { amount: m?.amount ?? 0, currency: String(v.currency) };
    }
  }
}

async function invoiceAfter(ctx: WriteContext & { after: Record<string, unknown> }): Promise<void> {
  if (ctx.kind === 'deleted' && ctx.before?.status !== 'draft' && !internal.has(ctx.id)) {
    throw conflict('Only a draft invoice can be deleted; void an issued one or issue a credit note');
  }
}

async function paymentBefore(ctx: WriteContext): Promise<void> {
  if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
  const v = ctx.values;
  const before = ctx.before ?? {};
  const merged = { ...before, ...v };
  const amount = merged.amount as { amount: number; currency: string } | null;
  if ('amount' in v && amount && amount.amount <= 0) throw fail([{ path: 'values.amount', message: 'must be greater than zero' }]);
  if (merged.method === 'bank_transfer' && !(typeof merged.reference === 'string' && merged.reference.trim())) {
    throw fail([{ path: 'values.reference', message: 'a bank transfer needs its reference' }]);
  }
  if (ctx.kind === 'created') {
    const day = typeof v.paid_on === 'string' ? v.paid_on : today();
    v.paid_on = day;
    v.number = documentNumber('payment', Number(day.slice(0, 4)), await repo.nextInSeries(ctx.trx, `PAY-${day.slice(0, 4)}`));
  }
  if (!amount) return;
  const allocated = ctx.kind === 'created' ? 0 : (await repo.allocationsOfPayment(ctx.trx, ctx.id)).reduce((s, a) => s + Number(a.amount), 0);
  if (allocated > 0 && amount.currency !== (before.amount as { currency: string } | null)?.currency) {
    throw fail([{ path: 'values.amount', message: 'the currency cannot change while the payment is allocated' }]);
  }
  if (amount.amount < allocated) throw fail([{ path: 'values.amount', message: `below the ${allocated} already allocated to invoices` }]);
  v.allocated = { amount: allocated, currency: amount.currency };
  v.unallocated = { amount: amount.amount - allocated, currency: amount.currency };
}

async function paymentAfter(ctx: WriteContext & { after: Record<string, unknown> }): Promise<void> {
  if (ctx.kind !== 'deleted') return;
  const rows = await repo.allocationsOfPayment(ctx.trx, ctx.id);
  if (!rows.length) return;
  await repo.replaceAllocations(ctx.trx, ctx.id, []);
  await settleHook.settle?.(ctx, rows.map((r) => r.invoice_id));
}

export const invoiceHooks: ObjectHooks = { beforeWrite: invoiceBefore, afterWrite: invoiceAfter };
export const paymentHooks: ObjectHooks = { beforeWrite: paymentBefore, afterWrite: paymentAfter };
