/**
 * Record types (objects) and their fields. Everyone signed in lists the objects they may read; creating an
 * object is for administrators; changing one needs `manage` on its permission module (or admin).
 */
import type { FastifyInstance } from 'fastify';
import {
  fieldInput, fieldParams, fieldPatch, recordTypeInput, recordTypeList, recordTypeParams, recordTypePatch, recordTypeSchema,
} from '../../../../contracts/records.js';
import { can, scopeOf, type Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { definitionOf, fresh, metadata, presentType, type ObjectDefinition } from '../../platform/records/index.js';

const tags = ['records'];

function assertManage(p: Principal, def: ObjectDefinition): void {
  if (!p.isAdmin && !can(p, def.permissionModule, 'manage')) throw forbidden(`Your role does not allow manage on ${def.permissionModule}`);
}

export function typeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const { database } = ctx;
  const db = database.db;
  const present = async (name: string, p: Principal) => {
    const { def } = await definitionOf(db, name);
    return presentType(def, p);
  };

  r.get('/record-types', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Objects the caller may read, with fields and the caller\'s rights', operationId: 'listRecordTypes', response: { 200: recordTypeList } },
  }, async (req) => {
    const p = principalOf(req);
    const defs = await fresh(db);
    return { data: [...defs.values()].filter((d) => scopeOf(p, d.permissionModule) !== null || can(p, d.permissionModule, 'manage')).map((d) => presentType(d, p)) };
  });

  r.get('/record-types/:name', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One object\'s definition', operationId: 'getRecordType', params: recordTypeParams, response: { 200: recordTypeSchema } },
  }, async (req) => {
    const p = principalOf(req);
    const { def } = await definitionOf(db, req.params.name);
    if (scopeOf(p, def.permissionModule) === null && !can(p, def.permissionModule, 'manage')) throw notFound('record type');
    return presentType(def, p);
  });

  r.post('/record-types', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a custom object (admin)', operationId: 'createRecordType', body: recordTypeInput, response: { 201: recordTypeSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const name = await metadata.createObject(database, p, req.body);
    return reply.status(201).send(await present(name, p));
  });

  r.patch('/record-types/:name', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Relabel an object, change its icon or title field', operationId: 'updateRecordType', params: recordTypeParams, body: recordTypePatch, response: { 200: recordTypeSchema } },
  }, async (req) => {
    const p = principalOf(req);
    assertManage(p, (await definitionOf(db, req.params.name)).def);
    await metadata.patchObject(database, p, req.params.name, req.body);
    return present(req.params.name, p);
  });

  r.post('/record-types/:name/fields', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Add a field (its column and index are created in the same transaction)', operationId: 'addRecordField', params: recordTypeParams, body: fieldInput, response: { 201: recordTypeSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    assertManage(p, (await definitionOf(db, req.params.name)).def);
    await metadata.addField(database, p, req.params.name, req.body);
    return reply.status(201).send(await present(req.params.name, p));
  });

  r.patch('/record-types/:name/fields/:key', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Relabel a field, change its rules or options, archive it (data is kept)', operationId: 'updateRecordField', params: fieldParams, body: fieldPatch, response: { 200: recordTypeSchema } },
  }, async (req) => {
    const p = principalOf(req);
    assertManage(p, (await definitionOf(db, req.params.name)).def);
    await metadata.patchField(database, p, req.params.name, req.params.key, req.body);
    return present(req.params.name, p);
  });
}
