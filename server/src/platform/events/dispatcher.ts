import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/db.js';
import { skipLocked } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import { nowIso } from '../ids.js';
import { outboxSignals } from './outbox.js';

/** An outbox event as listeners receive it. */
export interface DispatchedEvent {
  id: string;
  type: string;
  entity: string;
  entityId: string | null;
  actorId: string | null;
  data: unknown;
  createdAt: string;
  /** 1 on first delivery; more when an earlier delivery failed (listeners must be idempotent). */
  attempt: number;
}

/**
 * Reacts to an event. It runs inside the transaction that marks the event delivered: do every database
 * write through `trx` (never through the root handle — on SQLite that would wait for this very
 * transaction) and no network call; enqueue a job for slow or remote work. If any listener throws,
 * the whole delivery rolls back and is retried later.
 */
export type EventListener = (event: DispatchedEvent, trx: Transaction<DB>) => Promise<void> | void;

export interface DispatcherOptions {
  /** Events delivered per pass (default 100). */
  batchSize?: number;
  pollMs?: number;
  /** Deliveries tried before an event is left undelivered with its last_error (default 20). */
  maxAttempts?: number;
  /** First retry delay after a failed delivery, doubling per attempt up to 5 minutes (default 1000 ms). */
  retryBaseMs?: number;
  log?: { warn(obj: unknown, msg?: string): void };
}

export interface EventDispatcher {
  /** `contact.created` (exact), `contact.*` (prefix) or `*` (every event). */
  on(typeOrPrefix: string, listener: EventListener): void;
  /** Delivers up to one batch of pending events in id order; returns how many were delivered. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

function matches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** Builds the outbox dispatcher of one node; several nodes on PostgreSQL never deliver one event concurrently. */
export function createEventDispatcher(database: Database, opts: DispatcherOptions = {}): EventDispatcher {
  const { db, dialect } = database;
  const batchSize = opts.batchSize ?? 100;
  const pollMs = opts.pollMs ?? 500;
  const maxAttempts = opts.maxAttempts ?? 20;
  const retryBaseMs = opts.retryBaseMs ?? 1000;
  const listeners: { pattern: string; listener: EventListener }[] = [];
  /** Failed events wait here before their next try (in memory: a restart retries at once). */
  const retryAt = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  let wakeAgain = false;

  /** Claims the oldest deliverable event and delivers it in one transaction. */
  async function deliverNext(failedThisPass: Set<string>): Promise<'none' | 'delivered' | 'failed'> {
    const now = Date.now();
    for (const [id, at] of retryAt) if (at <= now) retryAt.delete(id);
    // A failed event waits for a later pass, so it cannot starve the ones behind it.
    const waiting = [...new Set([...retryAt.keys(), ...failedThisPass])];
    let claimed: { id: string; attempts: number } | null = null;
    try {
      return await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('outbox')
          .selectAll()
          .where('dispatched_at', 'is', null)
          .where('attempts', '<', maxAttempts)
          .$if(waiting.length > 0, (q) => q.where('id', 'not in', waiting))
          .orderBy('id')
          .limit(1)
          .modifyEnd(skipLocked(dialect))
          .executeTakeFirst();
        if (!row) return 'none';
        claimed = row;
        const event: DispatchedEvent = {
          id: row.id, type: row.type, entity: row.entity, entityId: row.entity_id, actorId: row.actor_id,
          data: JSON.parse(row.data), createdAt: row.created_at, attempt: row.attempts + 1,
        };
        for (const l of listeners) if (matches(l.pattern, row.type)) await l.listener(event, trx);
        await trx.updateTable('outbox').set({ dispatched_at: nowIso(), last_error: null }).where('id', '=', row.id).execute();
        return 'delivered';
      });
    } catch (err) {
      const failed = claimed as { id: string; attempts: number } | null;
      if (!failed) throw err;
      const message = err instanceof Error ? err.message : String(err);
      opts.log?.warn({ err, eventId: failed.id }, 'event listener failed; will retry');
      await db.updateTable('outbox').set({ attempts: sql`attempts + 1`, last_error: message }).where('id', '=', failed.id).execute();
      failedThisPass.add(failed.id);
      retryAt.set(failed.id, Date.now() + Math.min(2 ** failed.attempts * retryBaseMs, 300_000));
      return 'failed';
    }
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    const failedThisPass = new Set<string>();
    for (let i = 0; i < batchSize; i++) {
      const r = await deliverNext(failedThisPass);
      if (r === 'none') break;
      if (r === 'delivered') delivered++;
    }
    return delivered;
  }

  async function runOnce(): Promise<number> {
    while (running) await running.catch(() => undefined);
    const p = pass();
    running = p;
    try {
      return await p;
    } finally {
      running = null;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(loop, delay);
  }

  async function loop() {
    timer = null;
    if (stopped) return;
    wakeAgain = false;
    let delivered = 0;
    try {
      delivered = await runOnce();
    } catch (err) {
      opts.log?.warn({ err }, 'event dispatcher pass failed');
    }
    schedule(delivered >= batchSize || wakeAgain ? 0 : pollMs);
  }

  const onEmitted = () => {
    if (stopped) return;
    if (running) wakeAgain = true;
    else schedule(0);
  };

  return {
    on(typeOrPrefix, listener) {
      listeners.push({ pattern: typeOrPrefix, listener });
    },
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      outboxSignals.on('emitted', onEmitted);
      schedule(0);
    },
    async stop() {
      stopped = true;
      outboxSignals.off('emitted', onEmitted);
      if (timer) clearTimeout(timer);
      timer = null;
      while (running) await running.catch(() => undefined);
    },
  };
}
