/** HTTP of collision detection (tickets.presence.ts). */
import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { presenceInput, presenceList } from '../../../../contracts/ticket-workspace.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { websocketRoutes } from '../../platform/http/websocket.js';
import { presenceService } from './tickets.presence.js';
import { presenceSocketHub, type PresenceSocket } from './tickets.presence.socket.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'tickets', action: 'read' as const } };

/** PUT /tickets/:id/presence (tickets read): the caller is viewing/replying (or left); answers the others there. */
export function ticketPresenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const presence = presenceService(ctx);
  const hub = presenceSocketHub(presence);
  app.addHook('onClose', async () => {
    await hub.close();
    await presence.close();
  });
  r.put('/tickets/:id/presence', {
    config: read,
    schema: {
      tags, summary: 'I am viewing or replying to this ticket (heartbeat); who else is', operationId: 'updateTicketPresence',
      description: 'Send every 10 s while the ticket is open, and when the composer starts or stops; `left` when leaving. Entries expire after 30 s. Answers the other agents on the ticket, those replying first.',
      params: idParams, body: presenceInput, response: { 200: presenceList, ...errors },
    },
  }, async (req) => ({ data: await presence.update(principalOf(req), req.params.id, req.body.state) }));

  // The same pushed (tickets.presence.socket.ts); the auth hook has resolved the session before the upgrade.
  void websocketRoutes(app, (scope) => {
    scope.get('/tickets-presence/ws', {
      websocket: true,
      config: read,
      schema: { tags, summary: 'Push channel of who is viewing or replying to the tickets I am on (websocket)', operationId: 'ticketPresenceSocket', hide: true },
    }, async (socket: PresenceSocket, req) => {
      // Browsers send cookies on cross-site websocket upgrades: accept only our own origin.
      const origin = req.headers.origin;
      if (origin && safeHost(origin) !== req.headers.host) {
        socket.close(1008, 'cross-origin websocket refused');
        return;
      }
      await hub.add(principalOf(req), socket);
    });
  });
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
