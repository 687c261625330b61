import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/db.js';
import { CSRF_HEADER, SESSION_COOKIE, principalFromApiKey, principalFromSession, type SessionPolicy } from '../auth/authenticate.js';
import { checkAccess } from './access.js';
import { AppError } from './errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller once per /api request (Bearer API key, else session cookie) and enforces the
 * route's declared access. Cookie-authenticated unsafe requests must echo the session's CSRF token
 * in `X-CSRF-Token` (API keys are not sent by browsers automatically, so they need none).
 */
export function registerAuth(app: FastifyInstance, database: Database, policy: SessionPolicy): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('mfaPending', false);
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!req.url.startsWith('/api/') && access === undefined) return;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const principal = m?.[1] ? await principalFromApiKey(database.db, m[1]) : null;
      if (!principal) throw new AppError('unauthenticated', 'Invalid or revoked API key');
      req.principal = principal;
    } else {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) {
        const found = await principalFromSession(database.db, token, policy);
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
  });
}
