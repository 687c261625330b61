/**
 * Payments with allocations: a payment (cash, bank transfer with its reference, card) is split over one or several
 * invoices of its currency; the sum never exceeds the payment and no invoice gets more than its open balance
 * (400 naming `allocations.<i>.amount`). Invoices are locked in id order while their balance is checked, so two
 * payments racing for one invoice cannot both take its last amount. Each invoice's status follows (`settle`).
 */
import type { z } from 'zod';
import type { Allocation, recordPaymentBody } from '../../../../contracts/invoices.js';
import type { RecordData } from '../../../../contracts/records.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, reads, rowValues } from '../../platform/records/index.js';
import { canSeeRow } from '../../platform/records/policy.js';
import { asModule } from './invoices.hooks.js';
import { invoicesRepository as repo } from './invoices.repository.js';
import { invoicesService } from './invoices.service.js';

type Money = { amount: number; currency: string };
const fail = (errors: FieldError[]) => new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);

export const paymentsService = {
  /** Records a payment and its allocations (one transaction: the caller's). */
  async record(trx: Executor, p: Principal, body: z.output<typeof recordPaymentBody>): Promise<RecordData> {
    const { def, defs } = await definitionOf(trx, 'payments');
    if (body.method === 'bank_transfer' && !body.reference) throw fail([{ path: 'reference', message: 'a bank transfer needs its reference' }]);
    const id = await pipeline.create(trx, def, defs, p, {
      values: {
        method: body.method, reference: body.reference ?? null, amount: { amount: body.amount, currency: body.currency }, paid_on: body.date ?? null,
        company: body.companyId ?? null, contact: body.contactId ?? null, notes: body.notes ?? null,
      },
    });
    await this.allocate(trx, p, id, body.allocations);
    return reads.get(trx, def, defs, p, id);
  },

  /** Replaces a payment's allocations; the invoices it leaves and joins are settled again. */
  async allocate(trx: Executor, p: Principal, paymentId: string, allocations: { invoiceId: string; amount: number }[]): Promise<void> {
    const { def, defs } = await definitionOf(trx, 'payments');
    const payment = rowValues(def, await loadLive(trx, def, p, paymentId));
    assertCan(p, def.permissionModule, 'update');
    const amount = payment.amount as Money;
    const previous = await repo.allocationsOfPayment(trx, paymentId);
    const { def: invDef } = await definitionOf(trx, 'invoices');
    await repo.lockInvoices(trx, [...previous.map((a) => a.invoice_id), ...allocations.map((a) => a.invoiceId)]);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    let sum = 0;
    for (const [i, a] of allocations.entries()) {
      sum += a.amount;
      const row = await repo.raw(trx, 'invoices', a.invoiceId);
      const path = `allocations.${i}.invoiceId`;
      if (!row || row.deleted_at !== null || !canSeeRow(p, invDef.permissionModule, row as never)) { errors.push({ path, message: 'no such invoice' }); continue; }
      if (seen.has(a.invoiceId)) { errors.push({ path, message: 'listed twice' }); continue; }
      seen.add(a.invoiceId);
      const inv = rowValues(invDef, row as never);
      if (inv.kind !== 'invoice') { errors.push({ path, message: 'a credit note is not paid' }); continue; }
      if (inv.status === 'void') { errors.push({ path, message: 'the invoice is void and cannot be paid' }); continue; }
      if (inv.status === 'draft') { errors.push({ path, message: 'the invoice is a draft: issue it first' }); continue; }
      if (inv.currency !== amount.currency) { errors.push({ path, message: `the invoice is in ${String(inv.currency)}, the payment in ${amount.currency}` }); continue; }
      const mine = previous.filter((x) => x.invoice_id === a.invoiceId).reduce((s, x) => s + Number(x.amount), 0);
      const open = (inv.total as Money).amount - (await repo.paidOn(trx, a.invoiceId)) - (await repo.creditedOn(trx, a.invoiceId)) + mine;
      if (a.amount > open) errors.push({ path: `allocations.${i}.amount`, message: `more than the invoice's open balance (${open})` });
    }
    if (!errors.length && sum > amount.amount) errors.push({ path: 'allocations', message: `the allocations (${sum}) exceed the payment (${amount.amount})` });
    if (errors.length) throw fail(errors);
    const at = nowIso();
    await repo.replaceAllocations(trx, paymentId, allocations.map((a) => ({ id: newId(), invoice_id: a.invoiceId, amount: a.amount, created_at: at })));
    await asModule(paymentId, () => pipeline.update(trx, def, defs, p, paymentId, {
      derived: { allocated: { amount: sum, currency: amount.currency }, unallocated: { amount: amount.amount - sum, currency: amount.currency } },
    }));
    const touched = [...new Set([...previous.map((a) => a.invoice_id), ...allocations.map((a) => a.invoiceId)])].sort();
    for (const invoiceId of touched) await invoicesService.settle(trx, p, invoiceId);
  },

  async allocations(ex: Executor, p: Principal, by: 'payment' | 'invoice', id: string): Promise<{ data: Allocation[] }> {
    const { def } = await definitionOf(ex, by === 'payment' ? 'payments' : 'invoices');
    assertCan(p, def.permissionModule, 'read');
    await loadLive(ex, def, p, id);
    const rows = await repo.allocationsWithNumbers(ex, by === 'payment' ? 'payment_id' : 'invoice_id', id);
    return {
      data: rows.map((r) => ({
        id: r.id, paymentId: r.payment_id, invoiceId: r.invoice_id, amount: Number(r.amount), currency: r.currency ?? '', paymentNumber: r.payment_number,
        invoiceNumber: r.invoice_number, method: r.method, date: r.paid_on,
      })),
    };
  },
};
