import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/db.js';
import {
  CSRF_HEADER, SESSION_COOKIE, principalFromApiKey, principalFromSession, type CachedApiKey, type CachedSession, type SessionPolicy,
} from '../auth/authenticate.js';
import { PRINCIPAL_CACHE_TTL_MS, PrincipalCache } from '../auth/principal-cache.js';
import { checkAccess } from './access.js';
import { AppError } from './errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller once per /api request (Bearer API key, else session cookie) and enforces the
 * route's declared access. Cookie-authenticated unsafe requests must echo the session's CSRF token
 * in `X-CSRF-Token` (API keys are not sent by browsers automatically, so they need none).
 * Resolved callers are cached for a couple of seconds per node (see auth/principal-cache.ts: identity
 * writes invalidate at once on this node; the TTL bounds staleness on other nodes).
 */
export function registerAuth(
  app: FastifyInstance,
  database: Database,
  policy: SessionPolicy & { principalCacheTtlMs?: number },
): void {
  const ttl = policy.principalCacheTtlMs ?? PRINCIPAL_CACHE_TTL_MS;
  const sessions = new PrincipalCache<CachedSession>(ttl);
  const apiKeys = new PrincipalCache<CachedApiKey>(ttl);
  app.decorateRequest('principal', null);
  app.decorateRequest('mfaPending', false);
  async function authenticate(req: FastifyRequest): Promise<void> {
    const access = req.routeOptions.config.access;
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
    checkAccess(req, undefined as never);
  }
  // A callback hook: a public route called without credentials (health, sign-in) costs no promise.
  app.addHook('preValidation', (req, _reply, done) => {
    const access = req.routeOptions.config.access;
    if (!req.url.startsWith('/api/') && access === undefined) return done();
    if (access === 'public' && !req.headers.authorization && !req.cookies?.[SESSION_COOKIE]) return done();
    authenticate(req).then(() => done(), done);
  });
}
