import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { ticketFollowUpInput, ticketLinkAnswer, ticketMergeInput, ticketSplitInput } from '../../../../contracts/tickets.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { mergeService } from './tickets.merge.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const update = { access: { module: 'tickets', action: 'update' as const } };
const create = { access: { module: 'tickets', action: 'create' as const } };

/** Merge, split and follow-up of tickets (tickets.merge.ts). */
export function ticketMergeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.post('/tickets/:id/merge', {
    config: update,
    schema: {
      tags, summary: 'Merge this ticket into another', operationId: 'mergeTicket', params: idParams, body: ticketMergeInput,
      description: 'Every message moves to `into`; this ticket is closed with the note "Merged into #n". `into` this ticket, missing, out of sight or closed: 400 naming `into`. A closed source: 409.',
      response: { 200: ticketLinkAnswer, ...errors },
    },
  }, async (req) => mergeService.merge(ctx.database, principalOf(req), req.params.id, req.body.into));
  r.post('/tickets/:id/split', {
    config: update,
    schema: {
      tags, summary: 'Split a ticket from one of its messages on', operationId: 'splitTicket', params: idParams, body: ticketSplitInput,
      description: 'A new ticket (same requester, company, team, agent, priority, category) takes the message `messageId` and every later one. A message of another ticket: 400 naming `messageId`. A closed ticket: 409.',
      response: { 201: ticketLinkAnswer, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await mergeService.split(ctx.database, principalOf(req), req.params.id, req.body.messageId)));
  r.post('/tickets/:id/follow-up', {
    config: create,
    schema: {
      tags, summary: 'Open a follow-up of a closed ticket', operationId: 'followUpTicket', params: idParams, body: ticketFollowUpInput,
      description: 'A closed ticket is read-only: this opens a new ticket linked by `follow_up_of` (same requester, company, team, agent, priority, category). A ticket that is not closed: 409 naming `status`.',
      response: { 201: ticketLinkAnswer, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await mergeService.followUp(ctx.database, principalOf(req), req.params.id, req.body)));
}
