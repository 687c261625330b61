import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Fixed-window limiter per caller (API key, session, else IP), with the IETF `RateLimit-*` headers.
 * Kept in memory per node: with N web nodes the effective limit is N× — acceptable for abuse protection,
 * and it needs no shared store (design: nothing but the database is required).
 */
export function registerRateLimit(app: FastifyInstance, perMinute: number): void {
  const windowMs = 60_000;
  const buckets = new Map<string, { count: number; resetAt: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [k, b] of buckets) if (b.resetAt <= now) buckets.delete(k);
  }, windowMs);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  const limit = String(perMinute);
  const policy = `${perMinute};w=60`;
  // A callback hook (no promise per request) on the hot path of every API call.
  app.addHook('onRequest', (req, reply, done) => {
    if (!req.url.startsWith('/api/') || req.url === '/api/health') return done();
    const auth = req.headers.authorization;
    const key = auth ? `k:${auth.slice(-16)}` : req.cookies?.kith_session ? `s:${req.cookies.kith_session.slice(-16)}` : `ip:${req.ip}`;
    const now = Date.now();
    let b = buckets.get(key);
    if (!b || b.resetAt <= now) {
      b = { count: 0, resetAt: now + windowMs };
      buckets.set(key, b);
    }
    b.count++;
    const reset = Math.ceil((b.resetAt - now) / 1000);
    const remaining = Math.max(0, perMinute - b.count);
    reply.header('RateLimit-Limit', limit);
    reply.header('RateLimit-Remaining', String(remaining));
    reply.header('RateLimit-Reset', String(reset));
    reply.header('RateLimit-Policy', policy);
    if (b.count > perMinute) {
      return done(new AppError('rate_limited', `Too many requests; retry in ${reset} s`, undefined, { 'Retry-After': String(reset) }));
    }
    done();
  });
}
