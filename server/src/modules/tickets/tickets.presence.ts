/**
 * Collision detection: who is viewing or replying to a ticket. Each node keeps the presence of every ticket in
 * memory; a change is published on the `kith_ticket_presence` channel (PostgreSQL NOTIFY, reaching every node that
 * LISTENs; in-process on SQLite), and each node applies what it hears, so any node answers for all of them. Entries
 * expire 30 s after their last heartbeat (a closed tab or a lost node needs no clean-up). Hints only: nothing is stored.
 */
import type { PresenceEntry } from '../../../../contracts/ticket-workspace.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { createSubscriber, publish, type Subscriber } from '../../platform/events/pubsub.js';
import { definitionOf, reads } from '../../platform/records/index.js';

export const PRESENCE_CHANNEL = 'kith_ticket_presence';
export const PRESENCE_TTL_MS = 30_000;

interface Heard { ticketId: string; userId: string; name: string; state: PresenceEntry['state'] | 'left'; since: string; at: number }
type Entry = Omit<Heard, 'ticketId'>;

/**
 * The presence of one node: `apply` what it heard, `others` on a ticket. Pure but for the clock (tested alone).
 * @example const s = presenceStore(); s.apply({ ticketId: 't', userId: 'u', name: 'Lan', state: 'replying', since, at: Date.now() }); s.others('t', 'me', Date.now())
 */
export function presenceStore() {
  const tickets = new Map<string, Map<string, Entry>>();
  return {
    apply(m: Heard): void {
      let users = tickets.get(m.ticketId);
      if (m.state === 'left') {
        users?.delete(m.userId);
        if (users?.size === 0) tickets.delete(m.ticketId);
        return;
      }
      if (!users) tickets.set(m.ticketId, (users = new Map()));
      const before = users.get(m.userId);
      // `since` is when the user entered the state (a heartbeat in the same state keeps it).
      users.set(m.userId, { userId: m.userId, name: m.name, state: m.state, since: before?.state === m.state ? before.since : m.since, at: m.at });
    },
    others(ticketId: string, userId: string, now: number): PresenceEntry[] {
      const users = tickets.get(ticketId);
      if (!users) return [];
      const out: PresenceEntry[] = [];
      for (const e of users.values()) {
        if (now - e.at > PRESENCE_TTL_MS) { users.delete(e.userId); continue; }
        if (e.userId !== userId && e.state !== 'left') out.push({ userId: e.userId, name: e.name, state: e.state, since: e.since });
      }
      return out.sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'replying' ? -1 : 1));
    },
  };
}

/** The node's presence service: subscribes on first use (one LISTEN connection), closed with the app. */
export function presenceService(ctx: AppContext) {
  const store = presenceStore();
  const listeners = new Set<(ticketId: string) => void>();
  let subscriber: Subscriber | null = null;
  let ready: Promise<unknown> | null = null;
  const listen = () => (ready ??= (async () => {
    subscriber = createSubscriber(ctx.database, ctx.log);
    await subscriber.on(PRESENCE_CHANNEL, (m) => {
      const h = m as Partial<Heard>;
      if (typeof h?.ticketId === 'string' && typeof h.userId === 'string' && typeof h.name === 'string' && typeof h.since === 'string' && typeof h.at === 'number'
        && (h.state === 'viewing' || h.state === 'replying' || h.state === 'left')) {
        store.apply(h as Heard);
        // Every node hears every change once (its own too): its sockets on that ticket are told (tickets.presence.socket.ts).
        for (const fn of listeners) fn(h.ticketId);
      }
    });
  })());
  return {
    /** Records the caller's state on a ticket they can read (404 otherwise) and answers the others there. */
    async update(p: Principal, ticketId: string, state: Heard['state']): Promise<PresenceEntry[]> {
      const db = ctx.database.db;
      const { def, defs } = await definitionOf(db, 'tickets');
      await reads.get(db, def, defs, p, ticketId);
      await listen();
      const now = Date.now();
      const heard: Heard = { ticketId, userId: p.userId, name: p.name, state, since: new Date(now).toISOString(), at: now };
      // Applied here at once too (the channel may lag): the caller's own node answers consistently.
      store.apply(heard);
      await publish(db, PRESENCE_CHANNEL, heard);
      return store.others(ticketId, p.userId, now);
    },
    /** The others on a ticket now, as seen from this node. */
    others(ticketId: string, userId: string): PresenceEntry[] {
      return store.others(ticketId, userId, Date.now());
    },
    /** Calls `fn(ticketId)` on every change heard on the channel; subscribes at once. Answers the unsubscribe. */
    async onChange(fn: (ticketId: string) => void): Promise<() => void> {
      listeners.add(fn);
      await listen();
      return () => listeners.delete(fn);
    },
    async close(): Promise<void> {
      await ready?.catch(() => undefined);
      await subscriber?.close();
    },
  };
}
