import type { FastifyInstance } from 'fastify';
import { errorSchema } from '../../../../contracts/common.js';
import { agentStatsList, agentStatsQuery, surveyAnswerInput, surveyParams, surveySchema } from '../../../../contracts/tickets.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { surveyService } from './tickets.survey.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;

/** The satisfaction survey's public page API and the agents' statistics. */
export function ticketSurveyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.get('/public/surveys/:token', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'A satisfaction survey (no sign-in)', operationId: 'getTicketSurvey', params: surveyParams,
      description: 'The ticket the requester is asked about and the answer so far. Unknown token: 404; expired (30 days after it was sent): 410.',
      response: { 200: surveySchema, ...errors },
    },
  }, async (req) => surveyService.get(ctx.database, req.params.token));
  r.post('/public/surveys/:token', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Answer a satisfaction survey (no sign-in)', operationId: 'answerTicketSurvey', params: surveyParams, body: surveyAnswerInput,
      description: '`score` 1–5 (400 naming `score`), optional `comment`. A second answer replaces the first. The score lands on the ticket (`satisfaction`). Unknown token: 404; expired: 410.',
      response: { 200: surveySchema, ...errors },
    },
  }, async (req) => surveyService.answer(ctx.database, req.params.token, req.body));
  r.get('/tickets/stats/agents', {
    config: { access: { module: 'tickets', action: 'read' } },
    schema: {
      tags, summary: 'Per agent: tickets solved, median first response, average satisfaction', operationId: 'ticketAgentStats', querystring: agentStatsQuery,
      description: 'Over the tickets the caller may see, created in [from, to) when given. The median first response is in wall-clock minutes.',
      response: { 200: agentStatsList, ...errors },
    },
  }, async (req) => ({ data: await surveyService.agentStats(ctx.database.db, principalOf(req), req.query.from, req.query.to) }));
}
