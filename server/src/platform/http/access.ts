import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { can, type Action, type Principal } from '../auth/principal.js';

/**
 * Every route under /api declares who may call it. Module code adds routes through `apiRouter(app)`
 * (api-router.ts), whose types require `config.access`: a route without one does not compile (an ESLint
 * rule keeps modules off the bare Fastify verbs). As a second guard the app refuses to boot when an
 * /api/v1 route has none (the onRoute hook in app.ts).
 * - `public`: anyone (sign-in, health).
 * - `authenticated`: any signed-in user or API key (own profile, notifications).
 * - `{ module, action }`: the role must grant the action on the module; visibility scope is then
 *   applied by the module's repository and policy.
 * - `admin`: administrators only (users, roles, API keys, audit).
 */
export type Access = 'public' | 'authenticated' | 'admin' | { module: string; action: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Session is signed in with password but still owes a TOTP code. */
    mfaPending: boolean;
  }
}

/** The signed-in principal; throws 401 when there is none (use in handlers behind a non-public access). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated', 'Sign in first');
  return req.principal;
}

/** Throws 403 unless the principal may perform the action (for checks beyond the route's own). */
export function requirePermission(p: Principal, module: string, action: Action): void {
  if (!can(p, module, action)) throw new AppError('forbidden', `Your role does not allow ${action} on ${module}`);
}

/** Throws 401/403 unless the request's principal satisfies the route's access (read once per route by the auth hook). */
export function enforceAccess(req: FastifyRequest, access: Access | undefined): void {
  if (access === undefined || access === 'public') return;
  if (!req.principal) {
    throw new AppError(req.mfaPending ? 'mfa_required' : 'unauthenticated', req.mfaPending ? 'Enter your two-factor code' : 'Sign in first');
  }
  if (access === 'authenticated') return;
  if (access === 'admin') {
    if (!req.principal.isAdmin) throw new AppError('forbidden', 'Administrators only');
    return;
  }
  requirePermission(req.principal, access.module, access.action);
}
