import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders, securityHeaders, securityOptions } from './security-headers.js';

describe('security headers', () => {
  it('are exactly the headers @fastify/helmet sets with the same options', async () => {
    const viaPlugin = Fastify();
    await viaPlugin.register(helmet, securityOptions);
    viaPlugin.get('/x', async () => ({ ok: true }));
    const ours = Fastify();
    registerSecurityHeaders(ours);
    ours.get('/x', async () => ({ ok: true }));
    const [a, b] = await Promise.all([viaPlugin.inject('/x'), ours.inject('/x')]);
    const pick = (h: Record<string, unknown>) => Object.fromEntries(Object.keys(securityHeaders()).map((k) => [k, h[k]]));
    expect(pick(b.headers)).toEqual(pick(a.headers));
    expect(Object.keys(securityHeaders()).length).toBeGreaterThan(8);
  });

  it('carry Kith\'s policy: own-origin scripts, websockets allowed, no HSTS (set by the TLS proxy)', () => {
    const h = securityHeaders();
    expect(h['content-security-policy']).toContain("script-src 'self'");
    expect(h['content-security-policy']).toContain("connect-src 'self' ws: wss:");
    expect(h['content-security-policy']).toContain("object-src 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['strict-transport-security']).toBeUndefined();
  });
});
