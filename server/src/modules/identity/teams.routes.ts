import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/common.js';
import { createTeamBody, teamListQuery, teamPage, teamSchema, updateTeamBody } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { actorOf, errorResponses } from './identity.http.js';
import { createTeam, deleteTeamById, getTeam, listTeamPage, updateTeamById } from './teams.service.js';

const tags = ['teams'];

export function teamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.get('/teams', {
    config: { access: 'admin' },
    schema: { tags, summary: 'List teams (by name)', operationId: 'listTeams', querystring: teamListQuery, response: { 200: teamPage, ...errorResponses } },
  }, async (req) => listTeamPage(ctx, req.query));

  r.post('/teams', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a team', operationId: 'createTeam', body: createTeamBody, response: { 201: teamSchema, ...errorResponses } },
  }, async (req, reply) => {
    const team = await createTeam(ctx, actorOf(principalOf(req)), req.body);
    setEtag(reply, team.version);
    return reply.status(201).send(team);
  });

  r.get('/teams/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Get a team', operationId: 'getTeam', params: idParams, response: { 200: teamSchema, ...errorResponses } },
  }, async (req, reply) => {
    const team = await getTeam(ctx, req.params.id);
    setEtag(reply, team.version);
    return team;
  });

  r.patch('/teams/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Rename or move a team', operationId: 'updateTeam', params: idParams, body: updateTeamBody, response: { 200: teamSchema, ...errorResponses } },
  }, async (req, reply) => {
    const team = await updateTeamById(ctx, actorOf(principalOf(req)), req.params.id, req.body, expectedVersion(req));
    setEtag(reply, team.version);
    return team;
  });

  r.delete('/teams/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a team without members', operationId: 'deleteTeam', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteTeamById(ctx, actorOf(principalOf(req)), req.params.id, expectedVersion(req));
    return reply.status(204).send(null);
  });
}
