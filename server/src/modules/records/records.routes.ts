/**
 * HTTP routes of every custom object's records at /objects/{name}. Each route is `authenticated` at the door;
 * the engine then checks the role's grant on the object's own permission module (`object:<name>`) and applies
 * its visibility scope and field masking — per object, which a static route declaration cannot name.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  byRelationParams, byRelationResult, recordSearchQuery, recordSearchResult, recordBulkBody, recordBulkResult, recordCount, recordCountQuery, recordEventPage, recordInput,
  recordListQuery, recordPage, recordParams, recordPatch, recordSchema, recordTypeParams,
} from '../../../../contracts/records.js';
import { pageQuery } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { definitionOf, fresh, pipeline, reads } from '../../platform/records/index.js';

const tags = ['records'];
const auth = { access: 'authenticated' as const };

export function recordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = ctx;
  const db = database.db;

  r.get('/objects/by-relation/:target/:id', {
    config: auth,
    schema: { tags, summary: 'Records of every object whose relation points at a contact, company or record', operationId: 'recordsByRelation', params: byRelationParams, response: { 200: byRelationResult } },
  }, async (req) => reads.byRelation(db, await fresh(db), principalOf(req), req.params.target, req.params.id));

  r.get('/record-search', {
    config: auth,
    schema: { tags, summary: 'Search the records of every custom object the caller may read (title, text fields)', operationId: 'searchRecords', querystring: recordSearchQuery, response: { 200: recordSearchResult } },
  }, async (req) => ({ data: await reads.search(database, await fresh(db), principalOf(req), req.query.q, req.query.limit) }));

  r.get('/objects/:name', {
    config: auth,
    schema: { tags, summary: "List an object's records (filter, sort, q, keyset cursor, include)", operationId: 'listRecords', params: recordTypeParams, querystring: recordListQuery, response: { 200: recordPage } },
  }, async (req) => {
    const { def, defs } = await definitionOf(db, req.params.name);
    return reads.list(database, def, defs, principalOf(req), req.query);
  });

  r.get('/objects/:name/count', {
    config: auth,
    schema: { tags, summary: 'Capped count of a list (exact up to 10,000)', operationId: 'countRecords', params: recordTypeParams, querystring: recordCountQuery, response: { 200: recordCount } },
  }, async (req) => {
    const { def, defs } = await definitionOf(db, req.params.name);
    return reads.count(database, def, defs, principalOf(req), req.query);
  });

  r.post('/objects/:name', {
    config: auth,
    schema: { tags, summary: 'Create a record', operationId: 'createRecord', params: recordTypeParams, body: recordInput, response: { 201: recordSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, req.params.name);
    const id = await db.transaction().execute((trx) => pipeline.create(trx, def, defs, p, req.body));
    const out = await reads.get(db, def, defs, p, id);
    setEtag(reply, out.version);
    return reply.status(201).send(out);
  });

  r.post('/objects/:name/bulk', {
    config: auth,
    schema: { tags, summary: 'Update or delete up to 500 records, all or nothing', operationId: 'bulkRecords', params: recordTypeParams, body: recordBulkBody, response: { 200: recordBulkResult } },
  }, async (req) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, req.params.name);
    const { action, ids, values } = req.body;
    await db.transaction().execute(async (trx) => {
      for (const [i, id] of [...new Set(ids)].entries()) {
        try {
          if (action === 'delete') await pipeline.remove(trx, def, p, id);
          else await pipeline.update(trx, def, defs, p, id, { values: values ?? {} });
        } catch (err) {
          // Name the id that failed (a value error names its field too); the whole request rolls back.
          if (!(err instanceof AppError)) throw err;
          const fields = [{ path: `ids.${i}`, message: err.message }, ...(err.fields ?? [])];
          throw new AppError(err.code, `ids.${i}: ${err.message}`, fields);
        }
      }
    });
    return { count: new Set(ids).size };
  });

  r.get('/objects/:name/:id', {
    config: auth,
    schema: { tags, summary: 'Get a record', operationId: 'getRecord', params: recordParams, querystring: z.object({ include: z.string().max(500).optional() }), response: { 200: recordSchema } },
  }, async (req, reply) => {
    const { def, defs } = await definitionOf(db, req.params.name);
    const out = await reads.get(db, def, defs, principalOf(req), req.params.id, req.query.include);
    setEtag(reply, out.version);
    return out;
  });

  r.patch('/objects/:name/:id', {
    config: auth,
    schema: { tags, summary: 'Update a record (If-Match: its ETag, else 412 on a stale version)', operationId: 'updateRecord', params: recordParams, body: recordPatch, response: { 200: recordSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, req.params.name);
    const { version, ...input } = req.body;
    await db.transaction().execute((trx) => pipeline.update(trx, def, defs, p, req.params.id, input, expectedVersion(req, version)));
    const out = await reads.get(db, def, defs, p, req.params.id);
    setEtag(reply, out.version);
    return out;
  });

  r.delete('/objects/:name/:id', {
    config: auth,
    schema: { tags, summary: 'Move a record to the recycle bin', operationId: 'deleteRecord', params: recordParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    const { def } = await definitionOf(db, req.params.name);
    await db.transaction().execute((trx) => pipeline.remove(trx, def, principalOf(req), req.params.id, expectedVersion(req)));
    return reply.status(204).send(null);
  });

  r.post('/objects/:name/:id/restore', {
    config: auth,
    schema: { tags, summary: 'Restore a record from the recycle bin', operationId: 'restoreRecord', params: recordParams, response: { 200: recordSchema } },
  }, async (req) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, req.params.name);
    await db.transaction().execute((trx) => pipeline.restore(trx, def, p, req.params.id));
    return reads.get(db, def, defs, p, req.params.id);
  });

  r.get('/objects/:name/:id/timeline', {
    config: auth,
    schema: { tags, summary: "A record's events: created, updated (old → new per field), deleted, restored", operationId: 'recordTimeline', params: recordParams, querystring: pageQuery, response: { 200: recordEventPage } },
  }, async (req) => {
    const { def } = await definitionOf(db, req.params.name);
    return reads.timeline(db, def, principalOf(req), req.params.id, req.query.cursor, req.query.limit);
  });
}
