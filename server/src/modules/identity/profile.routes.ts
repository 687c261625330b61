import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  changePasswordBody, sessionUserSchema, totpDisableBody, totpEnableBody, totpSetupResponse, updateMeBody,
} from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { errorResponses } from './identity.http.js';
import { changePassword, disableTotp, enableTotp, setupTotp, updateMe } from './profile.service.js';

const tags = ['profile'];

export function profileRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.patch('/me', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Update my name or language', operationId: 'updateMe', body: updateMeBody, response: { 200: sessionUserSchema, ...errorResponses } },
  }, async (req) => updateMe(ctx, principalOf(req), req.body));

  r.post('/me/password', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'Change my password (signs out my other sessions)', operationId: 'changeMyPassword',
      body: changePasswordBody, response: { 204: z.null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await changePassword(ctx, principalOf(req), req.body);
    return reply.status(204).send(null);
  });

  r.post('/me/totp/setup', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Start two-factor setup: a new secret and QR code', operationId: 'setupTotp', response: { 200: totpSetupResponse, ...errorResponses } },
  }, async (req) => setupTotp(ctx, principalOf(req)));

  r.post('/me/totp/enable', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Turn two-factor on with a code from the new secret', operationId: 'enableTotp', body: totpEnableBody, response: { 200: sessionUserSchema, ...errorResponses } },
  }, async (req) => enableTotp(ctx, principalOf(req), req.body.code));

  r.post('/me/totp/disable', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Turn two-factor off (needs my password)', operationId: 'disableTotp', body: totpDisableBody, response: { 200: sessionUserSchema, ...errorResponses } },
  }, async (req) => disableTotp(ctx, principalOf(req), req.body.password));
}
