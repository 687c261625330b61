import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../server.js';
import { freshDatabaseConfig } from '../testing/harness.js';
import { enqueue } from './jobs.js';
import { HOUSEKEEPING_JOB } from './housekeeping.js';

/** Whether a job gets run within `ms` by the loops the server started (no runOnce here). */
async function ranWithin(role: 'web' | 'worker' | 'all', ms: number): Promise<{ ran: boolean; housekeeping: boolean }> {
  const config = await freshDatabaseConfig('sqlite', { role, adminEmail: 'admin@example.test', adminPassword: 'correct horse battery staple' });
  const running = await startServer(config, { listen: false, webDir: '/nonexistent' });
  try {
    let ran = false;
    running.ctx.services.jobs.register('test.role', () => void (ran = true));
    await enqueue(running.ctx.database.db, 'test.role', {});
    const until = Date.now() + ms;
    while (!ran && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const housekeeping = await running.ctx.database.db.selectFrom('schedules').select('name').where('name', '=', HOUSEKEEPING_JOB).executeTakeFirst();
    return { ran, housekeeping: !!housekeeping };
  } finally {
    await running.stop();
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  }
}

describe('server roles start the job and event loops only where they belong', () => {
  it('role all runs jobs and declares the housekeeping schedule', async () => {
    expect(await ranWithin('all', 3000)).toEqual({ ran: true, housekeeping: true });
  });
  it('role worker runs jobs', async () => {
    expect((await ranWithin('worker', 3000)).ran).toBe(true);
  });
  it('role web does not', async () => {
    expect(await ranWithin('web', 1200)).toEqual({ ran: false, housekeeping: false });
  });
});
