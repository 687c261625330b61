import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config/config.js';
import type { DialectName, Database } from '../db/db.js';
import type { AppContext } from '../context.js';
import { createContext, openAndMigrate } from '../bootstrap.js';
import { buildApp } from '../../app.js';
import { modules } from '../../modules/index.js';

export const dialects: DialectName[] = ['sqlite', 'postgres'];

/** A fresh, migrated database of one dialect, with the full app built on it (requests via inject). */
export interface TestEnv {
  dialect: DialectName;
  config: Config;
  database: Database;
  ctx: AppContext;
  app: FastifyInstance;
}

let counter = 0;

/** Creates a new empty database: a temp SQLite file, or a new database in the run's PostgreSQL cluster. */
export async function freshDatabaseConfig(dialect: DialectName, overrides: Partial<Config> = {}): Promise<Config> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-test-'));
  const base = loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000' });
  if (dialect === 'sqlite') return { ...base, ...overrides };
  const adminUrl = inject('pgUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available');
  const name = `kith_t_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return { ...base, databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`), ...overrides };
}

export async function createTestEnv(dialect: DialectName, overrides: Partial<Config> = {}): Promise<TestEnv> {
  const config = await freshDatabaseConfig(dialect, overrides);
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  for (const m of modules) await m.start?.(ctx);
  const app = await buildApp(ctx, modules, { logger: false });
  await app.ready();
  return { dialect, config, database, ctx, app };
}

/**
 * Runs a suite once per dialect. The PostgreSQL run is skipped only when no cluster could be started
 * outside CI; under CI=true the global setup fails instead.
 *
 *   describeEachDialect('contacts', (env) => { it('lists', async () => { await env().app.inject(…) }) })
 */
export function describeEachDialect(name: string, suite: (env: () => TestEnv) => void, overrides: Partial<Config> = {}): void {
  for (const dialect of dialects) {
    const available = dialect === 'sqlite' || inject('pgUrl') !== null;
    (available ? describe : describe.skip)(`${name} [${dialect}]`, () => {
      let env: TestEnv | undefined;
      beforeAll(async () => {
        env = await createTestEnv(dialect, overrides);
      }, 60_000);
      afterAll(async () => {
        await env?.app.close();
        await env?.database.close();
        if (env && dialect === 'sqlite') fs.rmSync(env.config.dataDir, { recursive: true, force: true });
      });
      suite(() => {
        if (!env) throw new Error('test env not ready');
        return env;
      });
    });
  }
}
