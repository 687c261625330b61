/**
 * A small per-process cache of resolved callers, so an /api request does not pay four queries (session or
 * key, user, role, teams) to learn who is calling. Keyed by the SHA-256 of the session token or API key.
 *
 * How fresh it is:
 * - On this node, every write that can change a principal — users, roles, teams, sessions, API keys — calls
 *   `invalidatePrincipals()` (identity's repositories, and its services once more after the transaction
 *   commits). The next request reloads from the database: a role change, a revoked key or "sign out
 *   everywhere" takes effect at once. A load that overlapped an invalidation is not kept, so a read of
 *   not-yet-committed state cannot stay cached.
 * - On other nodes (several web nodes on PostgreSQL): identity's services call `principalsChanged(db)` after
 *   they commit, which also publishes on the `kith_principals` channel (pg_notify); every node that runs
 *   `listenForPrincipalChanges` drops its entries when the message arrives — a demotion, a deactivation or a
 *   revoked key takes effect there within the NOTIFY's delivery, not after the TTL.
 * - Writes that bypass identity's services (hand-written SQL, another process on SQLite such as the CLI):
 *   an entry lives at most `ttlMs` (2 s by default), which bounds the staleness there.
 * Expiry (idle and absolute) is checked against the cached times on every request, so it is never late.
 */

import type { Database, Executor } from '../db/db.js';
import { createSubscriber, publish } from '../events/pubsub.js';

let generation = 0;

/** Call after any write that can change who a caller is or what they may do. Cheap: drops every entry. */
export function invalidatePrincipals(): void {
  generation++;
}

/** Channel on which nodes tell each other that identity data changed (payload `{}`). */
export const PRINCIPALS_CHANNEL = 'kith_principals';

/**
 * Call after committing a change to who a caller is or what they may do (role, activation, team, key,
 * sessions): drops this node's cache and tells the other nodes (PostgreSQL NOTIFY). Never throws — a lost
 * message is bounded by the TTL.
 */
export async function principalsChanged(db: Executor, log?: { warn(obj: unknown, msg?: string): void }): Promise<void> {
  invalidatePrincipals();
  try {
    await publish(db, PRINCIPALS_CHANNEL, {});
  } catch (err) {
    log?.warn({ err }, 'could not tell other nodes that identity data changed');
  }
}

/**
 * Keeps this node's principal caches in step with the other nodes' identity writes. Only PostgreSQL has
 * other nodes; on SQLite it does nothing. Returns the function that stops listening.
 */
export async function listenForPrincipalChanges(database: Database, log?: { warn(obj: unknown, msg?: string): void }): Promise<() => Promise<void>> {
  if (database.dialect !== 'postgres') return async () => undefined;
  const subscriber = createSubscriber(database, log);
  await subscriber.on(PRINCIPALS_CHANNEL, () => invalidatePrincipals());
  return () => subscriber.close();
}

/** The current generation: take it before a load and hand it to `set`. */
export function principalGeneration(): number {
  return generation;
}

export const PRINCIPAL_CACHE_TTL_MS = 2_000;

export class PrincipalCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private seen = generation;

  constructor(
    readonly ttlMs = PRINCIPAL_CACHE_TTL_MS,
    readonly maxEntries = 10_000,
  ) {}

  private sync(): void {
    if (this.seen !== generation) {
      this.entries.clear();
      this.seen = generation;
    }
  }

  get(key: string, now = Date.now()): V | undefined {
    this.sync();
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Keeps `value`, loaded when the generation was `loadedAt`; dropped if an invalidation happened since. */
  set(key: string, value: V, loadedAt: number, now = Date.now()): void {
    this.sync();
    if (loadedAt !== generation || this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order): enough to bound memory under a flood of distinct callers.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    this.sync();
    return this.entries.size;
  }
}
