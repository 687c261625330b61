import path from 'node:path';

/** Process roles: `web` serves HTTP, `worker` runs jobs and schedules, `all` does both (embedded default). */
export type Role = 'web' | 'worker' | 'all';

export interface Config {
  port: number;
  host: string;
  role: Role;
  /** Folder for the SQLite file, attachments and backups. */
  dataDir: string;
  /** `postgres://…` switches to PostgreSQL; unset means embedded SQLite in dataDir. */
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Public URL used in links (emails, OpenAPI servers). */
  baseUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Default region for phone numbers (ISO 3166-1 alpha-2). */
  defaultRegion: string;
  /** Requests per minute per API key/session/IP before 429. */
  rateLimitPerMinute: number;
  /** Set behind a reverse proxy so client IPs come from X-Forwarded-For. */
  trustProxy: boolean;
  /** Mark session cookies Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** Bearer token that `GET /metrics` on the main port requires; unset (and no metricsPort) means no /metrics. */
  metricsToken: string | undefined;
  /** Serve /metrics (no token) on this separate port instead, bound to metricsHost. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** Largest import upload in bytes (default 2 GiB). */
  importMaxBytes: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Reads configuration from the environment; every key is documented in the README's configuration table. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  const role = (env.KITH_ROLE ?? 'all') as Role;
  if (!['web', 'worker', 'all'].includes(role)) throw new Error(`KITH_ROLE must be web, worker or all, got "${role}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    role,
    dataDir: path.resolve(env.KITH_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.KITH_ADMIN_EMAIL || undefined,
    adminPassword: env.KITH_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Kith <kith@localhost>',
    baseUrl: env.KITH_BASE_URL ?? `http://localhost:${port}`,
    sessionIdleMinutes: int(env.KITH_SESSION_IDLE_MINUTES, 120, 'KITH_SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: int(env.KITH_SESSION_ABSOLUTE_HOURS, 24 * 7, 'KITH_SESSION_ABSOLUTE_HOURS'),
    defaultRegion: (env.KITH_DEFAULT_REGION ?? 'VN').toUpperCase(),
    rateLimitPerMinute: int(env.KITH_RATE_LIMIT_PER_MINUTE, 1200, 'KITH_RATE_LIMIT_PER_MINUTE'),
    trustProxy: env.KITH_TRUST_PROXY === 'true',
    secureCookies: env.KITH_SECURE_COOKIES === 'true',
    metricsToken: env.KITH_METRICS_TOKEN || undefined,
    metricsPort: env.KITH_METRICS_PORT ? int(env.KITH_METRICS_PORT, 0, 'KITH_METRICS_PORT') : undefined,
    metricsHost: env.KITH_METRICS_HOST || '127.0.0.1',
    importMaxBytes: int(env.KITH_IMPORT_MAX_BYTES, 2 * 1024 * 1024 * 1024, 'KITH_IMPORT_MAX_BYTES'),
  };
}
