/** Module code adds routes only through apiRouter: the project's ESLint config flags the bare Fastify verbs there. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('eslint: module code adds routes only through apiRouter', () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: path.join(root, file) }))[0]!.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
  const code = `import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
export function routes(app: FastifyInstance, scoped: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.get('/x', async () => 1);
  scoped.post('/y', async () => 2);
  app.route({ method: 'GET', url: '/z', handler: async () => 3 });
  void r;
}
`;

  it('flags withTypeProvider and raw app/scoped verbs in a module', async () => {
    expect(await lint('server/src/modules/example/example.routes.ts', code)).toEqual([4, 5, 6, 7]);
  });

  it('allows them in tests and in the platform', async () => {
    expect(await lint('server/src/modules/example/example.routes.test.ts', code)).toEqual([]);
    expect(await lint('server/src/platform/http/example.ts', code)).toEqual([]);
  });
});
