import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import {
  calendarInput, calendarList, calendarSchema, publicTicketAnswer, publicTicketInput, slaPolicyInput, slaPolicyList, slaPolicySchema,
  ticketAssignmentRuleInput, ticketAssignmentRuleList, ticketAssignmentRuleSchema,
} from '../../../../contracts/tickets.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { presentAssignmentRule, presentCalendar, presentSlaPolicy } from './tickets.presenter.js';
import { ticketsService } from './tickets.service.js';
import { ticketSettingsService as settings } from './tickets.settings.service.js';
import { apiRouter } from '../../platform/http/api-router.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'tickets', action: 'read' as const } };
const manage = { access: { module: 'tickets', action: 'manage' as const } };

/** Public requests per IP and minute (env KITH_TICKET_FORM_PER_MINUTE; default 10). Per node, like the API limiter. */
function formLimiter(perMinute: number) {
  const buckets = new Map<string, { count: number; resetAt: number }>();
  return (ip: string): void => {
    const now = Date.now();
    if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.resetAt <= now) buckets.delete(k);
    let b = buckets.get(ip);
    if (!b || b.resetAt <= now) { b = { count: 0, resetAt: now + 60_000 }; buckets.set(ip, b); }
    b.count++;
    if (b.count > perMinute) {
      const wait = String(Math.ceil((b.resetAt - now) / 1000));
      throw new AppError('rate_limited', `Too many requests from this address; retry in ${wait} s`, undefined, { 'Retry-After': wait });
    }
  };
}

export function ticketsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const limit = formLimiter(Number(process.env.KITH_TICKET_FORM_PER_MINUTE) || 10);

  r.post('/public/tickets', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Submit a support request (no sign-in)', operationId: 'submitTicket',
      description: 'Finds the requester\'s contact by email or creates it, then opens a ticket (channel web_form) written as the system. `email`, `subject` and `description` are required (400 naming the field). `website` is a honeypot: when filled the answer is the same (number null) and nothing is stored. At most 10 per minute per IP address (429 with Retry-After).',
      body: publicTicketInput, response: { 201: publicTicketAnswer, ...errors },
    },
  }, async (req, reply) => {
    limit(req.ip);
    const { number } = await ticketsService.submit(ctx.database, req.body);
    return reply.status(201).send({ ok: true as const, number, message: number ? `Thank you. Your request ${number} has been received.` : 'Thank you. Your request has been received.' });
  });

  const db = ctx.database.db;
  r.get('/ticket-calendars', { config: read, schema: { tags, summary: 'Business-hours calendars', operationId: 'listTicketCalendars', response: { 200: calendarList, ...errors } } },
    async () => ({ data: (await settings.listCalendars(db)).map(presentCalendar) }));
  r.post('/ticket-calendars', {
    config: manage, schema: { tags, summary: 'Add a business-hours calendar (time zone, working hours, holidays)', description: 'A calendar without working hours is a 400 naming `hours`; an unknown time zone names `timeZone`.', operationId: 'createTicketCalendar', body: calendarInput, response: { 201: calendarSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(presentCalendar(await settings.saveCalendar(ctx.database, null, req.body))));
  r.put('/ticket-calendars/:id', {
    config: manage, schema: { tags, summary: 'Replace a calendar', operationId: 'updateTicketCalendar', params: idParams, body: calendarInput, response: { 200: calendarSchema, ...errors } },
  }, async (req) => presentCalendar(await settings.saveCalendar(ctx.database, req.params.id, req.body)));
  r.delete('/ticket-calendars/:id', {
    config: manage, schema: { tags, summary: 'Delete a calendar', operationId: 'deleteTicketCalendar', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await settings.deleteCalendar(ctx.database, req.params.id); return reply.status(204).send(null); });

  r.get('/ticket-sla-policies', { config: read, schema: { tags, summary: 'SLA policies, in the order they are tried', operationId: 'listTicketSlaPolicies', response: { 200: slaPolicyList, ...errors } } },
    async () => ({ data: (await settings.listSlaPolicies(db)).map(presentSlaPolicy) }));
  r.post('/ticket-sla-policies', {
    config: manage, schema: { tags, summary: 'Add an SLA policy (priority/category → targets in business minutes)', operationId: 'createTicketSlaPolicy', body: slaPolicyInput, response: { 201: slaPolicySchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(presentSlaPolicy(await settings.saveSlaPolicy(ctx.database, null, req.body))));
  r.put('/ticket-sla-policies/:id', {
    config: manage, schema: { tags, summary: 'Replace an SLA policy (and move it with `position`)', operationId: 'updateTicketSlaPolicy', params: idParams, body: slaPolicyInput, response: { 200: slaPolicySchema, ...errors } },
  }, async (req) => presentSlaPolicy(await settings.saveSlaPolicy(ctx.database, req.params.id, req.body)));
  r.delete('/ticket-sla-policies/:id', {
    config: manage, schema: { tags, summary: 'Delete an SLA policy', operationId: 'deleteTicketSlaPolicy', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await settings.deleteSlaPolicy(ctx.database, req.params.id); return reply.status(204).send(null); });

  r.get('/ticket-assignment-rules', { config: read, schema: { tags, summary: 'Ticket assignment rules, in the order they are tried', operationId: 'listTicketAssignmentRules', response: { 200: ticketAssignmentRuleList, ...errors } } },
    async () => ({ data: (await settings.listAssignmentRules(db)).map(presentAssignmentRule) }));
  r.post('/ticket-assignment-rules', {
    config: manage, schema: { tags, summary: 'Add an assignment rule (conditions → team, round robin or fewest open)', operationId: 'createTicketAssignmentRule', body: ticketAssignmentRuleInput, response: { 201: ticketAssignmentRuleSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(presentAssignmentRule(await settings.saveAssignmentRule(ctx.database, null, req.body))));
  r.put('/ticket-assignment-rules/:id', {
    config: manage, schema: { tags, summary: 'Replace an assignment rule (and move it with `position`)', operationId: 'updateTicketAssignmentRule', params: idParams, body: ticketAssignmentRuleInput, response: { 200: ticketAssignmentRuleSchema, ...errors } },
  }, async (req) => presentAssignmentRule(await settings.saveAssignmentRule(ctx.database, req.params.id, req.body)));
  r.delete('/ticket-assignment-rules/:id', {
    config: manage, schema: { tags, summary: 'Delete an assignment rule', operationId: 'deleteTicketAssignmentRule', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await settings.deleteAssignmentRule(ctx.database, req.params.id); return reply.status(204).send(null); });
}
