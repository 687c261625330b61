/**
 * Commit-aware messages between nodes: PostgreSQL LISTEN/NOTIFY, or an in-process emitter on SQLite
 * (one node). Like the rest of the realtime path this is a transport, not SQL, which is why its one
 * dialect switch lives here rather than in platform/db.
 *
 * Delivery rules a subscriber can rely on:
 * - PostgreSQL: NOTIFY issued inside a transaction is delivered only when it commits (never on rollback).
 * - SQLite: the message is emitted at once, but Kysely's single connection makes any read the subscriber
 *   does wait for the publishing transaction to end; a subscriber must therefore re-read the row it is
 *   told about and ignore the message when the row is absent (rolled back).
 * Messages are hints at most once; clients re-sync (e.g. unread count) on reconnect.
 */
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { PostgresAdapter, sql } from 'kysely';
import { loadPg, type Database, type Executor } from '../db/db.js';

const local = new EventEmitter();
local.setMaxListeners(0);

const CHANNEL_RE = /^[a-z_][a-z0-9_]{0,62}$/;

function isPostgres(executor: Executor): boolean {
  // The adapter is the one reliable marker a Kysely handle or transaction carries of its dialect.
  return executor.getExecutor().adapter instanceof PostgresAdapter;
}

/** Publishes a small JSON message (≤ 7,000 bytes) on a channel, through the caller's transaction if any. */
export async function publish(executor: Executor, channel: string, message: unknown): Promise<void> {
  if (!CHANNEL_RE.test(channel)) throw new Error(`invalid channel name ${channel}`);
  const text = JSON.stringify(message);
  if (Buffer.byteLength(text) > 7000) throw new Error('pubsub message too large: send ids, not rows');
  if (isPostgres(executor)) {
    await sql`select pg_notify(${channel}, ${text})`.execute(executor);
  } else {
    local.emit(channel, text);
  }
}

export interface Subscriber {
  /** Listens on a channel; resolves once the subscription is active. Returns the unsubscribe function. */
  on(channel: string, fn: (message: unknown) => void): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * One subscriber per app: on PostgreSQL it holds a dedicated connection that LISTENs (re-established
 * after a connection loss); on SQLite it attaches to the in-process emitter.
 */
export function createSubscriber(database: Database, log?: { warn(obj: unknown, msg?: string): void }): Subscriber {
  const handlers = new Map<string, Set<(message: unknown) => void>>();
  const deliver = (channel: string, text: string | undefined) => {
    let message: unknown;
    try {
      message = JSON.parse(text ?? 'null');
    } catch {
      return;
    }
    for (const fn of handlers.get(channel) ?? []) fn(message);
  };
  const localListeners = new Map<string, (text: string) => void>();

  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  async function connect(): Promise<pg.Client> {
    if (client) return client;
    connecting ??= (async () => {
      const c = new (loadPg().Client)({ connectionString: database.location });
      c.on('notification', (n) => deliver(n.channel, n.payload));
      c.on('error', (err) => {
        log?.warn({ err }, 'LISTEN connection lost; reconnecting');
        if (client === c) client = null;
        c.end().catch(() => undefined);
        if (!closed && handlers.size) retry ??= setTimeout(() => { retry = null; void connect().catch(() => undefined); }, 1000);
      });
      await c.connect();
      for (const channel of handlers.keys()) await c.query(`listen ${channel}`);
      client = c;
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async on(channel, fn) {
      if (!CHANNEL_RE.test(channel)) throw new Error(`invalid channel name ${channel}`);
      const first = !handlers.has(channel);
      const set = handlers.get(channel) ?? new Set();
      set.add(fn);
      handlers.set(channel, set);
      if (first) {
        if (database.dialect === 'postgres') {
          const c = await connect();
          await c.query(`listen ${channel}`);
        } else {
          const l = (text: string) => deliver(channel, text);
          localListeners.set(channel, l);
          local.on(channel, l);
        }
      } else if (database.dialect === 'postgres') {
        await connect();
      }
      return () => {
        set.delete(fn);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      for (const [channel, l] of localListeners) local.off(channel, l);
      localListeners.clear();
      handlers.clear();
      const c = client ?? (connecting ? await connecting.catch(() => null) : null);
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
