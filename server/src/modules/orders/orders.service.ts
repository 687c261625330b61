/**
 * Order use cases beside the engine's generic writes, each in the caller's transaction with the order locked:
 * lines (while nothing is shipped: reservations follow), an order from a won deal, status moves, partial shipments
 * (stock withdrawn from the reservation), invoicing the order or one shipment (never more than ordered), and the
 * deal's stage following the order (shipped → "Shipping", delivered → "After-sale care"). Stock goes through the
 * products module's API; warranties start at delivery (modules/warranties).
 */
import type { z } from 'zod';
import type { DocumentLineInput } from '../../../../contracts/invoices.js';
import type { orderInvoiceBody, OrderLines, orderStatusBody, Shipment, shipmentBody } from '../../../../contracts/orders.js';
import type { RecordData } from '../../../../contracts/records.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, invalid, type FieldError } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, reads, rowValues } from '../../platform/records/index.js';
import { documentFigures, invoicesService, lineFigures, nextDocumentNumber, today } from '../invoices/index.js';
import { releaseStock, reserveStock, returnStock, withdrawStock } from '../products/index.js';
import { quotesRepository, visibleQuote } from '../quotes/index.js';
import { warrantiesService } from '../warranties/index.js';
import { asModule } from './orders.hooks.js';
import { ordersRepository as repo, type OrderLineRow } from './orders.repository.js';

type Money = { amount: number; currency: string };
const fail = (errors: FieldError[]) => new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
const statusConflict = (status: unknown, message: string) => new AppError('conflict', `values.status: ${message}`, [{ path: 'values.status', message: `the order is ${String(status)}` }]);

/** Runs a stock call, naming its errors under `prefix` (`lines.2.quantity`). */
async function at<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.fields?.length) {
      const fields = err.fields.map((f) => ({ path: `${prefix}.${f.path}`, message: f.message }));
      throw new AppError(err.code, `${fields[0]!.path}: ${fields[0]!.message}`, fields);
    }
    throw err;
  }
}

/** The principal that moves a deal's stage after its order (record events show "Orders"). */
function ordersPrincipal(): Principal {
  return { kind: 'user', userId: 'system-orders', email: 'orders@system', name: 'Orders', locale: 'en', roleId: 'system', isAdmin: true, teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted' };
}

const stageNames = { shipped: ['shipping'], delivered: ['after-sale care', 'after-sales care', 'after sale care'] } as const;

async function order(ex: Executor, p: Principal, id: string, action: 'read' | 'update') {
  const { def, defs } = await definitionOf(ex, 'orders');
  assertCan(p, def.permissionModule, action);
  const row = await loadLive(ex, def, p, id);
  if (action === 'update') await repo.lock(ex, id);
  return { def, defs, values: rowValues(def, row) };
}

const isStock = (l: { product_id: string | null }) => Boolean(l.product_id);
const ref = (orderId: string) => `order:${orderId}`;

function presentLines(rows: OrderLineRow[], invoiced: Map<string, number>, currency: string): OrderLines {
  const lines = rows.map((r) => ({
    id: r.id, position: Number(r.position), productId: r.product_id, description: r.description, quantity: Number(r.quantity), unitPrice: Number(r.unit_price),
    discountPercent: Number(r.discount_percent), discountAmount: Number(r.discount_amount), taxRate: Number(r.tax_rate), net: Number(r.net), tax: Number(r.tax),
    total: Number(r.total), shipped: Number(r.shipped), invoiced: invoiced.get(r.id) ?? 0,
  }));
  return { lines, currency, ...documentFigures(lines) };
}

/** Moves the order's deal forward to the stage named for `event` (never back; no such stage → nothing). */
async function followDeal(trx: Executor, dealId: unknown, event: keyof typeof stageNames): Promise<void> {
  if (typeof dealId !== 'string') return;
  const { def, defs } = await definitionOf(trx, 'deals');
  const sys = ordersPrincipal();
  const row = await loadLive(trx, def, sys, dealId).catch(() => null);
  if (!row) return;
  const deal = rowValues(def, row);
  if (typeof deal.pipeline !== 'string') return;
  const target = await repo.stageNamed(trx, deal.pipeline, [...stageNames[event]]);
  if (!target || (typeof deal.stage === 'string' && (await repo.stagePosition(trx, deal.stage)) >= target.position)) return;
  await pipeline.update(trx, def, defs, sys, dealId, { values: { stage: target.id } });
}

export const ordersService = {
  async getLines(ex: Executor, p: Principal, id: string): Promise<OrderLines> {
    const { values } = await order(ex, p, id, 'read');
    const rows = await repo.lines(ex, id);
    return presentLines(rows, await invoicesService.invoicedQuantities(ex, rows.map((r) => r.id)), String(values.currency));
  },

  /** Replaces the lines of an order nothing was shipped from: the old reservations are released, the new ones taken. */
  async putLines(trx: Executor, p: Principal, id: string, lines: DocumentLineInput[]): Promise<OrderLines> {
    const { def, defs, values } = await order(trx, p, id, 'update');
    if (values.status !== 'confirmed' && values.status !== 'picking') throw statusConflict(values.status, 'lines change only before shipping');
    const old = await repo.lines(trx, id);
    for (const l of old) if (isStock(l)) await releaseStock(trx, p, { productId: l.product_id!, quantity: Number(l.quantity), ref: ref(id) });
    const rows: OrderLineRow[] = lines.map((l, i) => {
      const input = { quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent ?? 0, discountAmount: l.discountAmount ?? 0, taxRate: l.taxRate ?? 0 };
      const f = lineFigures(input);
      return {
        id: newId(), order_id: id, position: i, product_id: l.productId ?? null, description: l.description, quantity: input.quantity, unit_price: input.unitPrice,
        discount_percent: input.discountPercent, discount_amount: input.discountAmount, tax_rate: input.taxRate, net: f.net, tax: f.tax, total: f.total, shipped: 0,
      };
    });
    for (const [i, l] of rows.entries()) {
      if (isStock(l)) await at(`lines.${i}`, () => reserveStock(trx, p, { productId: l.product_id!, quantity: Number(l.quantity), ref: ref(id) }));
    }
    const figures = documentFigures(rows);
    if (!Number.isSafeInteger(figures.total) || figures.total < 0) throw invalid('lines', 'the total must be a positive amount within range');
    await repo.replaceLines(trx, id, rows);
    const currency = String(values.currency);
    const m = (amount: number) => ({ amount, currency });
    await asModule(id, () => pipeline.update(trx, def, defs, p, id, { derived: { subtotal: m(figures.subtotal), tax_total: m(figures.taxTotal), total: m(figures.total) } }));
    return presentLines(rows, new Map(), currency);
  },

  /** An order from a won deal: its line items (else one line of its amount), customer and currency. One live order per deal. */
  async fromDeal(trx: Executor, p: Principal, dealId: string): Promise<RecordData> {
    const { def: dealDef } = await definitionOf(trx, 'deals');
    assertCan(p, dealDef.permissionModule, 'read');
    const deal = rowValues(dealDef, await loadLive(trx, dealDef, p, dealId));
    if (deal.status !== 'won') throw new AppError('conflict', 'values.status: only a won deal becomes an order', [{ path: 'values.status', message: 'the deal is not won' }]);
    if (await repo.liveOrderOfDeal(trx, dealId)) throw new AppError('conflict', 'deal: this deal already has an order', [{ path: 'deal', message: 'already ordered' }]);
    const items = await repo.dealLineItems(trx, dealId);
    const taxes = await repo.productTaxRates(trx, items.map((i) => i.product_id).filter((x): x is string => Boolean(x)));
    const amount = deal.amount as Money | null;
    const lines: DocumentLineInput[] = items.length
      ? items.map((i) => ({ productId: i.product_id, description: i.description, quantity: Number(i.quantity), unitPrice: Number(i.unit_price), discountPercent: Number(i.discount_percent), taxRate: i.product_id ? taxes.get(i.product_id) ?? 0 : 0 }))
      : [{ description: String(deal.name), quantity: 1, unitPrice: amount?.amount ?? 0 }];
    const { def, defs } = await definitionOf(trx, 'orders');
    const id = await pipeline.create(trx, def, defs, p, {
      values: { subject: String(deal.name), deal: dealId, company: deal.company ?? null, contact: deal.contact ?? null, currency: amount?.currency ?? 'VND' },
    });
    await this.putLines(trx, p, id, lines);
    return reads.get(trx, def, defs, p, id);
  },

  /** An order from an **accepted** quote: its lines, customer, deal and currency (409 `values.status` otherwise; one live order per quote). */
  async fromQuote(trx: Executor, p: Principal, quoteId: string): Promise<RecordData> {
    const quote = await visibleQuote(trx, p, quoteId, 'read');
    if (quote.values.status !== 'accepted') throw new AppError('conflict', 'values.status: only an accepted quote becomes an order', [{ path: 'values.status', message: `the quote is ${String(quote.values.status)}` }]);
    if (await repo.liveOrderOfQuote(trx, quoteId)) throw new AppError('conflict', 'quote: this quote already has an order', [{ path: 'quote', message: 'already ordered' }]);
    const lines: DocumentLineInput[] = (await quotesRepository.lines(trx, quoteId)).map((l) => ({
      productId: l.product_id, description: l.description, quantity: Number(l.quantity), unitPrice: Number(l.unit_price),
      discountPercent: Number(l.discount_percent ?? 0), discountAmount: Number(l.discount_amount ?? 0), taxRate: Number(l.tax_rate),
    }));
    const { def, defs } = await definitionOf(trx, 'orders');
    const id = await pipeline.create(trx, def, defs, p, {
      values: { subject: String(quote.values.title ?? quote.values.number ?? ''), deal: quote.values.deal ?? null, company: quote.values.company ?? null, contact: quote.values.contact ?? null, currency: String(quote.values.currency ?? 'VND') },
      derived: { quote: quoteId },
    });
    if (lines.length) await this.putLines(trx, p, id, lines);
    return reads.get(trx, def, defs, p, id);
  },

  async shipments(ex: Executor, p: Principal, id: string): Promise<{ data: Shipment[] }> {
    await order(ex, p, id, 'read');
    const shipments = await repo.shipments(ex, id);
    const lines = await repo.shipmentLines(ex, shipments.map((s) => s.id));
    const desc = new Map((await repo.lines(ex, id)).map((l) => [l.id, l.description]));
    return {
      data: shipments.map((s) => ({
        id: s.id, number: s.number, carrier: s.carrier, tracking: s.tracking, status: s.status as Shipment['status'], shippedAt: s.shipped_at, deliveredAt: s.delivered_at,
        lines: lines.filter((l) => l.shipment_id === s.id).map((l) => ({ lineId: l.order_line_id, description: desc.get(l.order_line_id) ?? '', quantity: Number(l.quantity), serials: JSON.parse(l.serials) as string[] })),
      })),
    };
  },

  /** Ships part or all of what is left: at most the units not shipped yet per line (400 `lines.<i>.quantity`). */
  async ship(trx: Executor, p: Principal, id: string, body: z.output<typeof shipmentBody>): Promise<{ data: Shipment[] }> {
    const { def, defs, values } = await order(trx, p, id, 'update');
    if (!['confirmed', 'picking', 'shipped'].includes(String(values.status))) throw statusConflict(values.status, 'this order cannot ship');
    const lines = new Map((await repo.lines(trx, id)).map((l) => [l.id, l]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.lines.forEach((s, i) => {
      const l = lines.get(s.lineId);
      if (!l) errors.push({ path: `lines.${i}.lineId`, message: 'not a line of this order' });
      else if (seen.has(s.lineId)) errors.push({ path: `lines.${i}.lineId`, message: 'listed twice' });
      else if (s.quantity > Number(l.quantity) - Number(l.shipped)) errors.push({ path: `lines.${i}.quantity`, message: `more than the ${Number(l.quantity) - Number(l.shipped)} left to ship` });
      seen.add(s.lineId);
    });
    if (errors.length) throw fail(errors);
    const now = nowIso();
    const shipmentId = newId();
    for (const [i, s] of body.lines.entries()) {
      const l = lines.get(s.lineId)!;
      if (isStock(l)) await at(`lines.${i}`, () => withdrawStock(trx, p, { productId: l.product_id!, quantity: s.quantity, ref: ref(id), serials: s.serials, fromReservation: true }));
      await repo.addShipped(trx, l.id, s.quantity);
    }
    await repo.insertShipment(trx, {
      id: shipmentId, order_id: id, number: await nextDocumentNumber(trx, 'shipment', today()), carrier: body.carrier, tracking: body.tracking ?? null, status: 'shipped',
      shipped_at: now, delivered_at: null, created_by: p.userId,
    }, body.lines.map((s) => ({ id: newId(), shipment_id: shipmentId, order_line_id: s.lineId, quantity: s.quantity, serials: JSON.stringify(s.serials ?? []) })));
    await asModule(id, () => pipeline.update(trx, def, defs, p, id, { derived: { status: 'shipped', carrier: body.carrier, tracking: body.tracking ?? null, shipped_at: now } }));
    await followDeal(trx, values.deal, 'shipped');
    return this.shipments(trx, p, id);
  },

  /**
   * picking (from confirmed); delivered (shipped shipments delivered, warranties start; the order is delivered once
   * everything is shipped); completed (from delivered); cancelled (before shipping: reservations released); returned
   * (after shipping: shipped units back in stock, the rest released).
   */
  async setStatus(trx: Executor, p: Principal, id: string, body: z.output<typeof orderStatusBody>): Promise<RecordData> {
    const { def, defs, values } = await order(trx, p, id, 'update');
    const from = String(values.status);
    const lines = await repo.lines(trx, id);
    const set = (derived: Record<string, unknown>) => asModule(id, () => pipeline.update(trx, def, defs, p, id, { derived }));
    const unshipped = (l: OrderLineRow) => Number(l.quantity) - Number(l.shipped);
    switch (body.status) {
      case 'picking':
        if (from !== 'confirmed') throw statusConflict(from, 'only a confirmed order is picked');
        await set({ status: 'picking' });
        break;
      case 'cancelled':
        if (from !== 'confirmed' && from !== 'picking') throw statusConflict(from, 'a shipped order is returned, not cancelled');
        for (const l of lines) if (isStock(l)) await releaseStock(trx, p, { productId: l.product_id!, quantity: Number(l.quantity), ref: ref(id) });
        await set({ status: 'cancelled' });
        break;
      case 'delivered': {
        if (from !== 'shipped') throw statusConflict(from, 'only a shipped order is delivered');
        const day = body.date ?? today();
        const shipments = (await repo.shipments(trx, id)).filter((s) => s.status === 'shipped');
        await repo.setShipmentStatus(trx, shipments.map((s) => s.id), 'delivered', day);
        const byLine = new Map(lines.map((l) => [l.id, l]));
        const items = (await repo.shipmentLines(trx, shipments.map((s) => s.id))).map((sl) => ({
          productId: byLine.get(sl.order_line_id)?.product_id ?? null, description: byLine.get(sl.order_line_id)?.description ?? '', quantity: Number(sl.quantity), serials: JSON.parse(sl.serials) as string[],
        }));
        await warrantiesService.createForDelivery(trx, p, { orderId: id, company: (values.company as string | null) ?? null, contact: (values.contact as string | null) ?? null, deliveredOn: day, items });
        if (lines.every((l) => unshipped(l) <= 0)) {
          await set({ status: 'delivered', delivered_at: day });
          await followDeal(trx, values.deal, 'delivered');
        }
        break;
      }
      case 'completed':
        if (from !== 'delivered') throw statusConflict(from, 'only a delivered order is completed');
        await set({ status: 'completed' });
        break;
      case 'returned': {
        if (from !== 'shipped' && from !== 'delivered') throw statusConflict(from, 'only a shipped or delivered order is returned');
        const shipments = (await repo.shipments(trx, id)).filter((s) => s.status !== 'returned');
        const byLine = new Map(lines.map((l) => [l.id, l]));
        for (const sl of await repo.shipmentLines(trx, shipments.map((s) => s.id))) {
          const l = byLine.get(sl.order_line_id);
          const serials = JSON.parse(sl.serials) as string[];
          if (l && isStock(l)) await returnStock(trx, p, { productId: l.product_id!, quantity: Number(sl.quantity), ref: ref(id), ...(serials.length ? { serials } : {}), note: 'order returned' });
        }
        for (const l of lines) if (isStock(l) && unshipped(l) > 0) await releaseStock(trx, p, { productId: l.product_id!, quantity: unshipped(l), ref: ref(id) });
        await repo.setShipmentStatus(trx, shipments.map((s) => s.id), 'returned');
        await warrantiesService.voidForOrder(trx, id);
        await set({ status: 'returned' });
        break;
      }
    }
    return reads.get(trx, def, defs, p, id);
  },

  /**
   * A draft invoice of what is not invoiced yet: of the whole order, or of one shipment's units. Explicit
   * quantities may not exceed what is left (400 `lines.<i>.quantity`); nothing left → 400 `lines`.
   */
  async invoice(trx: Executor, p: Principal, id: string, body: z.output<typeof orderInvoiceBody>): Promise<RecordData> {
    const { values } = await order(trx, p, id, 'update');
    if (values.status === 'cancelled') throw statusConflict(values.status, 'a cancelled order is not invoiced');
    const lines = await repo.lines(trx, id);
    const invoiced = await invoicesService.invoicedQuantities(trx, lines.map((l) => l.id));
    const left = new Map(lines.map((l) => [l.id, Number(l.quantity) - (invoiced.get(l.id) ?? 0)]));
    if (body.shipmentId) {
      const s = await repo.shipment(trx, body.shipmentId);
      if (!s || s.order_id !== id) throw invalid('shipmentId', 'not a shipment of this order');
      const mine = await invoicesService.invoicedQuantities(trx, lines.map((l) => l.id), s.id);
      const shipped = new Map<string, number>();
      for (const sl of await repo.shipmentLines(trx, [s.id])) shipped.set(sl.order_line_id, (shipped.get(sl.order_line_id) ?? 0) + Number(sl.quantity));
      for (const l of lines) left.set(l.id, Math.min(left.get(l.id)!, (shipped.get(l.id) ?? 0) - (mine.get(l.id) ?? 0)));
    }
    const byId = new Map(lines.map((l) => [l.id, l]));
    const wanted = body.lines ?? lines.filter((l) => left.get(l.id)! > 0).map((l) => ({ lineId: l.id, quantity: left.get(l.id)! }));
    const errors: FieldError[] = [];
    wanted.forEach((w, i) => {
      if (!byId.has(w.lineId)) errors.push({ path: `lines.${i}.lineId`, message: 'not a line of this order' });
      else if (w.quantity > (left.get(w.lineId) ?? 0) + 1e-9) errors.push({ path: `lines.${i}.quantity`, message: `more than the ${Math.max(0, left.get(w.lineId) ?? 0)} not invoiced yet` });
    });
    if (errors.length) throw fail(errors);
    if (!wanted.length) throw invalid('lines', 'everything is invoiced already');
    const docLines: DocumentLineInput[] = wanted.map((w) => {
      const l = byId.get(w.lineId)!;
      const share = w.quantity / Number(l.quantity);
      return {
        productId: l.product_id, description: l.description, quantity: w.quantity, unitPrice: Number(l.unit_price), discountPercent: Number(l.discount_percent),
        discountAmount: Math.round(Number(l.discount_amount) * share), taxRate: Number(l.tax_rate),
      };
    });
    const invoiceId = await invoicesService.createDraft(trx, p, {
      subject: `${String(values.number)}${values.subject ? ` — ${String(values.subject)}` : ''}`, company: values.company ?? null, contact: values.contact ?? null, currency: values.currency,
    }, id, docLines, wanted.map((w) => ({ orderLineId: w.lineId, shipmentId: body.shipmentId ?? null })));
    const { def: invDef, defs: invDefs } = await definitionOf(trx, 'invoices');
    return reads.get(trx, invDef, invDefs, p, invoiceId);
  },
};
