import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

type HelmetMiddleware = (req: unknown, res: HeaderSink, next: (err?: unknown) => void) => void;
type Helmet = (options: object) => HelmetMiddleware;
interface HeaderSink {
  setHeader(name: string, value: string | number | readonly string[]): void;
  removeHeader(name: string): void;
}

/** The Content-Security-Policy and other helmet settings Kith serves (SPA, websockets, no inline scripts). */
export const securityOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  hsts: false,
};

/**
 * The headers helmet would set for `options`, computed once. They are static (no per-request nonces), and
 * @fastify/helmet rebuilds helmet's middleware — parsing the CSP again — on every request, which was the
 * largest single cost of a GET /api/health. helmet is resolved through @fastify/helmet, the declared
 * dependency, so its version stays the one the lockfile pins.
 */
export function securityHeaders(options: object = securityOptions): Record<string, string> {
  const fromHere = createRequire(import.meta.url);
  const helmet = createRequire(fromHere.resolve('@fastify/helmet'))('helmet') as Helmet;
  const headers: Record<string, string> = {};
  const sink: HeaderSink = {
    setHeader: (name, value) => void (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({}, sink, (err) => {
    if (err) throw err;
  });
  return headers;
}

/** Sets the security headers on every response (as @fastify/helmet did, without its per-request cost). */
export function registerSecurityHeaders(app: FastifyInstance, options: object = securityOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
