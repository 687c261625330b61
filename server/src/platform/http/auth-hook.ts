import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import type { Database } from '../db/db.js';
import {
  CSRF_HEADER, SESSION_COOKIE, principalFromApiKey, principalFromSession, type CachedApiKey, type CachedSession, type SessionPolicy,
} from '../auth/authenticate.js';
import { PRINCIPAL_CACHE_TTL_MS, PrincipalCache } from '../auth/principal-cache.js';
import { enforceAccess, type Access } from './access.js';
import { AppError } from './errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

type Hook = preValidationHookHandler;
const list = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/**
 * Resolves the caller once per /api request (Bearer API key, else session cookie) and enforces the
 * route's declared access. Cookie-authenticated unsafe requests must echo the session's CSRF token
 * in `X-CSRF-Token` (API keys are not sent by browsers automatically, so they need none).
 * Resolved callers are cached for a couple of seconds per node (see auth/principal-cache.ts: identity
 * writes invalidate at once on this node; the TTL bounds staleness on other nodes).
 *
 * The hook is a route-level preValidation hook chosen per route when the route is registered (onRoute),
 * with the route's access read once there: a request pays for no route-options lookup, and routes that can
 * never see an /api path (static files, /metrics) carry no hook at all. Register this before any plugin
 * that adds routes. Returns the hook for the not-found handler (unknown /api paths still authenticate, so a
 * bad API key is a 401 there too).
 */
export function registerAuth(
  app: FastifyInstance,
  database: Database,
  policy: SessionPolicy & { principalCacheTtlMs?: number },
): Hook {
  const ttl = policy.principalCacheTtlMs ?? PRINCIPAL_CACHE_TTL_MS;
  const sessions = new PrincipalCache<CachedSession>(ttl);
  const apiKeys = new PrincipalCache<CachedApiKey>(ttl);
  app.decorateRequest('principal', null);
  app.decorateRequest('mfaPending', false);
  async function authenticate(req: FastifyRequest, access: Access | undefined): Promise<void> {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const principal = m?.[1] ? await principalFromApiKey(database.db, m[1], apiKeys) : null;
      if (!principal) throw new AppError('unauthenticated', 'Invalid or revoked API key');
      req.principal = principal;
    } else {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) {
        const found = await principalFromSession(database.db, token, policy, sessions);
        if (found?.mfaPending) req.mfaPending = true;
        else if (found) req.principal = found.principal;
      }
      if (req.principal && !SAFE.has(req.method) && access !== 'public') {
        if (req.headers[CSRF_HEADER] !== req.principal.csrfToken) {
          throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header');
        }
      }
    }
    enforceAccess(req, access);
  }
  // Callback hooks: a public route called without credentials (health, sign-in) costs no promise.
  const forUndeclared: Hook = (req, _reply, done) => {
    // Routes outside /api/v1 may omit access (docs, metrics, static files); only /api paths resolve a caller.
    if (!req.url.startsWith('/api/')) return done();
    authenticate(req, undefined).then(() => done(), done);
  };
  const forPublic: Hook = (req, _reply, done) => {
    if (!req.headers.authorization && !req.cookies?.[SESSION_COOKIE]) return done();
    authenticate(req, 'public').then(() => done(), done);
  };
  const hookFor = (access: Access | undefined): Hook => {
    if (access === undefined) return forUndeclared;
    if (access === 'public') return forPublic;
    return (req, _reply, done) => void authenticate(req, access).then(() => done(), done);
  };
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // A static path outside /api with no access declaration never matches an /api URL: nothing to do.
    if (access === undefined && !route.url.startsWith('/api/') && !/[:*]/.test(route.url)) return;
    // First among the route's own hooks, as when this was a global hook.
    route.preValidation = [hookFor(access), ...list(route.preValidation)];
  });
  return forUndeclared;
}
