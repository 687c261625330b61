import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runCli } from '../../cli.js';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/db.js';
import { verifyAudit } from '../audit/audit.js';
import { createUser } from '../testing/factories.js';
import { dialects, freshDatabaseConfig } from '../testing/harness.js';
import { checkSqliteBackup } from './backup.js';

async function cli(argv: string[], config: Config): Promise<{ code: number | void; out: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const code = await runCli(argv, config);
    return { code, out: log.mock.calls.map((c) => String(c[0])).join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** What `kith start` does first: migrate (platform tests may not import modules/ directly), then open. */
async function openMigrated(config: Config) {
  expect(await cli(['migrate'], config)).toMatchObject({ code: 0 });
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

const emails = async (config: Config) => {
  const database = await openMigrated(config);
  try {
    return (await database.db.selectFrom('users').select('email').orderBy('email').execute()).map((u) => u.email);
  } finally {
    await database.close();
  }
};

for (const dialect of dialects) {
  const available = dialect === 'sqlite' || inject('pgUrl') !== null;
  describe.skipIf(!available)(`kith backup / restore [${dialect}]`, () => {
    let config: Config;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-backup-'));
    const file = path.join(dir, 'nested', dialect === 'sqlite' ? 'kith-backup.db' : 'kith-backup.dump');
    beforeAll(async () => {
      config = await freshDatabaseConfig(dialect);
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (dialect === 'sqlite') fs.rmSync(config.dataDir, { recursive: true, force: true });
    });

    it('restores exactly the state at backup time', async () => {
      const database = await openMigrated(config);
      await createUser(database.db, { email: 'kept@example.test' });
      // Online: the server's handle stays open while `kith backup` runs in another.
      const backup = await cli(['backup', file], config);
      expect(backup.code).toBe(0);
      expect(backup.out).toContain(file);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
      await createUser(database.db, { email: 'after@example.test' });
      await database.db.deleteFrom('users').where('email', '=', 'kept@example.test').execute();
      await database.close(); // restore needs the server stopped
      expect(await emails(config)).toEqual(['after@example.test']);

      const restore = await cli(['restore', file], config);
      expect(restore.code).toBe(0);
      expect(await emails(config)).toEqual(['kept@example.test']);
      const reopened = await openMigrated(config);
      try {
        expect((await verifyAudit(reopened.db)).ok).toBe(true);
        await createUser(reopened.db, { email: 'later@example.test' }); // writable after restore
      } finally {
        await reopened.close();
      }
      if (dialect === 'sqlite') {
        const kept = fs.readdirSync(config.dataDir).filter((f) => f.startsWith('kith.db.before-restore-') && !f.endsWith('-wal'));
        expect(kept).toHaveLength(1);
      }
    }, 60_000);

    it('refuses a file that is not a backup and leaves the database untouched', async () => {
      const junk = path.join(dir, 'junk.bin');
      fs.writeFileSync(junk, 'this is not a database');
      await expect(cli(['restore', junk], config)).rejects.toThrow();
      await expect(cli(['restore', path.join(dir, 'missing')], config)).rejects.toThrow();
      expect(await emails(config)).toEqual(['kept@example.test', 'later@example.test']);
      expect((await cli(['backup'], config)).code).toBe(2);
    }, 60_000);

    if (dialect === 'sqlite') {
      it('recognises only intact Kith SQLite files', () => {
        const other = path.join(dir, 'other.db');
        const db = new SQLite(other);
        db.exec('create table t (x)');
        db.close();
        expect(() => checkSqliteBackup(other)).toThrow(/not a Kith one/);
        expect(() => checkSqliteBackup(path.join(dir, 'junk.bin'))).toThrow(/not a SQLite database/);
        expect(() => checkSqliteBackup(file)).not.toThrow();
      });
    }
  });
}
