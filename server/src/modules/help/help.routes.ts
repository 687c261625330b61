import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { guideImageParams, guideList, guideListQuery, guidePage, guidePageParams } from '../../../../contracts/help.js';
import { errorSchema } from '../../../../contracts/common.js';
import { helpService as service } from './help.service.js';
import { apiRouter } from '../../platform/http/api-router.js';

const tags = ['help'];
const errors = { 400: errorSchema, 404: errorSchema };

export async function helpRoutes(app: FastifyInstance): Promise<void> {
  const r = apiRouter(app);

  r.get('/help/guide', {
    config: { access: 'authenticated' },
    schema: { tags, summary: "The user guide's pages in a language, in reading order", operationId: 'listGuidePages', querystring: guideListQuery, response: { 200: guideList, ...errors } },
  }, async (req) => service.list(req.query.lang));

  r.get('/help/guide/:lang/:slug', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One guide page rendered to sanitised HTML', operationId: 'getGuidePage', params: guidePageParams, response: { 200: guidePage, ...errors } },
  }, async (req) => service.page(req.params.lang, req.params.slug));

  r.get('/help/img/:name', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A screenshot of the guide (PNG)', operationId: 'getGuideImage', params: guideImageParams, response: { 200: z.unknown().describe('PNG bytes'), ...errors } },
  }, async (req, reply) => reply
    .header('Content-Type', 'image/png')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, max-age=3600')
    .send(service.image(req.params.name)));
}
