/**
 * The API fuzzer in CI (issue 12): every operation of GET /api/openapi.json, fed fast-check requests built
 * from its schemas, as an administrator's session (with CSRF) and API key, on SQLite and PostgreSQL.
 * Fixed seed and budget; override with KITH_FUZZ_SEED / KITH_FUZZ_RUNS (runs per operation) for a deeper local run:
 *   KITH_FUZZ_RUNS=200 KITH_FUZZ_SEED=7 npx vitest run server/src/platform/testing/fuzz
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { createFuzzFixtures, idsFor, type FuzzFixtures } from './fuzz-fixtures.js';
import { fuzzOperation, operationsOf, type FuzzFailure, type Operation } from './openapi-fuzz.js';

const SEED = Number(process.env.KITH_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.KITH_FUZZ_RUNS ?? 20);

/** Operations that end the fuzzer's own session or erase data run after every other one. */
const LAST = [/\/auth\/logout/, /\/erase$/, /\/recycle-bin\/purge$/, /\/me\/password$/, /\/me\/totp\//];

/** Reads first, then writes, then deletes, then the destructive operations — so fixtures live as long as possible. */
function runOrder(op: Operation): number {
  if (LAST.some((r) => r.test(op.path))) return 3;
  if (op.method === 'DELETE') return 2;
  return op.method === 'GET' ? 0 : 1;
}

function summarise(failures: FuzzFailure[]): string {
  const groups = new Map<string, FuzzFailure[]>();
  for (const f of failures) {
    const key = `${f.operation} → ${f.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .map(([key, fs]) => {
      const f = fs[0]!;
      return `${key} (×${fs.length})\n    ${f.request.auth} ${f.request.method} ${f.request.url}\n    body: ${f.request.body}\n    → ${f.status} ${f.response}`;
    })
    .join('\n');
}

describeEachDialect('API fuzzer (OpenAPI × fast-check)', (env) => {
  it('answers every generated request below 500, and every 4xx in the error shape', async () => {
    const { app, database } = env();
    const fixtures: FuzzFixtures = await createFuzzFixtures(app, database.db);
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(90);
    const ordered = ops.map((op, i) => ({ op, i })).sort((a, b) => runOrder(a.op) - runOrder(b.op) || a.i - b.i);

    const failures: FuzzFailure[] = [];
    const statuses: Record<number, number> = {};
    const onlyRefused: string[] = [];
    let requests = 0;
    for (const { op, i } of ordered) {
      // Fresh credentials per operation: an earlier logout cannot starve the later ones.
      const auths = await fixtures.auths();
      const report = await fuzzOperation(app, op, { seed: SEED + i, runs: RUNS, auths, idsFor: idsFor(fixtures.pools) });
      requests += report.requests;
      failures.push(...report.failures);
      for (const [s, n] of Object.entries(report.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
      if (Object.keys(report.statuses).every((s) => s === '401' || s === '403')) onlyRefused.push(`${op.method} ${op.path}`);
    }
    // The fuzzer must really reach the handlers: no operation answered only 401/403 to an administrator,
    // and a good share of all requests succeeded.
    expect(onlyRefused).toEqual([]);
    const ok = Object.entries(statuses).filter(([s]) => Number(s) < 300).reduce((n, [, c]) => n + c, 0);
    expect(ok / requests).toBeGreaterThan(0.15);
    expect(failures.length, `${failures.length} of ${requests} requests broke the API conventions:\n${summarise(failures)}`).toBe(0);
  }, 480_000);
});
