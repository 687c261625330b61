/**
 * Invoice use cases beside the engine's generic writes: lines (drafts only), issue (the number from its series, in
 * the issuing transaction), void, credit notes, and `settle` — the figures and status an invoice's payments and
 * credit notes give it. Each runs in the caller's transaction; every write goes through the engine's pipeline.
 */
import type { z } from 'zod';
import type { creditNoteBody, DocumentLineInput, InvoiceLines, issueBody } from '../../../../contracts/invoices.js';
import type { RecordData } from '../../../../contracts/records.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, reads, rowValues } from '../../platform/records/index.js';
import { asModule, settleHook } from './invoices.hooks.js';
import { addDays, documentFigures, documentNumber, lineFigures, seriesPrefix, statusOf, today, type InvoiceStatus, type SeriesKind } from './invoices.logic.js';
import { invoicesRepository as repo, type InvoiceLineRow } from './invoices.repository.js';

type Money = { amount: number; currency: string };
const amountOf = (v: unknown) => (v as Money | null | undefined)?.amount ?? 0;

/** A line as stored, with its figures; `extra` links it to an order line or shipment. */
export function lineRow(invoiceId: string, position: number, l: DocumentLineInput, extra: { orderLineId?: string | null; shipmentId?: string | null } = {}): InvoiceLineRow {
  const input = { quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent ?? 0, discountAmount: l.discountAmount ?? 0, taxRate: l.taxRate ?? 0 };
  const f = lineFigures(input);
  return {
    id: newId(), invoice_id: invoiceId, position, product_id: l.productId ?? null, order_line_id: extra.orderLineId ?? null, shipment_id: extra.shipmentId ?? null,
    description: l.description, quantity: input.quantity, unit_price: input.unitPrice, discount_percent: input.discountPercent, discount_amount: input.discountAmount,
    tax_rate: input.taxRate, net: f.net, tax: f.tax, total: f.total,
  };
}

/** Takes the next number of a series (`ORD-2026-000001`) in the caller's transaction: gapless, never twice. */
export async function nextDocumentNumber(trx: Executor, kind: SeriesKind, day: string): Promise<string> {
  const year = Number(day.slice(0, 4));
  return documentNumber(kind, year, await repo.nextInSeries(trx, `${seriesPrefix[kind]}-${year}`));
}

async function invoice(ex: Executor, p: Principal, id: string, action: 'read' | 'update') {
  const { def, defs } = await definitionOf(ex, 'invoices');
  assertCan(p, def.permissionModule, action);
  const row = await loadLive(ex, def, p, id);
  return { def, defs, row, values: rowValues(def, row) };
}

function presentLines(rows: InvoiceLineRow[], currency: string): InvoiceLines {
  const lines = rows.map((r) => ({
    id: r.id, position: Number(r.position), productId: r.product_id, description: r.description, quantity: Number(r.quantity), unitPrice: Number(r.unit_price),
    discountPercent: Number(r.discount_percent), discountAmount: Number(r.discount_amount), taxRate: Number(r.tax_rate), net: Number(r.net), tax: Number(r.tax),
    total: Number(r.total), orderLineId: r.order_line_id,
  }));
  return { lines, currency, ...documentFigures(lines) };
}

export const invoicesService = {
  async getLines(ex: Executor, p: Principal, id: string): Promise<InvoiceLines> {
    const { values } = await invoice(ex, p, id, 'read');
    return presentLines(await repo.lines(ex, id), String(values.currency ?? 'VND'));
  },

  /** Replaces a draft's lines and sets its figures from them (one transaction: the caller's). */
  async putLines(trx: Executor, p: Principal, id: string, lines: DocumentLineInput[], links: { orderLineId?: string | null; shipmentId?: string | null }[] = []): Promise<InvoiceLines> {
    const { def, defs, values } = await invoice(trx, p, id, 'update');
    if (values.status !== 'draft') throw new AppError('conflict', 'values.status: only a draft invoice\'s lines can change', [{ path: 'values.status', message: 'the invoice is issued' }]);
    const rows = lines.map((l, i) => lineRow(id, i, l, links[i]));
    const figures = documentFigures(rows);
    if (!Number.isSafeInteger(figures.total) || figures.total < 0) throw invalid('lines', 'the total must be a positive amount within range');
    await repo.replaceLines(trx, id, rows);
    const currency = String(values.currency ?? 'VND');
    const m = (amount: number) => ({ amount, currency });
    await asModule(id, () => pipeline.update(trx, def, defs, p, id, {
      derived: { subtotal: m(figures.subtotal), tax_total: m(figures.taxTotal), total: m(figures.total), amount_paid: m(0), amount_credited: m(0), balance: m(figures.total) },
    }));
    return presentLines(rows, currency);
  },

  /**
   * Issues a draft: takes the next number of `INV-<year of the issue date>` (the series row stays locked until the
   * transaction ends), sets the issue and due dates and the status. A draft without lines or customer is a 400.
   */
  async issue(trx: Executor, p: Principal, id: string, body: z.output<typeof issueBody>): Promise<RecordData> {
    const { def, defs, values } = await invoice(trx, p, id, 'update');
    if (values.status !== 'draft') throw new AppError('conflict', 'values.status: the invoice is already issued', [{ path: 'values.status', message: 'not a draft' }]);
    if (!values.company && !values.contact) throw invalid('values.company', 'an invoice needs a customer (company or contact)');
    const lines = await repo.lines(trx, id);
    if (!lines.length) throw invalid('lines', 'an invoice needs at least one line');
    const issueDate = body.issueDate ?? (typeof values.issue_date === 'string' ? values.issue_date : today());
    const year = Number(issueDate.slice(0, 4));
    const number = documentNumber('invoice', year, await repo.nextInSeries(trx, `INV-${year}`));
    const terms = typeof values.payment_terms === 'number' ? values.payment_terms : 30;
    const dueDate = addDays(issueDate, terms);
    const total = amountOf(values.total);
    const status = statusOf({ status: 'issued', kind: 'invoice', total, paid: 0, credited: 0, dueDate });
    await asModule(id, () => pipeline.update(trx, def, defs, p, id, { derived: { number, issue_date: issueDate, due_date: dueDate, status } }));
    return reads.get(trx, def, defs, p, id);
  },

  /** Voids an issued invoice nothing was paid or credited on (its number stays used: the journal shows it void). */
  async voidInvoice(trx: Executor, p: Principal, id: string): Promise<RecordData> {
    const { def, defs, values } = await invoice(trx, p, id, 'update');
    if (values.status === 'draft') throw new AppError('conflict', 'values.status: a draft is deleted, not voided', [{ path: 'values.status', message: 'draft' }]);
    if (values.status === 'void') throw new AppError('conflict', 'values.status: the invoice is already void', [{ path: 'values.status', message: 'void' }]);
    await repo.lockInvoices(trx, [id]);
    if ((await repo.paidOn(trx, id)) > 0 || (await repo.creditedOn(trx, id)) > 0) {
      throw new AppError('conflict', 'values.status: payments or credit notes apply to this invoice; issue a credit note instead', [{ path: 'values.status', message: 'paid or credited' }]);
    }
    await asModule(id, () => pipeline.update(trx, def, defs, p, id, { derived: { status: 'void' } }));
    return reads.get(trx, def, defs, p, id);
  },

  /**
   * Issues a credit note against an invoice: its lines (negative quantities) are the given ones, or the invoice's
   * own when none are given (a full credit). It takes at most the invoice's open balance (400 `lines`).
   */
  async creditNote(trx: Executor, p: Principal, id: string, body: z.output<typeof creditNoteBody>): Promise<RecordData> {
    const { def, defs, values } = await invoice(trx, p, id, 'update');
    if (values.kind !== 'invoice' || !['issued', 'partially_paid', 'overdue', 'paid'].includes(String(values.status))) {
      throw new AppError('conflict', 'values.status: only an issued invoice can be credited', [{ path: 'values.status', message: String(values.status) }]);
    }
    await repo.lockInvoices(trx, [id]);
    const own = body.lines ? [] : await repo.lines(trx, id);
    const source: DocumentLineInput[] = body.lines ?? own.map((l) => ({
      productId: l.product_id, description: l.description, quantity: Number(l.quantity), unitPrice: Number(l.unit_price),
      discountPercent: Number(l.discount_percent), discountAmount: Number(l.discount_amount), taxRate: Number(l.tax_rate),
    }));
    const open = amountOf(values.total) - (await repo.paidOn(trx, id)) - (await repo.creditedOn(trx, id));
    const noteId = newId();
    // A full credit keeps the order lines' links, so the credited units can be invoiced again.
    const rows = source.map((l, i) => lineRow(noteId, i, { ...l, quantity: -l.quantity }, { orderLineId: own[i]?.order_line_id ?? null, shipmentId: own[i]?.shipment_id ?? null }));
    const figures = documentFigures(rows);
    if (-figures.total > open) throw invalid('lines', `the credit (${-figures.total}) is more than the invoice's open balance (${open})`);
    const currency = String(values.currency);
    const m = (amount: number) => ({ amount, currency });
    const day = today();
    const year = Number(day.slice(0, 4));
    const number = documentNumber('credit_note', year, await repo.nextInSeries(trx, `CN-${year}`));
    const created = await pipeline.create(trx, def, defs, p, {
      values: { subject: body.reason || `Credit note for ${String(values.number)}`, currency, company: values.company ?? null, contact: values.contact ?? null },
      derived: {
        kind: 'credit_note', status: 'issued', number, credit_for: id, issue_date: day, due_date: day, ...(values.order ? { order: values.order } : {}),
        subtotal: m(figures.subtotal), tax_total: m(figures.taxTotal), total: m(figures.total), amount_paid: m(0), amount_credited: m(0), balance: m(0),
      },
    });
    await repo.replaceLines(trx, created, rows.map((r) => ({ ...r, invoice_id: created })));
    await this.settle(trx, p, id);
    return reads.get(trx, def, defs, p, created);
  },

  /** A draft invoice with its lines (an order's or a shipment's: `links` ties each line to its order line). */
  async createDraft(trx: Executor, p: Principal, values: Record<string, unknown>, orderId: string | null, lines: DocumentLineInput[], links: { orderLineId?: string | null; shipmentId?: string | null }[]): Promise<string> {
    const { def, defs } = await definitionOf(trx, 'invoices');
    const id = await pipeline.create(trx, def, defs, p, { values, ...(orderId ? { derived: { order: orderId } } : {}) });
    await this.putLines(trx, p, id, lines, links);
    return id;
  },

  /** Units invoiced per order line (live invoices that are not void, less credit notes), optionally of one shipment. */
  invoicedQuantities: (ex: Executor, orderLineIds: string[], shipmentId?: string) => repo.invoicedQuantities(ex, orderLineIds, shipmentId),

  /** Sets an invoice's paid, credited and balance figures and its status from its allocations and credit notes. */
  async settle(trx: Executor, p: Principal, id: string): Promise<void> {
    const { def, defs } = await definitionOf(trx, 'invoices');
    const row = await repo.raw(trx, 'invoices', id);
    if (!row || row.deleted_at !== null) return;
    const values = rowValues(def, row as never);
    if (values.kind !== 'invoice') return;
    const currency = String(values.currency);
    const total = amountOf(values.total);
    const paid = await repo.paidOn(trx, id);
    const credited = await repo.creditedOn(trx, id);
    const status = statusOf({ status: values.status as InvoiceStatus, kind: 'invoice', total, paid, credited, dueDate: (values.due_date as string | null) ?? null });
    const m = (amount: number) => ({ amount, currency });
    await asModule(id, () => pipeline.update(trx, def, defs, p, id, { derived: { amount_paid: m(paid), amount_credited: m(credited), balance: m(total - paid - credited), status } }));
  },
};

settleHook.settle = async (ctx, ids) => {
  for (const id of [...new Set(ids)].sort()) await invoicesService.settle(ctx.trx, ctx.principal, id);
};

