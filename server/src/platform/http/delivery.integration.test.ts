import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { describeEachDialect } from '../testing/harness.js';
import { createUser, signIn } from '../testing/factories.js';
// The build step that writes the .br/.gz copies the server sends.
import { precompress } from '../../../../scripts/build.mjs';
import { COMPRESS_THRESHOLD } from './compress.js';

const HASHED = '/assets/app-Cx3Dj9Qk.js';
const script = `console.log(${JSON.stringify('Kith '.repeat(2000))});\n`;
const html = `<!doctype html><html><head><script type="module" src="${HASHED}"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(40)}</body></html>`;

/** A web build in a temp folder, compressed by the real build step. */
async function fakeBuild(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, HASHED), script);
  await precompress(dir);
  return dir;
}

const varyOnEncoding = (vary: unknown) => String(vary ?? '').toLowerCase().split(/\s*,\s*/).includes('accept-encoding');

describeEachDialect('web delivery: pre-compressed assets, caching, API compression', (env) => {
  let web: FastifyInstance;
  let webDir: string;
  beforeAll(async () => {
    webDir = await fakeBuild();
    // The platform alone (no module routes) with the web app; module routes are checked on env().app below.
    web = await buildApp(env().ctx, [], { webDir });
    await web.ready();
  });
  afterAll(async () => {
    await web?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the brotli copy to a browser that accepts br, the gzip copy to one that accepts only gzip, and the plain file otherwise', async () => {
    const br = await web.inject({ method: 'GET', url: HASHED, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(varyOnEncoding(br.headers.vary)).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await web.inject({ method: 'GET', url: HASHED, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(varyOnEncoding(gz.headers.vary)).toBe(true);
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await web.inject({ method: 'GET', url: HASHED });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(varyOnEncoding(plain.headers.vary)).toBe(true);
    expect(plain.body).toBe(script);
  });

  it('caches hashed assets for a year as immutable', async () => {
    for (const enc of ['br', 'gzip', undefined]) {
      const res = await web.inject({ method: 'GET', url: HASHED, headers: enc ? { 'accept-encoding': enc } : {} });
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('makes index.html revalidate: no-cache with an ETag, then 304 while unchanged (for each encoding)', async () => {
    for (const enc of ['br', 'gzip', undefined]) {
      const headers: Record<string, string> = enc ? { 'accept-encoding': enc } : {};
      const first = await web.inject({ method: 'GET', url: '/', headers });
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('no-cache');
      expect(first.headers['content-encoding']).toBe(enc);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^(W\/)?".+"$/);
      const again = await web.inject({ method: 'GET', url: '/', headers: { ...headers, 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(again.headers['cache-control']).toBe('no-cache');
    }
    // The copies differ, so their tags differ: a cache never answers a gzip client with the brotli body's tag.
    const tags = await Promise.all(['br', 'gzip'].map(async (enc) => (await web.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': enc } })).headers.etag));
    expect(tags[0]).not.toBe(tags[1]);
  });

  it('serves client-side routes the same index.html, compressed and revalidated', async () => {
    const res = await web.inject({ method: 'GET', url: '/contacts?view=kanban', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(html);
  });

  it('answers a missing asset with a JSON 404, not index.html', async () => {
    const res = await web.inject({ method: 'GET', url: '/assets/gone-Ab12Cd34.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('compresses API JSON above the threshold by Accept-Encoding and leaves the rest as it is', async () => {
    const admin = await createUser(env().database.db, { admin: true });
    const headers = await signIn(env().database.db, admin);
    for (let i = 0; i < 12; i++) await createUser(env().database.db, { name: `Người dùng ${i}` });

    const plain = await env().app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_THRESHOLD);
    const expected = plain.json();

    const br = await env().app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: { ...headers, 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(varyOnEncoding(br.headers.vary)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(expected);

    const gz = await env().app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: { ...headers, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(expected);

    // Below the threshold: sent as it is.
    const small = await env().app.inject({ method: 'GET', url: '/api/v1/users?limit=1', headers: { ...headers, 'accept-encoding': 'br' } });
    expect(small.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('compresses the OpenAPI document but never /api/health', async () => {
    const doc = await env().app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(doc.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(doc.rawPayload).toString()).openapi).toBe('3.1.0');

    const health = await env().app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.headers.vary).toBeUndefined();
  });
});
