import type {
  ContextConfigDefault, FastifyBaseLogger, FastifyInstance, FastifySchema, RawReplyDefaultExpression, RawRequestDefaultExpression,
  RawServerDefault, RouteGenericInterface, RouteHandlerMethod, RouteOptions, RouteShorthandOptions, RouteShorthandOptionsWithHandler,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from './access.js';

type Server = RawServerDefault;
type Req = RawRequestDefaultExpression<Server>;
type Rep = RawReplyDefaultExpression<Server>;
type Logger = FastifyBaseLogger;

/** What every /api route's options must carry: who may call it (see access.ts). */
export interface Declared { config: { access: Access } }

/**
 * Fastify's route shorthand (same generics, so params/body/query/reply are still inferred from the zod schemas),
 * except that the options are required and must declare `config.access`: a route without one does not compile.
 */
export interface ApiShorthand {
  <RouteGeneric extends RouteGenericInterface = RouteGenericInterface, ContextConfig = ContextConfigDefault,
    const SchemaCompiler extends FastifySchema = FastifySchema>(
    path: string,
    opts: RouteShorthandOptions<Server, Req, Rep, RouteGeneric, ContextConfig, SchemaCompiler, ZodTypeProvider, Logger> & Declared,
    handler: RouteHandlerMethod<Server, Req, Rep, RouteGeneric, ContextConfig, SchemaCompiler, ZodTypeProvider, Logger>,
  ): ApiRouter;
  <RouteGeneric extends RouteGenericInterface = RouteGenericInterface, ContextConfig = ContextConfigDefault,
    const SchemaCompiler extends FastifySchema = FastifySchema>(
    path: string,
    opts: RouteShorthandOptionsWithHandler<Server, Req, Rep, RouteGeneric, ContextConfig, SchemaCompiler, ZodTypeProvider, Logger> & Declared,
  ): ApiRouter;
}

/** The only way module code adds routes: the HTTP verbs and `route`, each requiring an access declaration. */
export interface ApiRouter {
  get: ApiShorthand;
  post: ApiShorthand;
  put: ApiShorthand;
  patch: ApiShorthand;
  delete: ApiShorthand;
  route<RouteGeneric extends RouteGenericInterface = RouteGenericInterface, ContextConfig = ContextConfigDefault,
    const SchemaCompiler extends FastifySchema = FastifySchema>(
    opts: RouteOptions<Server, Req, Rep, RouteGeneric, ContextConfig, SchemaCompiler, ZodTypeProvider, Logger> & Declared,
  ): ApiRouter;
}

/**
 * The router of a routes file: `const r = apiRouter(app); r.get('/things', { config: { access }, schema }, handler)`.
 * It is the app (or a plugin's scoped instance) with the zod type provider, seen through a type that requires
 * `config.access` on every route. The app's onRoute check (app.ts) stays as a second guard at boot.
 */
export function apiRouter(app: FastifyInstance): ApiRouter {
  return app.withTypeProvider<ZodTypeProvider>() as unknown as ApiRouter;
}
