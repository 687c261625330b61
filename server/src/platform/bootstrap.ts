import pino from 'pino';
import type { Config } from './config/config.js';
import type { AppContext, KithModule } from './context.js';
import { openDatabase, type Database } from './db/db.js';
import { migrateToLatest } from './db/migrate.js';
import { platformMigrations } from './db/migrations/index.js';
import './db/platform.tables.js';
import { createEventDispatcher } from './events/dispatcher.js';
import { notify } from './events/notifier.js';
import { registerHousekeeping } from './jobs/housekeeping.js';
import { createJobWorker } from './jobs/worker.js';
import { createMailer } from './mail/mailer.js';

/** Opens the database and runs every pending migration (platform, then modules). */
export async function openAndMigrate(config: Config, modules: KithModule[]): Promise<Database> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database, [platformMigrations, ...modules.map((m) => m.migrations ?? {})]);
  return database;
}

export function createContext(config: Config, database: Database, modules: KithModule[]): AppContext {
  const log = pino({ level: config.logLevel });
  const permissionModules = modules.flatMap((m) => m.permissions ?? []);
  const jobs = createJobWorker(database, { log });
  registerHousekeeping(jobs, database.db, database.dialect);
  const events = createEventDispatcher(database, { log });
  const services = { jobs, events, notifications: { notify }, mail: createMailer(config, log) };
  return { config, database, log, services, permissionModules };
}
