/** HTTP of agents' availability: list (tickets read), the signed-in agent's own status (tickets read), anyone's (tickets manage). */
import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { agentList, agentSchema, agentStatusInput } from '../../../../contracts/ticket-agents.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { notFound } from '../../platform/http/errors.js';
import { agentsService } from './tickets.agents.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'tickets', action: 'read' as const } };
const manage = { access: { module: 'tickets', action: 'manage' as const } };
const setDescription = 'Leaving `available` (away, offline) queues the reassignment of the agent\'s new and open tickets within their teams (once per change; waiting/on-hold tickets stay). `hours`: always, team (the team\'s calendar, else the default) or calendar (`calendarId`, 400 naming it when unknown).';

export function ticketAgentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.get('/ticket-agents', { config: read, schema: { tags, summary: 'Agents (active users in a team) with status, working hours, availability now and open tickets', operationId: 'listTicketAgents', response: { 200: agentList, ...errors } } },
    async () => ({ data: await agentsService.list(ctx.database.db) }));
  r.get('/ticket-agents/me', { config: read, schema: { tags, summary: 'My availability as an agent', operationId: 'getMyTicketAgentStatus', response: { 200: agentSchema, ...errors } } },
    async (req) => {
      const me = (await agentsService.list(ctx.database.db, [principalOf(req).userId]))[0];
      if (!me) throw notFound('agent');
      return me;
    });
  r.put('/ticket-agents/me', {
    config: read, schema: { tags, summary: 'Set my status (available, away, offline) and working hours', description: setDescription, operationId: 'setMyTicketAgentStatus', body: agentStatusInput, response: { 200: agentSchema, ...errors } },
  }, async (req) => agentsService.set(ctx.database, principalOf(req).userId, req.body));
  r.put('/ticket-agents/:id', {
    config: manage, schema: { tags, summary: 'Set an agent\'s status and working hours', description: setDescription, operationId: 'setTicketAgentStatus', params: idParams, body: agentStatusInput, response: { 200: agentSchema, ...errors } },
  }, async (req) => agentsService.set(ctx.database, req.params.id, req.body));
}
