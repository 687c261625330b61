import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './platform/config/config.js';
import { createContext, openAndMigrate } from './platform/bootstrap.js';
import type { AppContext } from './platform/context.js';
import { modules } from './modules/index.js';
import { ensureFirstAdmin } from './modules/identity/index.js';
import { scheduleHousekeeping } from './platform/jobs/housekeeping.js';

export interface Running {
  app: FastifyInstance | null;
  ctx: AppContext;
  stop(): Promise<void>;
}

/** Where the built web app lives: dist/web next to dist/server. */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', 'web');
}

/** Migrates, starts the module services for the role, and listens when the role serves HTTP. */
export async function startServer(config: Config, opts: { webDir?: string; listen?: boolean } = {}): Promise<Running> {
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  await ensureFirstAdmin(ctx);
  for (const m of modules) await m.start?.(ctx);
  let app: FastifyInstance | null = null;
  if (config.role !== 'worker') {
    app = await buildApp(ctx, modules, { webDir: opts.webDir ?? defaultWebDir(), logger: false });
    if (opts.listen !== false) await app.listen({ port: config.port, host: config.host });
  }
  const runsWorkers = config.role === 'worker' || config.role === 'all';
  if (runsWorkers) {
    await scheduleHousekeeping(ctx.services.jobs);
    ctx.services.jobs.start();
    ctx.services.events.start();
  }
  return {
    app,
    ctx,
    async stop() {
      await app?.close();
      if (runsWorkers) await Promise.all([ctx.services.jobs.stop(), ctx.services.events.stop()]);
      for (const m of modules) await m.stop?.(ctx);
      await database.close();
    },
  };
}
