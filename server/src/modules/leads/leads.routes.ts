import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import {
  assignmentRuleInput, assignmentRuleList, assignmentRuleSchema, convertInput, convertPreview, convertResult, publicLeadAnswer, publicLeadInput,
  rescoreResult, scoringRuleInput, scoringRuleList, scoringRuleSchema,
} from '../../../../contracts/leads.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError } from '../../platform/http/errors.js';
import { convertService } from './leads.convert.js';
import { presentAssignmentRule, presentScoringRule } from './leads.presenter.js';
import { leadsService } from './leads.service.js';

const tags = ['leads'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'leads', action: 'read' as const } };
const manage = { access: { module: 'leads', action: 'manage' as const } };

/** Public captures per IP and minute (env KITH_LEAD_CAPTURE_PER_MINUTE; default 10). Per node, like the API limiter. */
function captureLimiter(perMinute: number) {
  const buckets = new Map<string, { count: number; resetAt: number }>();
  return (ip: string): void => {
    const now = Date.now();
    if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.resetAt <= now) buckets.delete(k);
    let b = buckets.get(ip);
    if (!b || b.resetAt <= now) { b = { count: 0, resetAt: now + 60_000 }; buckets.set(ip, b); }
    b.count++;
    if (b.count > perMinute) {
      const wait = String(Math.ceil((b.resetAt - now) / 1000));
      throw new AppError('rate_limited', `Too many leads from this address; retry in ${wait} s`, undefined, { 'Retry-After': wait });
    }
  };
}

export function leadsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const { database } = ctx;
  const db = database.db;
  const limit = captureLimiter(Number(process.env.KITH_LEAD_CAPTURE_PER_MINUTE) || 10);

  r.post('/public/leads', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Capture a lead from a web form (no sign-in)', operationId: 'captureLead',
      description: 'Stores a lead with source web_form, its UTM parameters and referrer (the Referer header when `referrer` is absent), scored and assigned by the rules. At least `email` or `phone` (400 naming `email`). `website` is a honeypot: when filled the answer is the same and nothing is stored. At most 10 per minute per IP address (429 with Retry-After).',
      body: publicLeadInput, response: { 201: publicLeadAnswer, ...errors },
    },
  }, async (req, reply) => {
    limit(req.ip);
    await leadsService.capture(database, req.body, req.headers.referer);
    return reply.status(201).send({ ok: true as const, message: 'Thank you, we will be in touch.' });
  });

  r.get('/lead-scoring-rules', { config: read, schema: { tags, summary: 'Lead scoring rules', operationId: 'listLeadScoringRules', response: { 200: scoringRuleList, ...errors } } },
    async () => ({ data: (await leadsService.listScoringRules(db)).map(presentScoringRule) }));
  r.post('/lead-scoring-rules', {
    config: manage, schema: { tags, summary: 'Add a scoring rule (field condition → points)', operationId: 'createLeadScoringRule', body: scoringRuleInput, response: { 201: scoringRuleSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(presentScoringRule(await leadsService.createScoringRule(database, req.body))));
  r.put('/lead-scoring-rules/:id', {
    config: manage, schema: { tags, summary: 'Replace a scoring rule', operationId: 'updateLeadScoringRule', params: idParams, body: scoringRuleInput, response: { 200: scoringRuleSchema, ...errors } },
  }, async (req) => presentScoringRule(await leadsService.updateScoringRule(database, req.params.id, req.body)));
  r.delete('/lead-scoring-rules/:id', {
    config: manage, schema: { tags, summary: 'Delete a scoring rule', operationId: 'deleteLeadScoringRule', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await leadsService.deleteScoringRule(database, req.params.id); return reply.status(204).send(null); });
  r.post('/lead-scoring-rules/rescore', {
    config: manage, schema: { tags, summary: 'Recompute every lead\'s score with the current rules', operationId: 'rescoreLeads', response: { 200: rescoreResult, ...errors } },
  }, async () => leadsService.rescore(database));

  r.get('/lead-assignment-rules', { config: read, schema: { tags, summary: 'Lead assignment rules, in the order they are tried', operationId: 'listLeadAssignmentRules', response: { 200: assignmentRuleList, ...errors } } },
    async () => ({ data: (await leadsService.listAssignmentRules(db)).map(presentAssignmentRule) }));
  r.post('/lead-assignment-rules', {
    config: manage, schema: { tags, summary: 'Add an assignment rule (conditions → team round robin or user)', operationId: 'createLeadAssignmentRule', body: assignmentRuleInput, response: { 201: assignmentRuleSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(presentAssignmentRule(await leadsService.createAssignmentRule(database, req.body))));
  r.put('/lead-assignment-rules/:id', {
    config: manage, schema: { tags, summary: 'Replace an assignment rule (and move it with `position`)', operationId: 'updateLeadAssignmentRule', params: idParams, body: assignmentRuleInput, response: { 200: assignmentRuleSchema, ...errors } },
  }, async (req) => presentAssignmentRule(await leadsService.updateAssignmentRule(database, req.params.id, req.body)));
  r.delete('/lead-assignment-rules/:id', {
    config: manage, schema: { tags, summary: 'Delete an assignment rule', operationId: 'deleteLeadAssignmentRule', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await leadsService.deleteAssignmentRule(database, req.params.id); return reply.status(204).send(null); });

  r.get('/leads/:id/convert/preview', {
    config: read, schema: { tags, summary: 'Existing contacts and companies a lead duplicates (before converting)', operationId: 'previewLeadConversion', params: idParams, response: { 200: convertPreview, ...errors } },
  }, async (req) => convertService.preview(db, principalOf(req), req.params.id));
  r.post('/leads/:id/convert', {
    config: { access: { module: 'leads', action: 'update' } },
    schema: {
      tags, summary: 'Convert a lead into a contact, a company and a deal', operationId: 'convertLead',
      description: 'Reuses the chosen existing contact/company or creates them, opens a deal (engine pipeline, `lead` set) and marks the lead converted with its links — all in one transaction. A converted lead answers 409 naming `status`.',
      params: idParams, body: convertInput, response: { 200: convertResult, ...errors },
    },
  }, async (req) => convertService.convert(database, principalOf(req), req.params.id, req.body));
}
