import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { eraseBody, eraseResponse, purgeBody, purgeResponse } from '../../../../contracts/privacy.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { eraseContact, exportContact, purgeRecycleBin } from './privacy.service.js';

const tags = ['privacy'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

export function privacyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.get('/contacts/:id/export', {
    config: { access: { module: 'contacts', action: 'export' } },
    schema: {
      tags, summary: 'Everything about one contact as a zip (contact.json, CSV files, attachments); audited', operationId: 'exportContactData',
      params: idParams, response: { 200: z.unknown().describe('application/zip'), 410: errorSchema, ...errors },
    },
  }, async (req, reply) => {
    const { filename, stream } = await exportContact(ctx, principalOf(req), req.params.id);
    return reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  });

  r.post('/contacts/:id/erase', {
    config: { access: { module: 'contacts', action: 'manage' } },
    schema: {
      tags, summary: "Erase a contact's personal data (irreversible; the audit trail keeps a pseudonym)", operationId: 'eraseContact',
      params: idParams, body: eraseBody, response: { 200: eraseResponse, 409: errorSchema, ...errors },
    },
  }, async (req) => eraseContact(ctx, principalOf(req), req.params.id));

  r.post('/recycle-bin/purge', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Hard-delete contacts and companies in the recycle bin longer than the configured days', operationId: 'purgeRecycleBin', body: purgeBody, response: { 200: purgeResponse, ...errors } },
  }, async (req) => purgeRecycleBin(ctx, { days: req.body.days }));
}
