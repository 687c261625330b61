/**
 * Identity and access: sign-in (password + optional TOTP), sessions, profile, users, teams, roles,
 * API keys, the first administrator, and the `user` / `apikey` CLI commands.
 */
import type { KithModule } from '../../platform/context.js';
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
  routes(app, ctx) {
    authRoutes(app, ctx);
    profileRoutes(app, ctx);
    userRoutes(app, ctx);
    teamRoutes(app, ctx);
    roleRoutes(app, ctx);
    apiKeyRoutes(app, ctx);
    directoryRoutes(app, ctx);
  },
  commands: { user: userCommand, apikey: apikeyCommand },
  demo: loadDemo,
};
