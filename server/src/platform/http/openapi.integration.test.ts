import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness.js';

// The OpenAPI document is generated from the same zod schemas on both databases: one dialect suffices.
describe('OpenAPI 3.1 document', () => {
  let env: TestEnv;
  let doc: { openapi: string; paths: Record<string, Record<string, { responses?: Record<string, unknown>; summary?: string }>> };
  beforeAll(async () => {
    env = await createTestEnv('sqlite');
    doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => {
    await env.app.close();
    await env.database.close();
  });

  it('describes every /api/v1 route with a 4xx error response', () => {
    const ops = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1'));
    expect(ops.length).toBeGreaterThan(20);
    for (const [p, methods] of ops) {
      for (const [m, op] of Object.entries(methods)) {
        expect(Object.keys(op.responses ?? {}).some((c) => c.startsWith('4')), `${m} ${p} has a 4xx response`).toBe(true);
      }
    }
  });

  it('passes `redocly lint` with no errors', () => {
    const file = path.join(os.tmpdir(), `kith-openapi-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
    const res = spawnSync(process.execPath, [cli, 'lint', file, '--format', 'stylish'], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    fs.rmSync(file, { force: true });
    expect(res.stdout + res.stderr).not.toMatch(/\berror\b.*\(/i);
    expect(res.status, res.stdout + res.stderr).toBe(0);
  }, 120_000);
});
