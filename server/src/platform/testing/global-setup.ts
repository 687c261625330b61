import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster, type Cluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
    chromium: string | null;
  }
}

export const CHROMIUM = '/usr/bin/chromium';
let cluster: Cluster | null = null;

/**
 * Starts one PostgreSQL cluster for the whole run (each test file creates its own database in it)
 * and tells tests where Chromium is. Under CI=true a missing one fails the run instead of skipping.
 */
export async function setup(project: TestProject) {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const bin = findPostgresBin();
  if (!bin && ci) throw new Error('CI=true but PostgreSQL is not installed (initdb/pg_ctl not found)');
  if (bin && process.env.KITH_TEST_PG !== 'off') {
    cluster = await startCluster(bin);
  }
  const chromium = fs.existsSync(CHROMIUM) ? CHROMIUM : null;
  if (!chromium && ci) throw new Error(`CI=true but Chromium is not installed at ${CHROMIUM}`);
  project.provide('pgUrl', cluster?.url ?? null);
  project.provide('chromium', chromium);
}

export async function teardown() {
  cluster?.stop();
}
