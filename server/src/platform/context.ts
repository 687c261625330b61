import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import type { Database } from './db/db.js';
import type { MigrationSet } from './db/migrate.js';
import type { EventDispatcher } from './events/dispatcher.js';
import type { NotificationService } from './events/notifier.js';
import type { JobService } from './jobs/worker.js';
import type { MailService } from './mail/mailer.js';

/** What a module receives: configuration, the database, a logger, and the platform services. */
export interface AppContext {
  config: Config;
  database: Database;
  log: FastifyBaseLogger;
  /** Platform services registered at start-up (jobs, events, notifications, mail). */
  services: PlatformServices;
  /** Every module's permission entries, in module order (for the role editor and role validation). */
  permissionModules: PermissionModule[];
}

/** Built by createContext (platform/bootstrap.ts); loops run only on worker nodes (server.ts). */
export interface PlatformServices {
  /** Durable jobs and cron schedules: enqueue(trx, name, payload), register(name, handler), schedule(…). */
  jobs: JobService;
  /** Outbox dispatcher: on('contact.*', (event, trx) => …) in a module's start(). */
  events: EventDispatcher;
  /** notify(trx, userId, { type, title, body?, link? }) posts to a user's notification centre. */
  notifications: NotificationService;
  /** send({ to, subject, text }) through SMTP_URL; call it from a job, never inside a transaction. */
  mail: MailService;
}

/** Description of a module for the permission editor: its key and labels in both languages. */
export interface PermissionModule {
  key: string;
  label: { en: string; vi: string };
  /** Whether records carry an owner/team, so own/team scopes mean something. */
  scoped: boolean;
}

/**
 * A domain module, exported as `module` from its index.ts and listed in modules/index.ts.
 * The app calls `routes` under the /api/v1 prefix.
 */
export interface KithModule {
  name: string;
  migrations?: MigrationSet;
  permissions?: PermissionModule[];
  routes?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  /** Register event listeners, job handlers and schedules. */
  start?(ctx: AppContext): void | Promise<void>;
  /** Releases what start() opened outside the database (a listening socket); called when the server stops. */
  stop?(ctx: AppContext): void | Promise<void>;
  /** CLI commands by first word, e.g. `user` handles `kith user create …`. */
  commands?: Record<string, CliCommand>;
  /**
   * Loads this module's demo data for `kith demo` (modules run in list order, so users exist before contacts) and
   * says in one line what it did, or why it left the data as it was.
   */
  demo?(ctx: AppContext): Promise<string>;
  /**
   * Adds to (a copy of) the OpenAPI document at each request of /api/openapi.json what routes alone cannot
   * describe, e.g. a schema per custom object. Returns the document.
   */
  openapi?(doc: Record<string, unknown>, ctx: AppContext): Promise<Record<string, unknown>>;
}

/** A CLI command: receives the words after its name and the --options; returns the exit code. */
export interface CliCommand {
  usage: string;
  run(ctx: AppContext, words: string[], opts: Record<string, string | true>): Promise<number>;
}
