/**
 * `kith import` / `kith export` on a data folder where Kith never started (issue 11, items 4 and 5): without
 * KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD the error says what to run; with them the first administrator is created as
 * `kith start` does. The JSON says how the import ended; the exit code is 0 when it completed (warnings or not).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { exportCommand, importCommand, NO_ADMIN_MESSAGE } from './imports.commands.js';
import { fixture } from './imports.test-helpers.js';

describeEachDialect('kith import / export CLI', (env) => {
  afterEach(() => vi.restoreAllMocks());
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    return { out, err };
  };

  it('without an administrator nor KITH_ADMIN_*: exit 1 and the exact command to run; nothing imported', async () => {
    const { out, err } = capture();
    const config = env().ctx.config;
    expect([config.adminEmail, config.adminPassword]).toEqual([undefined, undefined]);
    expect(await importCommand.run(env().ctx, ['contacts', fixture('warnings-google.csv')], {})).toBe(1);
    expect(await exportCommand.run(env().ctx, ['contacts'], { out: path.join(os.tmpdir(), 'never.csv') })).toBe(1);
    expect(err).toEqual([NO_ADMIN_MESSAGE, NO_ADMIN_MESSAGE]);
    expect(NO_ADMIN_MESSAGE).toContain('KITH_ADMIN_EMAIL and KITH_ADMIN_PASSWORD');
    expect(NO_ADMIN_MESSAGE).toContain('kith user create --email <email> --name <name> --role admin --password <password>');
    expect(out).toEqual([]);
    expect(await env().database.db.selectFrom('imports').select('id').execute()).toEqual([]);
  });

  it('with KITH_ADMIN_*: creates the first administrator, imports, prints status/outcome/warnings; exit 3 only when rows failed', async () => {
    const { out, err } = capture();
    const ctx = env().ctx;
    Object.assign(ctx.config, { adminEmail: 'owner@kith.test', adminPassword: 'a long enough password' });
    try {
      // warnings-google.csv: six contacts (four cells left out as warnings) and one row naming no one.
      expect(await importCommand.run(ctx, ['contacts', fixture('warnings-google.csv')], {})).toBe(3);
      expect(err).toEqual(['Kith: first administrator created (owner@kith.test)']);
      expect(JSON.parse(out[0]!)).toMatchObject({ status: 'completed', outcome: 'rows_failed', total: 7, created: 6, failed: 1, warnings: 4 });
      const admin = await env().database.db.selectFrom('users').select(['email', 'created_at']).execute();
      expect(admin.map((u) => u.email)).toEqual(['owner@kith.test']);
      // Completed with warnings only: exit 0, and the JSON says so.
      expect(await importCommand.run(ctx, ['contacts', fixture('bdays-3.0.vcf')], {})).toBe(0);
      expect(JSON.parse(out[1]!)).toMatchObject({ status: 'completed', outcome: 'imported_with_warnings', created: 2, failed: 0, warnings: 1 });
      expect(await importCommand.run(ctx, ['contacts', fixture('bdays-3.0.vcf')], {})).toBe(0);
      expect(JSON.parse(out[2]!)).toMatchObject({ status: 'completed', outcome: 'imported_with_warnings', created: 0, skipped: 2 });
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-')), 'out.vcf');
      expect(await exportCommand.run(ctx, ['contacts'], { out: file, format: 'vcf' })).toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toContain('BDAY:--0415');
      expect(err).toHaveLength(1); // the administrator was created once
    } finally {
      Object.assign(ctx.config, { adminEmail: undefined, adminPassword: undefined });
    }
  });
});
