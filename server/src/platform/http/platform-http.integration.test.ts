import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../testing/harness.js';

describeEachDialect('platform http', (env) => {
  it('GET /api/health checks the database and answers ok', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
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
    const metrics = await env().app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('kith_http_request_duration_seconds');
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
