/**
 * HTTP routes of every custom object's records at /objects/{name}. Each route is `authenticated` at the door;
 * the engine then checks the role's grant on the object's own permission module (`object:<name>`) and applies
 * its visibility scope and field masking — per object, which a static route declaration cannot name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  byRelationParams, byRelationResult, parseRecordRefs, recordRefsQuery, recordRefsResult, recordSearchQuery, recordSearchResult, recordBulkBody, recordBulkResult, recordCount, recordCountQuery, recordEventPage, recordInput,
  recordListQuery, recordPage, recordParams, recordPatch, recordSchema, recordTypeParams,
} from '../../../../contracts/records.js';
import { pageQuery } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError } from '../../platform/http/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { definitionOf, fresh, pipeline, reads, standardObjects, type ObjectIntake } from '../../platform/records/index.js';

const tags = ['records'];
const auth = { access: 'authenticated' as const };

export function recordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
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

  r.get('/record-search/refs', {
    config: auth,
    schema: {
      tags, summary: 'Titles of the listed records the caller may see (live ones); the others are left out, never a 404',
      operationId: 'recordRefs', querystring: recordRefsQuery, response: { 200: recordRefsResult },
    },
  }, async (req) => ({ data: await reads.titles(db, await fresh(db), principalOf(req), parseRecordRefs(req.query.refs)) }));

  objectRoutes(app, ctx, {
    base: '/objects/:name', typeParams: recordTypeParams, idParams: recordParams, tags, hide: false,
    name: (params) => (params as { name: string }).name,
    op: (verb) => (verb === 'timeline' ? 'recordTimeline' : `${verb}${verb === 'list' || verb === 'count' || verb === 'bulk' ? 'Records' : 'Record'}`),
  });
  // Standard objects also answer at their own path (`/deals`, `/leads`, ...), typed in the OpenAPI document
  // by records.openapi.ts, so these generic declarations stay out of it.
  for (const def of standardObjects()) {
    if (!def.apiPath) continue;
    const name = def.name;
    objectRoutes(app, ctx, {
      base: `/${def.apiPath}`, typeParams: z.object({}), idParams: z.object({ id: recordParams.shape.id }), tags: [name], hide: true,
      name: () => name, op: (verb) => `${verb}Std${name}`, intake: def.intake,
    });
  }
}

const idOf = (params: unknown) => (params as { id: string }).id;

interface Mount {
  base: string;
  typeParams: z.ZodObject<z.ZodRawShape>;
  idParams: z.ZodObject<z.ZodRawShape>;
  tags: string[];
  hide: boolean;
  name: (params: unknown) => string;
  op: (verb: string) => string;
  /** A standard object's second create body (`ObjectIntake`), checked on its own create route only. */
  intake?: ObjectIntake;
}

/** List, count, create, bulk, get, update, delete, restore and timeline of one object (or of `:name`) at `m.base`. */

function objectRoutes(app: FastifyInstance, ctx: AppContext, m: Mount): void {
  const r = apiRouter(app);
  const { database } = ctx;
  const db = database.db;
  const { base } = m;
  r.get(base, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: "List an object's records (filter, sort, q, keyset cursor, include)", operationId: m.op('list'), params: m.typeParams, querystring: recordListQuery, response: { 200: recordPage } },
  }, async (req) => {
    const { def, defs } = await definitionOf(db, m.name(req.params));
    return reads.list(database, def, defs, principalOf(req), req.query);
  });

  r.get(`${base}/count`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Capped count of a list (exact up to 10,000)', operationId: m.op('count'), params: m.typeParams, querystring: recordCountQuery, response: { 200: recordCount } },
  }, async (req) => {
    const { def, defs } = await definitionOf(db, m.name(req.params));
    return reads.count(database, def, defs, principalOf(req), req.query);
  });

  const { intake } = m;
  r.post(base, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Create a record', operationId: m.op('create'), params: m.typeParams, body: recordInput, response: { 201: recordSchema } },
    // After the platform's authentication (prepended to every route's preValidation), before the body's schema.
    ...(intake && {
      preValidation: async (req: FastifyRequest, reply: FastifyReply) => {
        if (!intake.accepts(req.body)) return;
        const out = await intake.take(ctx, principalOf(req), req.body);
        return reply.status(out.status).send(out.body);
      },
    }),
  }, async (req, reply) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, m.name(req.params));
    const id = await db.transaction().execute((trx) => pipeline.create(trx, def, defs, p, req.body));
    const out = await reads.get(db, def, defs, p, id);
    setEtag(reply, out.version);
    return reply.status(201).send(out);
  });

  r.post(`${base}/bulk`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Update or delete up to 500 records, all or nothing', operationId: m.op('bulk'), params: m.typeParams, body: recordBulkBody, response: { 200: recordBulkResult } },
  }, async (req) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, m.name(req.params));
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

  r.get(`${base}/:id`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Get a record', operationId: m.op('get'), params: m.idParams, querystring: z.object({ include: z.string().max(500).optional() }), response: { 200: recordSchema } },
  }, async (req, reply) => {
    const { def, defs } = await definitionOf(db, m.name(req.params));
    const out = await reads.get(db, def, defs, principalOf(req), idOf(req.params), req.query.include);
    setEtag(reply, out.version);
    return out;
  });

  r.patch(`${base}/:id`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Update a record (If-Match: its ETag, else 412 on a stale version)', operationId: m.op('update'), params: m.idParams, body: recordPatch, response: { 200: recordSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, m.name(req.params));
    const { version, ...input } = req.body;
    await db.transaction().execute((trx) => pipeline.update(trx, def, defs, p, idOf(req.params), input, expectedVersion(req, version)));
    const out = await reads.get(db, def, defs, p, idOf(req.params));
    setEtag(reply, out.version);
    return out;
  });

  r.delete(`${base}/:id`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Move a record to the recycle bin', operationId: m.op('delete'), params: m.idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    const { def } = await definitionOf(db, m.name(req.params));
    await db.transaction().execute((trx) => pipeline.remove(trx, def, principalOf(req), idOf(req.params), expectedVersion(req)));
    return reply.status(204).send(null);
  });

  r.post(`${base}/:id/restore`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: 'Restore a record from the recycle bin', operationId: m.op('restore'), params: m.idParams, response: { 200: recordSchema } },
  }, async (req) => {
    const p = principalOf(req);
    const { def, defs } = await definitionOf(db, m.name(req.params));
    await db.transaction().execute((trx) => pipeline.restore(trx, def, p, idOf(req.params)));
    return reads.get(db, def, defs, p, idOf(req.params));
  });

  r.get(`${base}/:id/timeline`, {
    config: auth,
    schema: { tags: m.tags, hide: m.hide, summary: "A record's events: created, updated (old → new per field), deleted, restored", operationId: m.op('timeline'), params: m.idParams, querystring: pageQuery, response: { 200: recordEventPage } },
  }, async (req) => {
    const { def } = await definitionOf(db, m.name(req.params));
    return reads.timeline(db, def, principalOf(req), idOf(req.params), req.query.cursor, req.query.limit);
  });
}
