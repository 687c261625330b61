import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { directorySchema } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from './identity.http.js';
import { listDirectory } from './users.repository.js';

/**
 * The colleague directory: every signed-in user may read active users' names and the team tree, so
 * owner and team pickers work for non-admins. Administration of users stays under /users (admin).
 */
export function directoryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
}
