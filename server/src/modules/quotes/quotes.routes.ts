/**
 * HTTP routes of the quotes module beside the engine's generic `/quotes` routes: lines, creation from a deal, PDF,
 * send, approve, revise, the approval threshold, and the customer's public link (no sign-in).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import {
  publicAnswerBody, publicAnswerResult, publicQuote, publicTokenParams, quoteFromDealBody, quoteIdResult, quoteLinesBody, quoteLinesResult,
  quotePdfQuery, quoteSendBody, quoteSendResult,
} from '../../../../contracts/quotes.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError } from '../../platform/http/errors.js';
import { expectedVersion } from '../../platform/http/etag.js';
import { answer, langOf, publicPdf, publicView, quotePdf, sendQuote } from './quotes.documents.js';
import { approvalThreshold, approve, createFromDeal, getLines, putLines, revise, setApprovalThreshold, visibleQuote } from './quotes.service.js';

const tags = ['quotes'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'quotes', action: 'read' as const } };
const update = { access: { module: 'quotes', action: 'update' as const } };
const create = { access: { module: 'quotes', action: 'create' as const } };
const manage = { access: { module: 'quotes', action: 'manage' as const } };
const pdfReply = { 200: z.any().describe('application/pdf'), ...errors };
const thresholdSchema = z.strictObject({ approvalThreshold: z.number().min(0).max(100) });

/** Public answers per IP and minute (env KITH_QUOTE_LINK_PER_MINUTE; default 20). Per node. */
function linkLimiter(perMinute: number) {
  const buckets = new Map<string, { count: number; resetAt: number }>();
  return (ip: string): void => {
    const now = Date.now();
    if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.resetAt <= now) buckets.delete(k);
    let b = buckets.get(ip);
    if (!b || b.resetAt <= now) { b = { count: 0, resetAt: now + 60_000 }; buckets.set(ip, b); }
    if (++b.count > perMinute) {
      const wait = String(Math.ceil((b.resetAt - now) / 1000));
      throw new AppError('rate_limited', `Too many requests from this address; retry in ${wait} s`, undefined, { 'Retry-After': wait });
    }
  };
}

export function quotesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;
  const limit = linkLimiter(Number(process.env.KITH_QUOTE_LINK_PER_MINUTE) || 20);

  r.get('/quotes/settings', {
    config: read, schema: { tags, summary: 'Quote settings: the discount percent above which a manager approves', operationId: 'getQuoteSettings', response: { 200: thresholdSchema, ...errors } },
  }, async () => ({ approvalThreshold: await approvalThreshold(db) }));
  r.put('/quotes/settings', {
    config: manage, schema: { tags, summary: 'Change the approval threshold (percent)', operationId: 'putQuoteSettings', body: thresholdSchema, response: { 200: thresholdSchema, ...errors } },
  }, async (req) => {
    await db.transaction().execute((trx) => setApprovalThreshold(trx, req.body.approvalThreshold));
    return { approvalThreshold: req.body.approvalThreshold };
  });

  r.post('/quotes/from-deal', {
    config: create,
    schema: { tags, summary: 'Create a draft quote from a deal (its company, contact, currency and line items)', operationId: 'createQuoteFromDeal', body: quoteFromDealBody, response: { 201: quoteIdResult, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => createFromDeal(trx, principalOf(req), req.body))));

  r.get('/quotes/:id/lines', {
    config: read, schema: { tags, summary: 'Lines of a quote with totals and the total in words', operationId: 'getQuoteLines', params: idParams, response: { 200: quoteLinesResult, ...errors } },
  }, async (req) => getLines(db, principalOf(req), req.params.id));

  r.put('/quotes/:id/lines', {
    config: update,
    schema: {
      tags, summary: 'Replace the lines of a draft quote; totals recomputed', operationId: 'putQuoteLines', params: idParams, body: quoteLinesBody, response: { 200: quoteLinesResult, ...errors },
      description: 'One transaction. Rounding per line: gross = round-half-up(qty × price), discount (percent of gross, or amount), net = gross − discount, tax = round-half-up(net × rate), totals = sums of lines. Bad input → 400 naming `items.<i>.<field>`. A line discounted above the approval threshold puts the quote in `pending_approval`. A sent quote is a 409 (revise it).',
    },
  }, async (req) => db.transaction().execute((trx) => putLines(trx, principalOf(req), req.params.id, req.body, expectedVersion(req))));

  r.get('/quotes/:id/pdf', {
    config: read, schema: { tags, summary: 'The quote as a PDF (en/vi: ?lang, else the quote\'s language, else yours)', operationId: 'getQuotePdf', params: idParams, querystring: quotePdfQuery, response: pdfReply },
  }, async (req, reply) => {
    const p = principalOf(req);
    const q = await visibleQuote(db, p, req.params.id, 'read');
    const { pdf, filename } = await quotePdf(db, req.params.id, q.values, langOf(req.query.lang, q.values, p));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
  });

  r.post('/quotes/:id/send', {
    config: update,
    schema: { tags, summary: 'Email the quote with its PDF and a one-time accept/decline link', operationId: 'sendQuote', params: idParams, body: quoteSendBody, response: { 200: quoteSendResult, ...errors } },
  }, async (req) => sendQuote(ctx, principalOf(req), req.params.id, req.body, expectedVersion(req)));

  r.post('/quotes/:id/approve', {
    config: manage, schema: { tags, summary: 'Approve a quote\'s large discount (managers)', operationId: 'approveQuote', params: idParams, response: { 200: quoteIdResult, ...errors } },
  }, async (req) => {
    await db.transaction().execute((trx) => approve(trx, principalOf(req), req.params.id));
    return { id: req.params.id };
  });

  r.post('/quotes/:id/revise', {
    config: update, schema: { tags, summary: 'Revise a sent quote: it stays read-only (revised); a new draft version n+1 is returned', operationId: 'reviseQuote', params: idParams, response: { 201: quoteIdResult, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => revise(trx, principalOf(req), req.params.id))));

  r.get('/public/quotes/:token', {
    config: { access: 'public' }, schema: { tags, summary: 'A sent quote as its customer sees it (no sign-in)', operationId: 'getPublicQuote', params: publicTokenParams, response: { 200: publicQuote, ...errors } },
  }, async (req) => { limit(req.ip); return publicView(db, req.params.token); });

  r.get('/public/quotes/:token/pdf', {
    config: { access: 'public' }, schema: { tags, summary: 'The quote\'s PDF for its customer', operationId: 'getPublicQuotePdf', params: publicTokenParams, querystring: quotePdfQuery, response: pdfReply },
  }, async (req, reply) => {
    limit(req.ip);
    const { pdf, filename } = await publicPdf(db, req.params.token, req.query.lang);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
  });

  for (const [path, decision] of [['accept', 'accepted'], ['decline', 'declined']] as const) {
    r.post(`/public/quotes/:token/${path}`, {
      config: { access: 'public' },
      schema: {
        tags, summary: `${path === 'accept' ? 'Accept' : 'Decline'} the quote (no sign-in; the link works once)`, operationId: `${path}PublicQuote`, params: publicTokenParams, body: publicAnswerBody,
        description: 'Records the name, time and IP address. A used link is a 410; an expired quote a 422 naming `validUntil`.', response: { 200: publicAnswerResult, ...errors },
      },
    }, async (req) => {
      limit(req.ip);
      return db.transaction().execute((trx) => answer(trx, req.params.token, decision, req.body, req.ip));
    });
  }
}
