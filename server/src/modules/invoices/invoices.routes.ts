/**
 * HTTP routes of invoices and payments beside the engine's generic `/invoices` and `/payments` routes: lines,
 * issue, void, credit note, payments with allocations, and the accounting journal.
 */
import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { allocationList, allocationsBody, creditNoteBody, invoiceLinesBody, invoiceLinesResult, issueBody, journalQuery, recordPaymentBody, revenueQuery, revenueResult } from '../../../../contracts/invoices.js';
import { recordSchema } from '../../../../contracts/records.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { invalid } from '../../platform/http/errors.js';
import { invoicesService as invoices } from './invoices.service.js';
import { invoicePdf } from './invoices.pdf.js';
import { z } from 'zod';
import { journalCsv, journalRows, journalXlsx } from './invoices.journal.js';
import { paymentsService as payments } from './payments.service.js';
import { revenueService } from './revenue.service.js';

const tags = ['invoices'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'invoices', action: 'read' as const } };
const update = { access: { module: 'invoices', action: 'update' as const } };
const create = { access: { module: 'invoices', action: 'create' as const } };
const exportAccess = { access: { module: 'invoices', action: 'export' as const } };

export function invoicesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.get('/reports/revenue', {
    config: read,
    schema: {
      tags: ['reports'], summary: 'Revenue and units per month, quarter, product, category, owner or company', operationId: 'revenueReport', querystring: revenueQuery,
      response: { 200: revenueResult, ...errors },
      description: 'Net revenue (after discounts, before tax, minor units) from invoices issued in [from, to] that are not draft or void, minus credit notes; units invoiced minus credited; units ordered in the period (orders not cancelled; null without orders read). One row per group and currency, within the caller\'s scope; at most 1,000 rows (the largest net, `capped`), at most 1,830 days.',
    },
  }, async (req) => revenueService.report(db, principalOf(req), req.query));

  r.get('/invoices/journal', {
    config: exportAccess,
    schema: {
      tags, summary: 'Accounting journal of invoices, credit notes and payments (CSV or XLSX)', operationId: 'invoiceJournal', querystring: journalQuery,
      description: 'One row per invoice and credit note issued in [from, to] and per payment received in it. Columns: date, type (invoice, credit_note, payment), number, status, customer, currency, net, tax, total (major units, credit notes negative), due_date, method, reference, applies_to (the invoice a credit note credits, the invoices a payment pays).',
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (req.query.to < req.query.from) throw invalid('to', 'must not be before from');
    const rows = await journalRows(db, req.query.from, req.query.to);
    await db.transaction().execute((trx) => appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'export', entity: 'object:invoices', after: { journal: { from: req.query.from, to: req.query.to }, format: req.query.format } }));
    const file = `journal-${req.query.from}-${req.query.to}.${req.query.format}`;
    reply.header('Content-Disposition', `attachment; filename="${file}"`);
    if (req.query.format === 'xlsx') return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await journalXlsx(rows));
    return reply.type('text/csv; charset=utf-8').send(journalCsv(rows));
  });

  r.get('/invoices/:id/lines', {
    config: read, schema: { tags, summary: 'Lines of an invoice with its totals', operationId: 'getInvoiceLines', params: idParams, response: { 200: invoiceLinesResult, ...errors } },
  }, async (req) => invoices.getLines(db, principalOf(req), req.params.id));

  r.put('/invoices/:id/lines', {
    config: update,
    schema: { tags, summary: 'Replace the lines of a draft invoice; its totals follow', operationId: 'putInvoiceLines', params: idParams, body: invoiceLinesBody, response: { 200: invoiceLinesResult, ...errors } },
  }, async (req) => db.transaction().execute((trx) => invoices.putLines(trx, principalOf(req), req.params.id, req.body.lines)));

  r.post('/invoices/:id/issue', {
    config: update,
    schema: {
      tags, summary: 'Issue a draft: number from the series, issue and due dates', operationId: 'issueInvoice', params: idParams, body: issueBody, response: { 200: recordSchema, ...errors },
      description: 'The number (`INV-<year>-000001`) is taken from the series of the issue date\'s year in this transaction: no gaps, no duplicates under concurrency.',
    },
  }, async (req) => db.transaction().execute((trx) => invoices.issue(trx, principalOf(req), req.params.id, req.body ?? {})));

  r.post('/invoices/:id/void', {
    config: update, schema: { tags, summary: 'Void an issued invoice nothing was paid or credited on', operationId: 'voidInvoice', params: idParams, response: { 200: recordSchema, ...errors } },
  }, async (req) => db.transaction().execute((trx) => invoices.voidInvoice(trx, principalOf(req), req.params.id)));

  r.post('/invoices/:id/credit-note', {
    config: create,
    schema: { tags, summary: 'Issue a credit note against an invoice (all its lines when none are given)', operationId: 'creditInvoice', params: idParams, body: creditNoteBody, response: { 201: recordSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => invoices.creditNote(trx, principalOf(req), req.params.id, req.body ?? {}))));

  r.get('/invoices/:id/pdf', {
    config: read,
    schema: {
      tags, summary: 'The invoice or credit note as PDF (Vietnamese or English)', operationId: 'invoicePdf', params: idParams,
      querystring: z.object({ lang: z.enum(['en', 'vi']).optional().describe('Default: the user\'s language') }), produces: ['application/pdf'],
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { number, pdf } = await invoicePdf(db, p, req.params.id, req.query.lang ?? (p.locale === 'vi' ? 'vi' : 'en'));
    reply.header('Content-Disposition', `attachment; filename="${number}.pdf"`);
    return reply.type('application/pdf').send(pdf);
  });

  r.get('/invoices/:id/allocations', {
    config: read, schema: { tags, summary: 'Payments allocated to an invoice', operationId: 'invoiceAllocations', params: idParams, response: { 200: allocationList, ...errors } },
  }, async (req) => payments.allocations(db, principalOf(req), 'invoice', req.params.id));

  r.post('/payments/record', {
    config: create,
    schema: {
      tags, summary: 'Record a payment and allocate it to invoices', operationId: 'recordPayment', body: recordPaymentBody, response: { 201: recordSchema, ...errors },
      description: 'The allocations\' sum may not exceed the amount (400 `allocations`), nor any allocation its invoice\'s open balance (400 `allocations.<i>.amount`); a void or draft invoice, or one in another currency, is a 400 naming `allocations.<i>.invoiceId`.',
    },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => payments.record(trx, principalOf(req), req.body))));

  r.get('/payments/:id/allocations', {
    config: read, schema: { tags, summary: 'Invoices a payment is allocated to', operationId: 'paymentAllocations', params: idParams, response: { 200: allocationList, ...errors } },
  }, async (req) => payments.allocations(db, principalOf(req), 'payment', req.params.id));

  r.put('/payments/:id/allocations', {
    config: update,
    schema: { tags, summary: 'Replace a payment\'s allocations', operationId: 'putPaymentAllocations', params: idParams, body: allocationsBody, response: { 200: allocationList, ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    await db.transaction().execute((trx) => payments.allocate(trx, p, req.params.id, req.body.allocations));
    return payments.allocations(db, p, 'payment', req.params.id);
  });
}
