import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../testing/harness.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const METRICS_AUTH = { authorization: `Bearer ${METRICS_TOKEN}` };

describeEachDialect('platform http', (env) => {
  it('GET /api/health checks the database and answers ok', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/health carries the security headers and is counted in the metrics', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const metrics = await env().app.inject({ method: 'GET', url: '/metrics', headers: METRICS_AUTH });
    expect(metrics.body).toMatch(/kith_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} [1-9]/);
  });

  it('credentials are checked on unknown API routes too', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { authorization: 'Bearer kith_nope' } });
    expect(res.statusCode).toBe(401);
    const docs = await env().app.inject({ method: 'GET', url: '/api/docs', headers: { authorization: 'Bearer kith_nope' } });
    expect(docs.statusCode).toBe(401);
  });

  it('unknown API routes answer a JSON 404 in the error shape', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('sets security and rate-limit headers', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(Number(res.headers['ratelimit-limit'])).toBeGreaterThan(0);
    expect(res.headers['ratelimit-remaining']).toBeDefined();
  });

  it('serves the OpenAPI 3.1 document and Prometheus metrics', async () => {
    const doc = await env().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.json().openapi).toBe('3.1.0');
    const metrics = await env().app.inject({ method: 'GET', url: '/metrics', headers: METRICS_AUTH });
    expect(metrics.body).toContain('kith_http_request_duration_seconds');
  });
}, { metricsToken: METRICS_TOKEN });

describe('health on SQLite (checked synchronously on the raw handle)', () => {
  it('answers ok while a streaming query holds Kysely\'s connection', async () => {
    const { createTestEnv } = await import('../testing/harness.js');
    const env = await createTestEnv('sqlite');
    const stream = env.database.db.selectFrom('users').select('id').stream()[Symbol.asyncIterator]();
    await stream.next(); // an open statement iterator: Kysely's connection is taken until the stream ends
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    await stream.return?.();
    await env.app.close();
    await env.database.close();
  });

  it('answers 503 when the database does not answer', async () => {
    const { createTestEnv } = await import('../testing/harness.js');
    const env = await createTestEnv('sqlite');
    await env.database.close();
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    await env.app.close();
  });
});

describe('route guard', () => {
  it('buildApp refuses a module route under /api/v1 that declares no access', async () => {
    const { createTestEnv } = await import('../testing/harness.js');
    const { buildApp } = await import('../../app.js');
    const env = await createTestEnv('sqlite');
    const rogue = { name: 'rogue', routes: (app: import('fastify').FastifyInstance) => void app.get('/x', async () => 'x') };
    await expect(buildApp(env.ctx, [rogue])).rejects.toThrow(/no access declaration/);
    await env.app.close();
    await env.database.close();
  });
});
