import { parseCookie, stringifySetCookie, type SerializeOptions } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's cookies, parsed on first read (most requests never read them). */
    readonly cookies: Record<string, string | undefined>;
  }
}

const parsed = Symbol('kith.cookies');
type WithParsed = FastifyRequest & { [parsed]?: Record<string, string | undefined> };

/**
 * `req.cookies`, parsed lazily. @fastify/cookie parsed every request's cookies in a global onRequest hook and
 * ran a global onSend hook to write them; only the auth hook and sign-in read the session cookie, and only
 * identity writes it (`setCookie` below), so neither hook earns its cost on every other response.
 */
export function registerCookies(app: FastifyInstance): void {
  app.decorateRequest('cookies', {
    getter(this: WithParsed) {
      return (this[parsed] ??= this.headers.cookie ? parseCookie(this.headers.cookie) : {});
    },
  });
}

/** Adds a Set-Cookie header to the reply (Fastify appends to earlier ones on the same reply). */
export function setCookie(reply: FastifyReply, name: string, value: string, options: SerializeOptions): void {
  reply.header('set-cookie', stringifySetCookie({ ...options, name, value }));
}

/** Expires the cookie in the browser (same name, path and attributes, empty value, a date in the past). */
export function clearCookie(reply: FastifyReply, name: string, options: SerializeOptions): void {
  setCookie(reply, name, '', { ...options, expires: new Date(0), maxAge: undefined });
}
