/**
 * Presence pushed by websocket (`GET /api/v1/tickets-presence/ws`, tickets read): the page says on which ticket its
 * agent is viewing or replying; every change heard on the presence channel (any node) is pushed within the NOTIFY
 * round trip to the sockets on that ticket, each told the others there. The HTTP heartbeat (tickets.presence.routes.ts)
 * stays for pages whose socket is down. Messages: contracts/ticket-workspace.ts `presenceSocketIn` / `PresenceSocketOut`.
 */
import { presenceSocketIn, type PresenceSocketOut } from '../../../../contracts/ticket-workspace.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import type { presenceService } from './tickets.presence.js';

/** The part of a `ws` WebSocket the hub uses. */
export interface PresenceSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', fn: (data: unknown) => void): void;
  on(event: 'close' | 'pong', fn: () => void): void;
}

type Presence = ReturnType<typeof presenceService>;
interface Conn { socket: PresenceSocket; principal: Principal; tickets: Set<string> }

const OPEN = 1;
const send = (s: PresenceSocket, m: PresenceSocketOut) => { if (s.readyState === OPEN) s.send(JSON.stringify(m)); };

/** This node's presence sockets, by ticket. */
export function presenceSocketHub(presence: Presence) {
  const byTicket = new Map<string, Set<Conn>>();
  const conns = new Set<Conn>();
  const push = (ticketId: string) => {
    for (const c of byTicket.get(ticketId) ?? []) send(c.socket, { type: 'presence', ticketId, data: presence.others(ticketId, c.principal.userId) });
  };
  // Subscribed on the first socket (one LISTEN connection per node, none for a node nobody opens a socket on).
  let unsubscribing: Promise<() => void> | null = null;
  const leave = (c: Conn, ticketId: string) => {
    c.tickets.delete(ticketId);
    const set = byTicket.get(ticketId);
    set?.delete(c);
    if (set?.size === 0) byTicket.delete(ticketId);
  };

  // Dead connections (a laptop closed without a close frame) are found by a missing pong; their tickets are left.
  const alive = new WeakSet<PresenceSocket>();
  const pinger = setInterval(() => {
    for (const c of conns) {
      if (!alive.has(c.socket)) c.socket.close(1001, 'no pong');
      else {
        alive.delete(c.socket);
        c.socket.ping();
      }
    }
  }, 30_000);
  pinger.unref();

  async function onMessage(c: Conn, raw: unknown) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(raw));
    } catch {
      send(c.socket, { type: 'error', ticketId: null, field: null, status: 400 });
      return;
    }
    const msg = presenceSocketIn.safeParse(parsed);
    if (!msg.success) {
      const field = msg.error.issues[0]?.path.join('.') || null;
      send(c.socket, { type: 'error', ticketId: typeof (parsed as { ticketId?: unknown })?.ticketId === 'string' ? (parsed as { ticketId: string }).ticketId : null, field, status: 400 });
      return;
    }
    const { ticketId, state } = msg.data;
    try {
      const others = await presence.update(c.principal, ticketId, state);
      if (state === 'left') leave(c, ticketId);
      else if (!c.tickets.has(ticketId)) {
        c.tickets.add(ticketId);
        const set = byTicket.get(ticketId) ?? new Set<Conn>();
        set.add(c);
        byTicket.set(ticketId, set);
      }
      if (state !== 'left') send(c.socket, { type: 'presence', ticketId, data: others });
    } catch (err) {
      leave(c, ticketId);
      send(c.socket, { type: 'error', ticketId, field: 'ticketId', status: err instanceof AppError ? err.status : 500 });
    }
  }

  return {
    async add(principal: Principal, socket: PresenceSocket): Promise<void> {
      const c: Conn = { socket, principal, tickets: new Set() };
      conns.add(c);
      alive.add(socket);
      socket.on('pong', () => alive.add(socket));
      // Messages are handled in order: a `left` never overtakes the `viewing` before it.
      let chain = Promise.resolve();
      socket.on('message', (data) => { chain = chain.then(() => onMessage(c, data)); });
      socket.on('close', () => {
        conns.delete(c);
        const tickets = [...c.tickets];
        for (const id of tickets) leave(c, id);
        // The others see this agent go at once, not after the 30 s expiry.
        chain = chain.then(async () => { for (const id of tickets) await presence.update(principal, id, 'left').catch(() => undefined); });
      });
      await (unsubscribing ??= presence.onChange(push));
      send(socket, { type: 'ready' });
    },
    async close(): Promise<void> {
      clearInterval(pinger);
      if (unsubscribing) (await unsubscribing)();
      for (const c of conns) c.socket.close(1001, 'server closing');
    },
  };
}
