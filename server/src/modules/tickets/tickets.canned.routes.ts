/** HTTP of the canned responses: list (tickets read), create/replace/delete (tickets update). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { cannedResponseInput, cannedResponseList, cannedResponseQuery, cannedResponseSchema } from '../../../../contracts/ticket-workspace.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { cannedService } from './tickets.canned.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'tickets', action: 'read' as const } };
const write = { access: { module: 'tickets', action: 'update' as const } };
const PATH = '/ticket-canned-responses';

export function ticketCannedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.get(PATH, { config: read, schema: { tags, summary: 'Canned responses (by title), optionally of one language or matching words', operationId: 'listTicketCannedResponses', querystring: cannedResponseQuery, response: { 200: cannedResponseList, ...errors } } },
    async (req) => ({ data: await cannedService.list(ctx.database, req.query) }));
  r.post(PATH, {
    config: write, schema: { tags, summary: 'Add a canned response', description: 'Placeholders: {{requester.name}}, {{ticket.number}}, {{ticket.subject}}, {{agent.name}}; any other is a 400 naming `body`.', operationId: 'createTicketCannedResponse', body: cannedResponseInput, response: { 201: cannedResponseSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await cannedService.create(ctx.database.db, principalOf(req).userId, req.body)));
  r.put(`${PATH}/:id`, {
    config: write, schema: { tags, summary: 'Replace a canned response', operationId: 'updateTicketCannedResponse', params: idParams, body: cannedResponseInput, response: { 200: cannedResponseSchema, ...errors } },
  }, async (req) => cannedService.update(ctx.database.db, req.params.id, req.body));
  r.delete(`${PATH}/:id`, {
    config: write, schema: { tags, summary: 'Delete a canned response', operationId: 'deleteTicketCannedResponse', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await cannedService.remove(ctx.database.db, req.params.id); return reply.status(204).send(null); });
}
