import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conventionViolation, operationsOf, requestArbitrary } from './openapi-fuzz.js';
import { arbitraryFor } from './schema-arbitrary.js';

const json = 'application/json; charset=utf-8';

describe('conventionViolation (what the fuzzer counts as a failure)', () => {
  it.each([
    [500, json, '{"error":{"code":"internal","message":"Internal error"}}', 'status 500'],
    [503, json, '{}', 'status 503'],
    [400, json, '{"statusCode":400,"error":"Bad Request","message":"x"}', '4xx body has no `error` object'],
    [404, 'text/html', '<h1>404</h1>', '4xx with content-type text/html'],
    [400, json, 'not json', '4xx body is not JSON'],
    [400, json, '{"error":{"code":"","message":"m"}}', '`error.code` is not a non-empty string'],
    [400, json, '{"error":{"code":"c"}}', '`error.message` is not a non-empty string'],
    [400, json, '{"error":{"code":"c","message":"m","stack":"at x"}}', 'unexpected keys in error: code,message,stack'],
    [400, json, '{"error":{"code":"c","message":"m","fields":{}}}', '`error.fields` is not an array'],
    [400, json, '{"error":{"code":"c","message":"m","fields":[{"path":1,"message":"m"}]}}', '`error.fields[]` lacks string path/message'],
  ])('%i %s %s → %s', (status, type, body, reason) => {
    expect(conventionViolation(status, type, body)).toBe(reason);
  });

  it('accepts 2xx/3xx bodies of any shape and 4xx in the design error shape', () => {
    expect(conventionViolation(200, 'text/csv', 'a,b')).toBeNull();
    expect(conventionViolation(204, undefined, '')).toBeNull();
    expect(conventionViolation(400, json, '{"error":{"code":"validation_failed","message":"name: required","fields":[{"path":"name","message":"required"}]}}')).toBeNull();
  });
});

describe('request generation', () => {
  const doc = {
    paths: {
      '/api/v1/things': {
        get: { parameters: [{ in: 'query', name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 200 } }, { in: 'query', name: 'filter', schema: { type: 'string' } }],
          responses: { 200: { content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { id: {}, name: {} } } } } } } } } } },
      },
      '/api/v1/things/{id}': {
        patch: { parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } }, required: ['name'], additionalProperties: false } } } } },
      },
    },
  };
  const ops = operationsOf(doc);
  const opts = { seed: 1, runs: 50, auths: { session: {}, apikey: {} }, idsFor: (name: string) => (name === 'id' ? ['real-1'] : []) };

  it('reads operations, parameters, bodies and list fields from the document', () => {
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /api/v1/things', 'PATCH /api/v1/things/{id}']);
    expect(ops[0]!.fields).toEqual(['id', 'name']);
    expect(ops[1]!.pathParams.map((p) => p.name)).toEqual(['id']);
    expect(ops[1]!.bodyRequired).toBe(true);
  });

  it('is deterministic for a seed, uses both credentials, real and forged ids, valid and malformed bodies', () => {
    const a = fc.sample(requestArbitrary(ops[1]!, opts), { seed: 7, numRuns: 200 });
    const b = fc.sample(requestArbitrary(ops[1]!, opts), { seed: 7, numRuns: 200 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(new Set(a.map((r) => r.auth))).toEqual(new Set(['session', 'apikey']));
    expect(a.some((r) => r.params.id === 'real-1') && a.some((r) => r.params.id !== 'real-1')).toBe(true);
    const bodies = a.flatMap((r) => (r.body.kind === 'json' ? [r.body.value] : []));
    expect(bodies.some((v) => typeof (v as { name?: unknown })?.name === 'string' && (v as { name: string }).name.length <= 10)).toBe(true);
    expect(bodies.some((v) => typeof (v as { name?: unknown })?.name !== 'string')).toBe(true);
    expect(a.some((r) => r.body.kind === 'raw')).toBe(true);
  });

  it('sends well-formed JSON filters over the list fields', () => {
    const queries = fc.sample(requestArbitrary(ops[0]!, opts), { seed: 3, numRuns: 200 }).flatMap((r) => r.query);
    const filters = queries.filter(([k]) => k === 'filter').map(([, v]) => { try { return JSON.parse(v) as unknown; } catch { return null; } });
    expect(filters.some((f) => Array.isArray(f) && f.some((c: { field?: string }) => c.field === 'name'))).toBe(true);
  });

  it('mixes malformed values into every schema node', () => {
    const values = fc.sample(arbitraryFor({ type: 'integer', minimum: 1, maximum: 5 }, { idsFor: () => [] }), { seed: 5, numRuns: 300 });
    expect(values.some((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5)).toBe(true);
    expect(values.some((v) => typeof v !== 'number')).toBe(true);
  });
});
