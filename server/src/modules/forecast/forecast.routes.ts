/** HTTP of the forecast and quotas: thin handlers over forecast.service.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { forecastDeals, forecastDealsQuery, forecastQuery, forecastResult, quotaInput, quotaList, quotaListQuery, quotaSchema } from '../../../../contracts/forecast.js';
import { idSchema } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { forecastService } from './forecast.service.js';

const tags = ['forecast'];
const read = { access: { module: 'deals', action: 'read' as const } };

export function forecastRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const { database } = ctx;
  const db = database.db;

  r.get('/forecast', {
    config: read,
    schema: { tags, summary: 'Won, commit, best case, pipeline and weighted amounts of a month or quarter, by owner, team or pipeline, with quotas', operationId: 'getForecast', querystring: forecastQuery, response: { 200: forecastResult } },
  }, async (req) => forecastService.forecast(db, principalOf(req), req.query));

  r.get('/forecast/deals', {
    config: read,
    schema: { tags, summary: 'The deals behind a forecast figure (row key and category), biggest first', operationId: 'getForecastDeals', querystring: forecastDealsQuery, response: { 200: forecastDeals } },
  }, async (req) => forecastService.deals(db, principalOf(req), req.query));

  r.get('/quotas', {
    config: read,
    schema: { tags, summary: 'Quotas of the users within your deals scope (a period: its own rows and its months)', operationId: 'listQuotas', querystring: quotaListQuery, response: { 200: quotaList } },
  }, async (req) => forecastService.quotas(db, principalOf(req), req.query.period));

  r.put('/quotas', {
    config: read,
    schema: { tags, summary: "Set a user's quota for a month or quarter (deals manage; the user within your scope)", operationId: 'setQuota', body: quotaInput, response: { 200: quotaSchema } },
  }, async (req) => forecastService.setQuota(database, principalOf(req), req.body));

  r.delete('/quotas/:id', {
    config: read,
    schema: { tags, summary: 'Remove a quota', operationId: 'deleteQuota', params: z.object({ id: idSchema }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await forecastService.removeQuota(database, principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
