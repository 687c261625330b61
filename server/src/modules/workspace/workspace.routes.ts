/** HTTP routes: workspace settings and logo (`/settings/workspace…`), my notification preferences (`/me/…`). */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema } from '../../../../contracts/common.js';
import {
  LOGO_MAX_BYTES, notificationPreferencesInput, notificationPreferencesSchema, workspaceSettingsInput, workspaceSettingsSchema,
} from '../../../../contracts/workspace.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { preferencesService } from './preferences.service.js';
import { presentWorkspace, workspaceLogo, workspaceService } from './workspace.service.js';

const tags = ['settings'];
const errors = { 400: errorSchema, 403: errorSchema };

export async function workspaceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);
  const { database } = ctx;

  // Every signed-in user reads them: the web app formats dates and numbers and shows the name and logo.
  r.get('/settings/workspace', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Workspace settings (company, formats, working week, default language)', operationId: 'getWorkspaceSettings', response: { 200: workspaceSettingsSchema } },
  }, async (_req, reply) => {
    const ws = await presentWorkspace(database.db);
    setEtag(reply, ws.version);
    return ws;
  });

  r.put('/settings/workspace', {
    config: { access: 'admin' },
    schema: {
      tags, summary: 'Replace the workspace settings (audited; If-Match with the ETag refuses a stale write with 412)', operationId: 'putWorkspaceSettings',
      body: workspaceSettingsInput, response: { 200: workspaceSettingsSchema, 412: errorSchema, ...errors },
    },
  }, async (req, reply) => {
    const ws = await workspaceService.update(database, principalOf(req), req.body, expectedVersion(req));
    setEtag(reply, ws.version);
    return ws;
  });

  r.get('/settings/workspace/logo', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The workspace logo (PNG or JPEG)', operationId: 'getWorkspaceLogo', response: { 200: z.unknown().describe('The image bytes'), 404: errorSchema } },
  }, async (_req, reply) => {
    const logo = await workspaceLogo(database.db);
    if (!logo) throw notFound('logo');
    return reply
      .header('Content-Type', logo.mime)
      .header('Content-Length', String(logo.bytes.length))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('ETag', `"${logo.sha256.slice(0, 16)}"`)
      // The URL carries the image's hash (?v=…), so a new logo is a new URL.
      .header('Cache-Control', 'private, max-age=86400')
      .send(logo.bytes);
  });

  r.delete('/settings/workspace/logo', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove the workspace logo (audited)', operationId: 'deleteWorkspaceLogo', response: { 200: workspaceSettingsSchema, ...errors } },
  }, async (req) => workspaceService.deleteLogo(database, principalOf(req)));

  // Multipart only in this scope, limited to one file of at most 1 MiB (one byte more is read to tell "too large").
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { files: 1, fields: 2, fieldSize: 256, parts: 4, headerPairs: 50, fileSize: LOGO_MAX_BYTES + 1 } });
    apiRouter(scoped).put('/settings/workspace/logo', {
      config: { access: 'admin' },
      schema: {
        tags, summary: 'Upload the workspace logo (multipart "file": PNG or JPEG by content, at most 1 MiB; SVG is refused)', operationId: 'putWorkspaceLogo',
        consumes: ['multipart/form-data'], response: { 200: workspaceSettingsSchema, 413: errorSchema, 415: errorSchema, ...errors },
      },
    }, async (req) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the logo as multipart/form-data in a field named "file"', [{ path: 'file', message: 'multipart/form-data expected' }]);
      const file = await req.file();
      if (!file) throw new AppError('validation_failed', 'file: no file in the request', [{ path: 'file', message: 'required' }]);
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of file.file as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size <= LOGO_MAX_BYTES + 1) chunks.push(chunk);
        }
      } catch (err) {
        if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
        size = LOGO_MAX_BYTES + 1;
      }
      if (file.file.truncated) size = Math.max(size, LOGO_MAX_BYTES + 1);
      if (size > LOGO_MAX_BYTES) throw new AppError('payload_too_large', 'The logo is larger than 1 MiB', [{ path: 'file', message: 'larger than 1 MiB' }]);
      return workspaceService.putLogo(database, principalOf(req), Buffer.concat(chunks));
    });
  });

  r.get('/me/notification-preferences', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: 'My notification preferences: per kind of notification, in-app, email and push', operationId: 'getNotificationPreferences', response: { 200: notificationPreferencesSchema } },
  }, async (req) => preferencesService.get(ctx, principalOf(req)));

  r.put('/me/notification-preferences', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['notifications'], summary: 'Change my notification preferences (rows not sent keep their value)', operationId: 'putNotificationPreferences',
      body: notificationPreferencesInput, response: { 200: notificationPreferencesSchema, 400: errorSchema },
    },
  }, async (req) => preferencesService.put(ctx, principalOf(req), req.body));
}
