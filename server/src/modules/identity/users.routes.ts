import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/common.js';
import { createUserBody, updateUserBody, userListQuery, userPage, userSchema } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { actorOf, errorResponses } from './identity.http.js';
import { createUser, getUser, listUserPage, updateUserById } from './users.service.js';

const tags = ['users'];

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.get('/users', {
    config: { access: 'admin' },
    schema: { tags, summary: 'List users (by name)', operationId: 'listUsers', querystring: userListQuery, response: { 200: userPage, ...errorResponses } },
  }, async (req) => listUserPage(ctx, req.query));

  r.post('/users', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a user', operationId: 'createUser', body: createUserBody, response: { 201: userSchema, ...errorResponses } },
  }, async (req, reply) => {
    const user = await createUser(ctx, actorOf(principalOf(req)), req.body);
    setEtag(reply, user.version);
    return reply.status(201).send(user);
  });

  r.get('/users/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Get a user', operationId: 'getUser', params: idParams, response: { 200: userSchema, ...errorResponses } },
  }, async (req, reply) => {
    const user = await getUser(ctx, req.params.id);
    setEtag(reply, user.version);
    return user;
  });

  r.patch('/users/:id', {
    config: { access: 'admin' },
    schema: {
      tags, summary: 'Update a user (deactivating or resetting the password signs them out)', operationId: 'updateUser',
      params: idParams, body: updateUserBody, response: { 200: userSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const user = await updateUserById(ctx, actorOf(principalOf(req)), req.params.id, req.body, expectedVersion(req));
    setEtag(reply, user.version);
    return user;
  });
}
