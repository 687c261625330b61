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

/** The browser's known-device cookie: sent only to the sign-in routes (its path), never readable by scripts. */
export const DEVICE_COOKIE = 'kith_device';
const DEVICE_COOKIE_PATH = '/api/v1/auth';
const DEVICE_COOKIE_DAYS = 365;

export function clientOf(req: FastifyRequest): ClientInfo {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null, deviceToken: req.cookies[DEVICE_COOKIE] };
}

/** Marks this browser as a known device of the user who just signed in (see auth.throttle.ts). */
export function setDeviceCookie(reply: FastifyReply, config: Config, token: string): void {
  setCookie(reply, DEVICE_COOKIE, token, {
    httpOnly: true, sameSite: 'lax', path: DEVICE_COOKIE_PATH, secure: config.secureCookies, maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
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
