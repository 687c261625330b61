/** Warranty claims beside the engine's generic `/warranties` routes. */
import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { warrantyClaimBody, warrantyClaimList, warrantyClaimResult } from '../../../../contracts/orders.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { warrantiesService } from './warranties.service.js';

const tags = ['warranties'];
const errors = { '4xx': errorSchema } as const;

export function warrantiesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;
  r.get('/warranties/:id/claims', {
    config: { access: { module: 'warranties', action: 'read' as const } },
    schema: { tags, summary: 'Claims on a warranty with their tickets', operationId: 'listWarrantyClaims', params: idParams, response: { 200: warrantyClaimList, ...errors } },
  }, async (req) => warrantiesService.claims(db, principalOf(req), req.params.id));
  r.post('/warranties/:id/claims', {
    config: { access: { module: 'tickets', action: 'create' as const } },
    schema: {
      tags, summary: 'Claim on a warranty: opens a service-desk ticket for the item', operationId: 'claimWarranty', params: idParams, body: warrantyClaimBody,
      description: 'Needs warranties read and tickets create. The ticket\'s requester is the warranty\'s contact; its description names the item, serial and period.',
      response: { 201: warrantyClaimResult, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => warrantiesService.claim(trx, principalOf(req), req.params.id, req.body))));
}
