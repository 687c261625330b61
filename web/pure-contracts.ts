/**
 * Vite plugin: lets the web build drop the zod schemas of contracts/*.ts that it imports but never runs.
 *
 * The web app imports constants from contracts (`presetChoices`, `rowErrorTexts`, …) and takes wire types
 * with `import type`. Each contract file also builds zod schemas at module level (`idSchema.describe(…)`,
 * `z.object({ ...fields, ...readOnly })`), and a bundler keeps what it cannot prove free of effects — a
 * method call, an object spread — and with it all of zod (about 45 kB gzipped) in whichever chunk imports a
 * constant. Contracts are declarations: their module-level statements build values and do nothing else.
 * This plugin turns each module-level initialiser and expression statement of contracts/*.ts into a
 * `@__PURE__` arrow call, so one that nothing uses is dropped whole and a used one runs as before.
 * The server is built by esbuild without it.
 */
import type { Plugin } from 'vite';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

type Edit = [at: number, text: string];
const OPEN = '/* @__PURE__ */ (() => (';
const CLOSE = '))()';
/** Initialisers with nothing to run: wrapping them would only add bytes. */
const INERT = new Set(['Literal', 'ArrowFunctionExpression', 'FunctionExpression', 'Identifier', 'TemplateLiteral']);

const wrap = (node: Node): Edit[] => (INERT.has(node.type) ? [] : [[node.start, OPEN], [node.end, CLOSE]]);

/** The insertions that make every module-level statement of `program` pure, last position first. */
export function pureEdits(program: Node): Edit[] {
  const edits: Edit[] = [];
  for (const raw of program.body as Node[]) {
    const statement = raw.type === 'ExportNamedDeclaration' && raw.declaration ? (raw.declaration as Node) : raw;
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations as Node[]) if (d.init) edits.push(...wrap(d.init as Node));
    } else if (statement.type === 'ExpressionStatement') {
      edits.push(...wrap(statement.expression as Node));
    }
  }
  return edits.sort((a, b) => b[0] - a[0]);
}

/** Applies edits given last position first. */
export function applyEdits(code: string, edits: Edit[]): string {
  let out = code;
  for (const [at, text] of edits) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

export function pureContracts(): Plugin {
  return {
    name: 'kith:pure-contracts',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]contracts[\\/][^\\/]+\.ts$/ },
      handler(code) {
        const edits = pureEdits(this.parse(code) as unknown as Node);
        return edits.length ? { code: applyEdits(code, edits), map: null } : null;
      },
    },
  };
}
