import type { FastifyInstance } from 'fastify';
import { errorSchema } from '../../../../contracts/common.js';
import { auditListQuery, auditPage, auditVerifySchema } from '../../../../contracts/audit.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { listAuditPage, verifyAuditChain } from './audit.service.js';

const tags = ['audit'];
const errorResponses = { '4xx': errorSchema } as const;

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.get('/audit', {
    config: { access: 'admin' },
    schema: {
      tags, summary: 'Audit log, newest first (filter by entity, actor, action, time)', operationId: 'listAudit',
      querystring: auditListQuery, response: { 200: auditPage, ...errorResponses },
    },
  }, async (req) => listAuditPage(db, principalOf(req), req.query));

  r.get('/audit/verify', {
    config: { access: 'admin' },
    schema: {
      tags, summary: 'Recompute the hash chain and report the first tampered entry', operationId: 'verifyAudit',
      response: { 200: auditVerifySchema, ...errorResponses },
    },
  }, async () => verifyAuditChain(db));
}
