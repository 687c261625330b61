import type { FastifyInstance } from 'fastify';
import { directoryAdminsSchema, directorySchema } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from './identity.http.js';
import { listActiveAdmins, listDirectory } from './users.repository.js';
import { apiRouter } from '../../platform/http/api-router.js';

/**
 * The colleague directory: every signed-in user may read active users' names and the team tree, so
 * owner and team pickers work for non-admins. Administration of users stays under /users (admin).
 */
export function directoryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.get('/directory', {
    config: { access: 'authenticated' },
    schema: { tags: ['users'], summary: 'Active users and teams (names only) for pickers', operationId: 'getDirectory', response: { 200: directorySchema, ...errorResponses } },
  }, async () => {
    const { users, teams } = await listDirectory(ctx.database.db);
    return {
      users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, teamId: u.team_id })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, parentId: t.parent_id })),
    };
  });

  // A user who lacks a permission is told whom to ask (the web app's "You don't have access" page).
  r.get('/directory/admins', {
    config: { access: 'authenticated' },
    schema: { tags: ['users'], summary: 'The workspace administrators, to ask for access', operationId: 'getDirectoryAdmins', response: { 200: directoryAdminsSchema, ...errorResponses } },
  }, async () => {
    const admins = await listActiveAdmins(ctx.database.db);
    return { admins: admins.map((a) => ({ id: a.id, name: a.name, email: a.email })) };
  });
}
