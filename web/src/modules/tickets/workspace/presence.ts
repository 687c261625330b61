/**
 * Collision detection on the ticket page. A websocket (`/api/v1/tickets-presence/ws`) carries this agent's state on the
 * ticket (at once on a change, and every 10 s) and brings the others' changes within about a second. While the socket
 * is down (reconnecting with backoff 1 s doubling to 30 s), the page falls back to the HTTP heartbeat every 10 s
 * (PUT /tickets/{id}/presence), which answers who else is here. `left` when the page closes or the ticket changes.
 */
import { useEffect, useRef, useState } from 'react';
import type { PresenceEntry, PresenceSocketOut } from '../../../../../contracts/ticket-workspace';
import { api, API_BASE } from '../../../app/api';

export const HEARTBEAT_MS = 10_000;

type State = 'viewing' | 'replying';

export function usePresence(ticketId: string, state: State): PresenceEntry[] {
  const [others, setOthers] = useState<PresenceEntry[]>([]);
  const stateRef = useRef<State>(state);
  const sendRef = useRef<((s: State) => void) | null>(null);

  useEffect(() => {
    setOthers([]);
    let ws: WebSocket | null = null;
    let open = false;
    let stopped = false;
    let delay = 1000;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const say = (s: State | 'left') => {
      if (open && ws?.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({ type: 'presence', ticketId, state: s }));
        return true;
      }
      return false;
    };
    const viaHttp = (s: State) => {
      api.put<{ data: PresenceEntry[] }>(`/tickets/${ticketId}/presence`, { state: s })
        .then((r) => { if (!stopped) setOthers(r.data); }, () => undefined);
    };
    const beat = () => { if (!say(stateRef.current)) viaHttp(stateRef.current); };
    sendRef.current = (s) => { if (!say(s)) viaHttp(s); };
    const connect = () => {
      const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(`${proto}//${window.location.host}${API_BASE}/tickets-presence/ws`);
      ws.onmessage = (ev) => {
        let msg: PresenceSocketOut;
        try {
          msg = JSON.parse(String(ev.data)) as PresenceSocketOut;
        } catch {
          return;
        }
        if (msg.type === 'ready') {
          open = true;
          delay = 1000;
          say(stateRef.current);
        } else if (msg.type === 'presence' && msg.ticketId === ticketId && !stopped) setOthers(msg.data);
      };
      ws.onclose = () => {
        open = false;
        if (stopped) return;
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    beat(); // at once over HTTP: the socket may take a moment (or never open)
    connect();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      stopped = true;
      sendRef.current = null;
      clearInterval(timer);
      clearTimeout(retry);
      // Leaving the ticket (another ticket or page): the others stop seeing this agent at once, not after 30 s.
      if (!say('left')) void api.put(`/tickets/${ticketId}/presence`, { state: 'left' }).catch(() => undefined);
      ws?.close();
    };
  }, [ticketId]);

  useEffect(() => {
    if (stateRef.current === state) return;
    stateRef.current = state;
    sendRef.current?.(state);
  }, [state]);
  return others;
}
