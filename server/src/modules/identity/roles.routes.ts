import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/common.js';
import { createRoleBody, permissionModuleList, roleListQuery, rolePage, roleSchema, updateRoleBody } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { actorOf, errorResponses } from './identity.http.js';
import { createRole, deleteRoleById, getRole, listRolePage, updateRoleById } from './roles.service.js';

const tags = ['roles'];

export function roleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.get('/permission-modules', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Modules a role can grant actions on', operationId: 'listPermissionModules', response: { 200: permissionModuleList, ...errorResponses } },
  }, async () => ctx.permissionModules);

  r.get('/roles', {
    config: { access: 'admin' },
    schema: { tags, summary: 'List roles (by name)', operationId: 'listRoles', querystring: roleListQuery, response: { 200: rolePage, ...errorResponses } },
  }, async (req) => listRolePage(ctx, req.query));

  r.post('/roles', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a role', operationId: 'createRole', body: createRoleBody, response: { 201: roleSchema, ...errorResponses } },
  }, async (req, reply) => {
    const role = await createRole(ctx, actorOf(principalOf(req)), req.body);
    setEtag(reply, role.version);
    return reply.status(201).send(role);
  });

  r.get('/roles/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Get a role', operationId: 'getRole', params: idParams, response: { 200: roleSchema, ...errorResponses } },
  }, async (req, reply) => {
    const role = await getRole(ctx, req.params.id);
    setEtag(reply, role.version);
    return role;
  });

  r.patch('/roles/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Update a role and its permissions', operationId: 'updateRole', params: idParams, body: updateRoleBody, response: { 200: roleSchema, ...errorResponses } },
  }, async (req, reply) => {
    const role = await updateRoleById(ctx, actorOf(principalOf(req)), req.params.id, req.body, expectedVersion(req));
    setEtag(reply, role.version);
    return role;
  });

  r.delete('/roles/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a role nobody holds', operationId: 'deleteRole', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteRoleById(ctx, actorOf(principalOf(req)), req.params.id, expectedVersion(req));
    return reply.status(204).send(null);
  });
}
