/**
 * Identity and access: sign-in (password + optional TOTP), sessions, profile, users, teams, roles,
 * API keys, the first administrator, and the `user` / `apikey` CLI commands.
 */
import type { KithModule } from '../../platform/context.js';
import { listenForPrincipalChanges } from '../../platform/auth/principal-cache.js';
import { IDENTITY_PURGE_JOB, purgeSignInState } from './auth.throttle.js';
import { identityMigrations } from './identity.migrations.js';
import './identity.tables.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { directoryRoutes } from './directory.routes.js';
import { authRoutes } from './auth.routes.js';
import { apikeyCommand, userCommand } from './identity.commands.js';
import { loadDemo } from './identity.demo.js';
import { profileRoutes } from './profile.routes.js';
import { roleRoutes } from './roles.routes.js';
import { teamRoutes } from './teams.routes.js';
import { userRoutes } from './users.routes.js';

export { ensureFirstAdmin, ensureDefaultRoles, type FirstAdminResult } from './identity.setup.js';
export { DEMO_PASSWORD } from './identity.demo.js';

export const module: KithModule = {
  name: 'identity',
  // Users, teams and roles are administered with `admin` access, so identity grants no scoped module.
  permissions: [],
  migrations: identityMigrations,
  routes(app, ctx) {
    // Other nodes' identity writes (PostgreSQL NOTIFY) drop this node's cached callers at once.
    let stopListening: (() => Promise<void>) | null = null;
    app.addHook('onReady', async () => {
      try {
        stopListening = await listenForPrincipalChanges(ctx.database, app.log);
      } catch (err) {
        app.log.warn({ err }, 'not listening for other nodes\' identity changes; the principal cache TTL bounds staleness');
      }
    });
    app.addHook('onClose', async () => {
      await stopListening?.();
    });
    authRoutes(app, ctx);
    profileRoutes(app, ctx);
    userRoutes(app, ctx);
    teamRoutes(app, ctx);
    roleRoutes(app, ctx);
    apiKeyRoutes(app, ctx);
    directoryRoutes(app, ctx);
  },
  async start(ctx) {
    ctx.services.jobs.register(IDENTITY_PURGE_JOB, () => purgeSignInState(ctx.database.db));
    await ctx.services.jobs.schedule(IDENTITY_PURGE_JOB, '40 * * * *', IDENTITY_PURGE_JOB, {});
  },
  commands: { user: userCommand, apikey: apikeyCommand },
  demo: loadDemo,
};
