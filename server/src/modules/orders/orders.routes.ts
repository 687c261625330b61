/** HTTP routes of orders beside the engine's generic `/orders` routes: from a deal, lines, status, shipments, invoicing. */
import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { commerceSummary, orderInvoiceBody, orderLinesBody, orderLinesResult, orderStatusBody, shipmentBody, shipmentList } from '../../../../contracts/orders.js';
import { recordSchema } from '../../../../contracts/records.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { commerceService } from './commerce.service.js';
import { ordersService as orders } from './orders.service.js';

const tags = ['orders'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'orders', action: 'read' as const } };
const update = { access: { module: 'orders', action: 'update' as const } };
const create = { access: { module: 'orders', action: 'create' as const } };
const auth = { access: 'authenticated' as const };

export function ordersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;


  for (const party of ['contacts', 'companies'] as const) {
    r.get(`/${party}/:id/commerce`, {
      config: auth,
      schema: {
        tags, summary: `Purchases of a ${party === 'contacts' ? 'contact' : 'company'}: money received, orders, open quotes, unpaid invoices, active warranties`,
        operationId: party === 'contacts' ? 'contactCommerce' : 'companyCommerce', params: idParams, response: { 200: commerceSummary, ...errors },
        description: 'Each part is null when the role may not read its object; rows are within the caller\'s scope on each object. 404 when the party is not visible.',
      },
    }, async (req) => commerceService.summary(ctx.database, principalOf(req), party, req.params.id));
  }

  r.post('/deals/:id/order', {
    config: create,
    schema: {
      tags, summary: 'Order from a won deal (its line items, customer and currency)', operationId: 'orderFromDeal', params: idParams, response: { 201: recordSchema, ...errors },
      description: 'A deal that is not won is a 409 naming `values.status`; a deal with a live order a 409 naming `deal`. Stock is reserved for its product lines.',
    },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => orders.fromDeal(trx, principalOf(req), req.params.id))));

  r.post('/quotes/:id/order', {
    config: create,
    schema: {
      tags, summary: 'Order from an accepted quote (its lines, customer, deal and currency)', operationId: 'orderFromQuote', params: idParams, response: { 201: recordSchema, ...errors },
      description: 'A quote that is not accepted is a 409 naming `values.status`; a quote with a live order a 409 naming `quote`. Needs quotes read too.',
    },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => orders.fromQuote(trx, principalOf(req), req.params.id))));

  r.get('/orders/:id/lines', {
    config: read, schema: { tags, summary: 'Lines of an order with units shipped and invoiced', operationId: 'getOrderLines', params: idParams, response: { 200: orderLinesResult, ...errors } },
  }, async (req) => orders.getLines(db, principalOf(req), req.params.id));

  r.put('/orders/:id/lines', {
    config: update,
    schema: { tags, summary: 'Replace the lines of an order before shipping (reservations follow)', operationId: 'putOrderLines', params: idParams, body: orderLinesBody, response: { 200: orderLinesResult, ...errors } },
  }, async (req) => db.transaction().execute((trx) => orders.putLines(trx, principalOf(req), req.params.id, req.body.lines)));

  r.post('/orders/:id/status', {
    config: update,
    schema: {
      tags, summary: 'Move an order: picking, delivered, completed, cancelled, returned', operationId: 'setOrderStatus', params: idParams, body: orderStatusBody, response: { 200: recordSchema, ...errors },
      description: 'A move the order\'s status does not allow is a 409 naming `values.status`. Delivered starts the warranties; cancelled releases reservations; returned puts shipped units back in stock.',
    },
  }, async (req) => db.transaction().execute((trx) => orders.setStatus(trx, principalOf(req), req.params.id, req.body)));

  r.get('/orders/:id/shipments', {
    config: read, schema: { tags, summary: 'Shipments of an order', operationId: 'listOrderShipments', params: idParams, response: { 200: shipmentList, ...errors } },
  }, async (req) => orders.shipments(db, principalOf(req), req.params.id));

  r.post('/orders/:id/shipments', {
    config: update,
    schema: { tags, summary: 'Ship part or all of an order (stock withdrawn)', operationId: 'shipOrder', params: idParams, body: shipmentBody, response: { 201: shipmentList, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => orders.ship(trx, principalOf(req), req.params.id, req.body))));

  r.post('/orders/:id/invoice', {
    config: update,
    schema: {
      tags, summary: 'Draft invoice of what is not invoiced yet (the order, or one shipment)', operationId: 'invoiceOrder', params: idParams, body: orderInvoiceBody, response: { 201: recordSchema, ...errors },
      description: 'Needs invoices create too. More than is left to invoice is a 400 naming `lines.<i>.quantity`; nothing left a 400 naming `lines`.',
    },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => orders.invoice(trx, principalOf(req), req.params.id, req.body ?? {}))));
}
