import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { loginBody, loginResponse, mfaBody, sessionProbeResponse, sessionResponse } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import type { Principal } from '../../platform/auth/principal.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { completeMfa, login, logout, logoutAll, sessionUserOf, type LoginOutcome } from './auth.service.js';
import { clearSessionCookie, clientOf, errorResponses, setDeviceCookie, setSessionCookie } from './identity.http.js';

const tags = ['auth'];

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const answer = (reply: FastifyReply, outcome: LoginOutcome) => {
    setSessionCookie(reply, ctx.config, outcome.session);
    if (!outcome.mfaRequired) setDeviceCookie(reply, ctx.config, outcome.deviceToken);
    return outcome.mfaRequired
      ? { mfaRequired: true as const }
      : { mfaRequired: false as const, user: outcome.user, csrfToken: outcome.session.csrfToken };
  };

  r.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Sign in with email and password', operationId: 'login',
      description: 'Sets the kith_session cookie (and kith_device, which marks a known device). With two-factor on, answers { mfaRequired: true }: send POST /auth/mfa next, or send `code` with the password. Throttled per account and IP (progressive delays, 429 with Retry-After); after many failures on the account, a password alone from an unknown device is refused (429 naming `code`).',
      body: loginBody, response: { 200: loginResponse, ...errorResponses },
    },
  }, async (req, reply) => {
    return answer(reply, await login(ctx, req.body.email, req.body.password, clientOf(req), req.body.code));
  });

  r.post('/auth/mfa', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Complete sign-in with a two-factor code', operationId: 'completeMfa',
      body: mfaBody, response: { 200: loginResponse, ...errorResponses },
    },
  }, async (req, reply) => {
    return answer(reply, await completeMfa(ctx, req.cookies[SESSION_COOKIE], req.body.code, clientOf(req)));
  });

  r.post('/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Sign out this session', operationId: 'logout', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await logout(ctx, principalOf(req), req.ip);
    clearSessionCookie(reply, ctx.config);
    return reply.status(204).send(null);
  });

  r.post('/auth/logout-all', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Sign out everywhere (every session of this user)', operationId: 'logoutAll', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await logoutAll(ctx, principalOf(req), req.ip);
    clearSessionCookie(reply, ctx.config);
    return reply.status(204).send(null);
  });

  r.get('/auth/session', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The signed-in user and the CSRF token', operationId: 'getSession', response: { 200: sessionResponse, ...errorResponses } },
  }, async (req) => sessionOf(principalOf(req)));

  // The web app asks this before sign-in: signed out is an answer, not an error (no 401 in the browser console).
  r.get('/auth/probe', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'The session if signed in, else null (never 401)', operationId: 'probeSession',
      description: 'Same as GET /auth/session, but a signed-out caller (no cookie, an expired session, a pending two-factor step) gets 200 { session: null }.',
      response: { 200: sessionProbeResponse, ...errorResponses },
    },
  }, async (req) => ({ session: req.principal ? await sessionOf(req.principal) : null }));

  async function sessionOf(p: Principal) {
    const user = await sessionUserOf(ctx.database.db, p.userId, p.roleId);
    // An API key acts with its role intersected with its owner's current role: show what it may really do.
    const effective = p.kind === 'apikey' ? { ...user, isAdmin: p.isAdmin, permissions: p.permissions, maxClassification: p.maxClassification } : user;
    return { user: effective, csrfToken: p.csrfToken ?? '' };
  }
}
