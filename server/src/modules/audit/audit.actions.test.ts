/**
 * Every action the code writes to the audit log is in contracts' `auditActions` (which the web app has
 * words for, web/src/modules/audit/audit.words.ts). The test reads every appendAudit() call in
 * server/src, so a new action without words fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../../../contracts/audit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The argument text of each `appendAudit(` call (up to its matching parenthesis). */
function calls(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('appendAudit('); i >= 0; i = text.indexOf('appendAudit(', i + 1)) {
    if (/function\s+$|import[^;]*$/.test(text.slice(Math.max(0, i - 40), i))) continue; // the definition / import
    let depth = 0;
    let j = i + 'appendAudit'.length;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    if (j > i + 'appendAudit()'.length) out.push(text.slice(i, j + 1)); // not a mention in prose: `appendAudit()`
  }
  return out;
}

const literals = (s: string) => [...s.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);

/**
 * Calls whose action is not written at the call: where its values come from. A new indirection must be
 * added here (and its values to auditActions), so none slips by.
 */
const indirect: Record<string, { call: RegExp; values: RegExp }> = {
  'platform/records/pipeline.ts': { call: /action, entity/, values: /const action = (\{[^}]*\})/g },
  'platform/records/metadata.ts': { call: /\baction, entity: 'record_type'/, values: /audited\(trx, p, ('[a-z_]+')/g },
  'modules/deals/pipelines.service.ts': { call: /\baction, entity: 'pipeline'/, values: /\baudit\(trx, p, ('[a-z_]+')/g },
  'modules/identity/profile.service.ts': { call: /\.\.\.audit \}/, values: /\baction: ('[a-z_]+')/g },
};

function writtenActions(): { actions: Set<string>; unexplained: string[] } {
  const actions = new Set<string>();
  const unexplained: string[] = [];
  for (const file of sources(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (rel === 'platform/audit/audit.ts') continue;
    const text = readFileSync(file, 'utf8');
    for (const call of calls(text)) {
      const m = /\baction:\s*([^,}\n]+(?:\?[^,}\n]+)?)/.exec(call);
      if (m && literals(m[1]!).length > 0) literals(m[1]!).forEach((a) => actions.add(a));
      else if (indirect[rel]?.call.test(call)) for (const v of text.matchAll(indirect[rel].values)) literals(v[1]!).forEach((a) => actions.add(a));
      else unexplained.push(`${rel}: ${call.slice(0, 120)}`);
    }
  }
  return { actions, unexplained };
}

describe('audit actions', () => {
  it('every action written anywhere is a known action (so it has words)', () => {
    const { actions, unexplained } = writtenActions();
    expect(unexplained).toEqual([]);
    // The scan itself works: it finds actions written directly, through a ternary and through each indirection.
    for (const a of ['merged_into', 'import_revert', 'permission_change', 'update', 'restore', 'totp_enable', 'login_failed']) expect(actions).toContain(a);
    expect([...actions].filter((a) => !(auditActions as readonly string[]).includes(a))).toEqual([]);
  });

  it('lists no action the code never writes', () => {
    const { actions } = writtenActions();
    expect(auditActions.filter((a) => !actions.has(a))).toEqual([]);
  });
});
