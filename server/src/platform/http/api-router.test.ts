/**
 * "A route without an access declaration does not compile": type-checks small fixture files against the real
 * api-router.ts with the TypeScript compiler (vitest does not run tsc, so this test does). api-router.lint.test.ts
 * checks that module code cannot bypass the router.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

const header = `import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiRouter } from './api-router.js';
import { websocketRoutes } from './websocket.js';
declare const app: FastifyInstance;
const r = apiRouter(app);
`;

/** Compiles, with request types inferred from the zod schemas (a wrong use of them is an error, so they are not `any`). */
const ok = `${header}
r.get('/things/:id', {
  config: { access: 'authenticated' },
  schema: { params: z.object({ id: z.string() }), querystring: z.object({ n: z.coerce.number() }) },
}, async (req) => {
  const id: string = req.params.id;
  const n: number = req.query.n;
  // @ts-expect-error params.id is a string, inferred from the schema
  const wrong: number = req.params.id;
  return { id, n, wrong };
});
r.post('/things', { config: { access: { module: 'contacts', action: 'create' } }, schema: { body: z.object({ name: z.string() }) } },
  async (req) => req.body.name.toUpperCase());
r.put('/things/:id', { config: { access: 'admin' }, handler: async () => 'ok' });
r.route({ method: 'DELETE', url: '/things/:id', config: { access: 'admin' }, handler: async () => null });
apiRouter(app).patch('/a', { config: { access: 'public' } }, async () => 1).delete('/b', { config: { access: 'admin' } }, async () => 2);
void websocketRoutes(app, (scope) => {
  scope.get('/things/ws', { websocket: true, config: { access: 'authenticated' } }, async (socket, req) => socket.send(req.url));
});
`;

/** Each must fail to compile (one route per fixture). */
const bad: Record<string, string> = {
  'no options': `r.get('/things', async () => []);`,
  'options without config': `r.get('/things', { schema: { querystring: z.object({ q: z.string() }) } }, async () => []);`,
  'config without access': `r.post('/things', { config: {} }, async () => null);`,
  'unknown access level': `r.delete('/things/:id', { config: { access: 'everyone' } }, async () => null);`,
  'route() without config': `r.route({ method: 'GET', url: '/things', handler: async () => [] });`,
  'options-with-handler without config': `r.patch('/things/:id', { handler: async () => null });`,
  'a websocket route without config': `void websocketRoutes(app, (scope) => { scope.get('/things/ws', { websocket: true }, async () => undefined); });`,
};

function diagnostics(files: Record<string, string>): Map<string, readonly ts.Diagnostic[]> {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(here, name), text]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = virtual.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile.call(host, f, lang, ...rest);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const out = new Map<string, readonly ts.Diagnostic[]>();
  for (const name of virtual.keys()) {
    const sf = program.getSourceFile(name)!;
    out.set(path.basename(name), [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]);
  }
  return out;
}

const text = (d: readonly ts.Diagnostic[]) => d.map((x) => ts.flattenDiagnosticMessageText(x.messageText, '\n')).join('\n---\n');

describe('apiRouter: access is a compile-time requirement', () => {
  let result: Map<string, readonly ts.Diagnostic[]>;
  const names = Object.keys(bad).map((label, i) => [label, `__access_fixture_bad_${i}.ts`] as const);
  beforeAll(() => {
    result = diagnostics({
      '__access_fixture_ok.ts': ok,
      ...Object.fromEntries(names.map(([label, file]) => [file, `${header}${bad[label]}\n`])),
    });
  }, 120_000);

  it('compiles routes that declare access, with params/query/body inferred from the zod schemas', () => {
    expect(text(result.get('__access_fixture_ok.ts')!)).toBe('');
  });

  it.each(names)('rejects a route with %s', (_label, file) => {
    const found = result.get(file)!;
    expect(found.length).toBeGreaterThan(0);
    // The error is about the route's options, on the route's own line (the last line of the fixture).
    const lines = new Set(found.map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line));
    expect([...lines]).toEqual([header.split('\n').length - 1]);
  });
});
