/** HTTP helpers shared by identity's route files: the acting principal, client details, the session cookie. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorSchema } from '../../../../contracts/common.js';
import type { Actor } from '../../platform/audit/audit.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Config } from '../../platform/config/config.js';
import { clearCookie, setCookie } from '../../platform/http/cookies.js';
import type { ClientInfo, IssuedSession } from './auth.service.js';

/** Documented error responses (every route answers errors in this one shape). */
export const errorResponses = { '4xx': errorSchema } as const;

export function actorOf(p: Principal): Actor {
  return { id: p.userId, label: p.kind === 'apikey' ? `${p.email} (API key)` : p.email };
}

export function clientOf(req: FastifyRequest): ClientInfo {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null };
}

/** httpOnly + SameSite=Lax: scripts cannot read it and cross-site POSTs do not carry it; Secure over HTTPS. */
export function setSessionCookie(reply: FastifyReply, config: Config, session: IssuedSession): void {
  setCookie(reply, SESSION_COOKIE, session.token, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies, expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  clearCookie(reply, SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies });
}
