import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import websocket, { type WebsocketHandler } from '@fastify/websocket';
import type {
  FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface, RouteShorthandOptions,
} from 'fastify';
import type { Declared } from './api-router.js';

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The scope websocket routes are declared on: like `apiRouter`, a route without `config.access` does not compile. */
export interface WebsocketRouter {
  get<RouteGeneric extends RouteGenericInterface = RouteGenericInterface>(
    path: string,
    opts: RouteShorthandOptions<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, RouteGeneric> & { websocket: true } & Declared,
    handler: WebsocketHandler<RawServerDefault, RawRequestDefaultExpression, RouteGeneric>,
  ): unknown;
}
type Routes = (scope: WebsocketRouter) => void | Promise<void>;
const pending = new WeakMap<FastifyInstance, Routes[]>();

/**
 * Declares websocket `routes`; `mountWebsocketRoutes` (app.ts, after every module's routes) registers them all in
 * ONE scope of their own with @fastify/websocket. The plugin adds an onRequest and an onResponse hook and wraps the
 * handler of every route in the scope it is registered in; registered at the root, every HTTP request (a health
 * check included) paid for them. Here only the scope's routes do. One scope for every module: each registration of
 * the plugin adds its own `upgrade` listener, and two would both route one upgrade.
 */
export async function websocketRoutes(app: FastifyInstance, routes: Routes): Promise<void> {
  const list = pending.get(app) ?? [];
  list.push(routes);
  pending.set(app, list);
}

/** Registers the websocket routes declared on `app` (by every module) in one @fastify/websocket scope. */
export async function mountWebsocketRoutes(app: FastifyInstance): Promise<void> {
  const all = pending.get(app);
  pending.delete(app);
  if (!all?.length) return;
  await app.register(async (scope) => {
    await scope.register(websocket);
    for (const r of all) await r(scope as unknown as WebsocketRouter);
  });
}

/**
 * Upgrade requests reach Fastify only for a declared websocket route; any other path is answered 404 and
 * closed at once. (Outside the websocket scope no hook would close a socket that asked to upgrade.)
 */
export function guardUpgrades(app: FastifyInstance): void {
  const socketPaths = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.websocket) socketPaths.add(route.url);
  });
  app.addHook('onReady', (done) => {
    const server = app.server;
    const listeners = server.listeners('upgrade') as UpgradeListener[];
    server.removeAllListeners('upgrade');
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '/').split('?', 1)[0]!;
      if (socketPaths.has(path)) for (const listener of listeners) listener.call(server, req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    done();
  });
}
