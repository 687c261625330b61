import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/common.js';
import { apiKeyListQuery, apiKeyPage, createApiKeyBody, createApiKeyResponse } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { actorOf, errorResponses } from './identity.http.js';
import { createApiKey, listApiKeyPage, revokeApiKeyById } from './api-keys.service.js';

const tags = ['api-keys'];

export function apiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.get('/api-keys', {
    config: { access: 'admin' },
    schema: { tags, summary: 'List API keys (newest first)', operationId: 'listApiKeys', querystring: apiKeyListQuery, response: { 200: apiKeyPage, ...errorResponses } },
  }, async (req) => listApiKeyPage(ctx, req.query));

  r.post('/api-keys', {
    config: { access: 'admin' },
    schema: {
      tags, summary: 'Create an API key (the secret is shown once)', operationId: 'createApiKey',
      body: createApiKeyBody, response: { 201: createApiKeyResponse, ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await createApiKey(ctx, actorOf(p), p.userId, req.body));
  });

  r.delete('/api-keys/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Revoke an API key', operationId: 'revokeApiKey', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await revokeApiKeyById(ctx, actorOf(principalOf(req)), req.params.id);
    return reply.status(204).send(null);
  });
}
