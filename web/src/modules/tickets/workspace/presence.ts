/**
 * Collision detection on the ticket page: tells the server every 10 s (and at once on a change) whether this agent is
 * viewing or replying, and answers who else is (PUT /tickets/{id}/presence); `left` when the page closes.
 */
import { useEffect, useState } from 'react';
import type { PresenceEntry } from '../../../../../contracts/ticket-workspace';
import { api } from '../../../app/api';

export const HEARTBEAT_MS = 10_000;

export function usePresence(ticketId: string, state: 'viewing' | 'replying'): PresenceEntry[] {
  const [others, setOthers] = useState<PresenceEntry[]>([]);
  useEffect(() => {
    let stopped = false;
    const beat = () => {
      api.put<{ data: PresenceEntry[] }>(`/tickets/${ticketId}/presence`, { state })
        .then((r) => { if (!stopped) setOthers(r.data); }, () => undefined);
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ticketId, state]);
  // Leaving the ticket (another ticket or page): the others stop seeing this agent at once, not after 30 s.
  useEffect(() => () => { void api.put(`/tickets/${ticketId}/presence`, { state: 'left' }).catch(() => undefined); }, [ticketId]);
  return others;
}
