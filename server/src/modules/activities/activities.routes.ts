import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  activityInput, activityListQuery, activityPage, activityPatch, activitySchema, attachmentList, attachmentParams,
  attachmentSchema, completeBody, recordTimelineQuery, timelinePage, timelineQuery,
} from '../../../../contracts/activities.js';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError } from '../../platform/http/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { contentDisposition } from './activities.logic.js';
import { activitiesService as service } from './activities.service.js';
import { assertCanAttach, attachmentMaxBytes, deleteAttachment, listAttachments, openAttachment, saveUpload } from './activities.attachments.js';

const tags = ['activities'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

export async function activitiesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.get('/activities', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List visible activities (filter by record, type, owner; open tasks by due date)', operationId: 'listActivities', querystring: activityListQuery, response: { 200: activityPage, ...errors } },
  }, async (req) => service.list(db, principalOf(req), req.query));

  r.get('/activities/timeline', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: "An engine record's timeline (deal, ticket, custom object…): its activities and field events merged, newest first (needs read on the record)",
      operationId: 'recordActivityTimeline', querystring: recordTimelineQuery, response: { 200: timelinePage, ...errors },
    },
  }, async (req) => service.timeline(db, principalOf(req), 'record', req.query.recordId ?? '', req.query));

  r.post('/activities', {
    config: { access: { module: 'activities', action: 'create' } },
    schema: { tags, summary: 'Log a note, call, meeting, email or task on a contact, a company or any record (recordType + recordId)', operationId: 'createActivity', body: activityInput, response: { 201: activitySchema, ...errors } },
  }, async (req, reply) => {
    const a = await service.create(ctx, principalOf(req), req.body);
    setEtag(reply, a.version);
    return reply.status(201).send(a);
  });

  r.get('/activities/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One activity', operationId: 'getActivity', params: idParams, response: { 200: activitySchema, ...errors } },
  }, async (req, reply) => {
    const a = await service.get(db, principalOf(req), req.params.id);
    setEtag(reply, a.version);
    return a;
  });

  r.patch('/activities/:id', {
    config: { access: { module: 'activities', action: 'update' } },
    schema: { tags, summary: 'Change an activity (If-Match for optimistic locking)', operationId: 'updateActivity', params: idParams, body: activityPatch, response: { 200: activitySchema, 412: errorSchema, ...errors } },
  }, async (req, reply) => {
    const a = await service.update(ctx, principalOf(req), req.params.id, req.body, expectedVersion(req));
    setEtag(reply, a.version);
    return a;
  });

  r.delete('/activities/:id', {
    config: { access: { module: 'activities', action: 'delete' } },
    schema: { tags, summary: 'Delete an activity', operationId: 'deleteActivity', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await service.remove(ctx, principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.post('/activities/:id/complete', {
    config: { access: { module: 'activities', action: 'update' } },
    schema: { tags, summary: 'Complete a task (or reopen it with completed=false)', operationId: 'completeActivity', params: idParams, body: completeBody.optional(), response: { 200: activitySchema, 422: errorSchema, ...errors } },
  }, async (req) => service.complete(ctx, principalOf(req), req.params.id, req.body?.completed ?? true));

  for (const entity of ['contact', 'company'] as const) {
    const plural = entity === 'contact' ? 'contacts' : 'companies';
    r.get(`/${plural}/:id/timeline`, {
      config: { access: { module: plural, action: 'read' } },
      schema: {
        tags, summary: `Timeline of a ${entity}: activities, field changes and other modules' items, newest first`,
        operationId: `${entity}Timeline`, params: idParams, querystring: timelineQuery, response: { 200: timelinePage, ...errors },
      },
    }, async (req) => service.timeline(db, principalOf(req), entity, req.params.id, req.query));
  }

  // Multipart is registered only in this scope, with limits; the size limit is a setting read per request.
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 } });
    const s = apiRouter(scoped);

    s.post('/activities/:id/attachments', {
      config: { access: { module: 'activities', action: 'create' } },
      schema: {
        tags, summary: 'Attach a file (multipart/form-data, field "file"); type checked by content, size limited', operationId: 'uploadAttachment',
        consumes: ['multipart/form-data'], params: idParams,
        response: { 201: attachmentSchema, 413: errorSchema, 415: errorSchema, ...errors },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"', [{ path: 'file', message: 'multipart/form-data expected' }]);
      await assertCanAttach(db, p, req.params.id);
      const maxBytes = await attachmentMaxBytes(db);
      const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
      if (!file) throw new AppError('validation_failed', 'file: no file in the request', [{ path: 'file', message: 'required' }]);
      const att = await saveUpload(ctx, p, req.params.id, file, maxBytes);
      return reply.status(201).send(att);
    });
  });

  r.get('/activities/:id/attachments', {
    config: { access: 'authenticated' },
    schema: { tags, summary: "An activity's attachments", operationId: 'listAttachments', params: idParams, response: { 200: attachmentList, ...errors } },
  }, async (req) => ({ data: await listAttachments(db, principalOf(req), req.params.id) }));

  r.get('/activities/:id/attachments/:attId', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'Download an attachment (always as a download, never rendered inline)', operationId: 'downloadAttachment',
      params: attachmentParams, response: { 200: z.unknown().describe('The file bytes'), 410: errorSchema, ...errors },
    },
  }, async (req, reply) => {
    const { row, stream } = await openAttachment(ctx, principalOf(req), req.params.id, req.params.attId);
    return reply
      .header('Content-Type', row.mime)
      .header('Content-Length', String(row.size))
      .header('Content-Disposition', contentDisposition(row.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  });

  r.delete('/activities/:id/attachments/:attId', {
    config: { access: { module: 'activities', action: 'update' } },
    schema: { tags, summary: 'Remove an attachment (the file is deleted)', operationId: 'deleteAttachment', params: attachmentParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteAttachment(ctx, principalOf(req), req.params.id, req.params.attId);
    return reply.status(204).send(null);
  });
}
