/**
 * HTTP routes of the products module beside the engine's generic `/products` routes: price lists, a product's price
 * and list entries, warehouses and inventory. Reading needs products `read`; receipts and adjustments products
 * `update`; price lists and warehouses products `manage`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { priceAnswer, priceListDetail, priceListInput, priceListList, priceQuery, productPriceEntries } from '../../../../contracts/products.js';
import {
  adjustmentInput, ledgerPage, ledgerQuery, levelsQuery, movementAnswer, receiptInput, serialList, serialsQuery, stockLevels, warehouseInput,
  warehouseList, warehouseSchema,
} from '../../../../contracts/inventory.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { inventoryService as inventory, visibleProduct } from './inventory.service.js';
import { priceListsService as lists } from './pricelists.service.js';
import { priceFor } from './pricing.js';
import { productImagesRoutes } from './products.images.js';

const tags = ['products'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'products', action: 'read' as const } };
const update = { access: { module: 'products', action: 'update' as const } };
const manage = { access: { module: 'products', action: 'manage' as const } };

export function productsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;
  productImagesRoutes(app, ctx);

  r.get('/price-lists', { config: read, schema: { tags, summary: 'Price lists', operationId: 'listPriceLists', response: { 200: priceListList, ...errors } } },
    async () => ({ data: await lists.list(db) }));
  r.get('/price-lists/:id', { config: read, schema: { tags, summary: 'One price list with its entries', operationId: 'getPriceList', params: idParams, response: { 200: priceListDetail, ...errors } } },
    async (req) => lists.get(db, req.params.id));
  r.post('/price-lists', {
    config: manage,
    schema: {
      tags, summary: 'Create a price list (currency, customer group, validity, entries with quantity breaks)', operationId: 'createPriceList',
      description: 'Unit prices are integer minor units of the list\'s currency. An unknown currency names `currency`; validTo before validFrom names `validTo`; an unknown product names `items.<i>.productId`; the same product and break twice names `items.<i>.minQuantity`.',
      body: priceListInput, response: { 201: priceListDetail, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await lists.save(ctx.database, principalOf(req), null, req.body)));
  r.put('/price-lists/:id', {
    config: manage, schema: { tags, summary: 'Replace a price list (its entries too when `items` is given)', operationId: 'updatePriceList', params: idParams, body: priceListInput, response: { 200: priceListDetail, ...errors } },
  }, async (req) => lists.save(ctx.database, principalOf(req), req.params.id, req.body));
  r.delete('/price-lists/:id', {
    config: manage, schema: { tags, summary: 'Delete a price list and its entries', operationId: 'deletePriceList', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await lists.remove(ctx.database, principalOf(req), req.params.id); return reply.status(204).send(null); });

  r.get('/products/:id/price', {
    config: read,
    schema: {
      tags, summary: 'The unit price of a product for a currency, quantity, customer group and day', operationId: 'getProductPrice',
      description: 'The valid price lists\' best entry (a list for the group wins over a list for everyone; then the largest quantity break ≤ quantity; then the lower price), else the product\'s own price in that currency (400 naming `currency` when it has none).',
      params: idParams, querystring: priceQuery, response: { 200: priceAnswer, ...errors },
    },
  }, async (req) => {
    await visibleProduct(db, principalOf(req), req.params.id);
    return priceFor(db, { productId: req.params.id, currency: req.query.currency.toUpperCase(), quantity: req.query.quantity, group: req.query.group ?? null, priceListId: req.query.priceListId ?? null, on: req.query.on ?? null });
  });
  r.get('/products/:id/price-list-items', {
    config: read, schema: { tags, summary: 'Every price list entry of a product', operationId: 'listProductPriceEntries', params: idParams, response: { 200: productPriceEntries, ...errors } },
  }, async (req) => {
    await visibleProduct(db, principalOf(req), req.params.id);
    return { data: await lists.ofProduct(db, req.params.id) };
  });

  r.get('/warehouses', { config: read, schema: { tags, summary: 'Warehouses (the default first)', operationId: 'listWarehouses', response: { 200: warehouseList, ...errors } } },
    async () => ({ data: await inventory.listWarehouses(db) }));
  r.post('/warehouses', {
    config: manage, schema: { tags, summary: 'Add a warehouse (the first one is the default)', description: 'A code used by another warehouse is a 409 naming `code`.', operationId: 'createWarehouse', body: warehouseInput, response: { 201: warehouseSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await inventory.saveWarehouse(ctx.database, principalOf(req), null, req.body)));
  r.put('/warehouses/:id', {
    config: manage, schema: { tags, summary: 'Replace a warehouse', operationId: 'updateWarehouse', params: idParams, body: warehouseInput, response: { 200: warehouseSchema, ...errors } },
  }, async (req) => inventory.saveWarehouse(ctx.database, principalOf(req), req.params.id, req.body));

  r.post('/inventory/receipts', {
    config: update,
    schema: {
      tags, summary: 'Receive stock into a warehouse', operationId: 'receiveStock',
      description: 'Adds `quantity` units on hand. A serial-tracked product lists exactly `quantity` new serial numbers (400 naming `serials`; one already in stock is a 409 naming `serials.<i>`). A service is refused (400 `productId`).',
      body: receiptInput, response: { 201: movementAnswer, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await inventory.receive(ctx.database, principalOf(req), req.body)));
  r.post('/inventory/adjustments', {
    config: update,
    schema: {
      tags, summary: 'Correct the stock of a product in a warehouse, with a reason', operationId: 'adjustStock',
      description: '`delta` units are added (positive) or removed (negative). Without `reason` → 400 naming `reason`; removing more than is available → 409 naming `quantity` (unless the product allows backorders). Serial-tracked products name the serials.',
      body: adjustmentInput, response: { 201: movementAnswer, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await inventory.adjust(ctx.database, principalOf(req), req.body)));
  r.get('/inventory/levels', {
    config: read, schema: { tags, summary: 'Stock of a product per warehouse, with totals and the low-stock flag', operationId: 'getStockLevels', querystring: levelsQuery, response: { 200: stockLevels, ...errors } },
  }, async (req) => inventory.levels(db, principalOf(req), req.query.productId));
  r.get('/inventory/ledger', {
    config: read, schema: { tags, summary: 'Stock movements, newest first (page back with `before`)', operationId: 'getStockLedger', querystring: ledgerQuery, response: { 200: ledgerPage, ...errors } },
  }, async (req) => inventory.ledger(db, principalOf(req), req.query));
  r.get('/inventory/serials', {
    config: read, schema: { tags, summary: 'Serial numbers of a product (in stock or withdrawn)', operationId: 'listStockSerials', querystring: serialsQuery, response: { 200: serialList, ...errors } },
  }, async (req) => inventory.serials(db, principalOf(req), req.query));
}
