/**
 * Quality of duplicate detection (issue 14 item 6): precision and recall of the contact scoring on the labelled set
 * (server/src/modules/duplicates/fixtures/labelled-pairs.json, ≥ 500 pairs), per threshold and per kind of pair,
 * beside the scoring it replaced; then end to end — every fixture contact created through the API in a fresh SQLite
 * database, candidates computed in the background (event listener → refresh job), and the same with a full rescan:
 * stored pairs against the labels (blocking included), and the time each took.
 * Usage: node bench/run.mjs duplicates-quality [--no-e2e] | --write-fixture
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { createUser, signIn } from '../server/src/platform/testing/factories';
import { rescanAll } from '../server/src/modules/duplicates/refresh.service';
import { CANDIDATE_THRESHOLD, CONFIDENT_THRESHOLD, scoreContacts, type ContactFacts } from '../server/src/modules/duplicates/scoring.logic';
import { generatePairs, pairsFileText, type LabelledPair } from '../server/src/modules/duplicates/fixtures/generate-pairs';
import { byKind, evaluate } from '../server/src/modules/duplicates/fixtures/evaluate';

// Run from the repository root (as every bench command in bench/README.md is).
const root = process.cwd();
const fixture = path.join(root, 'server/src/modules/duplicates/fixtures/labelled-pairs.json');
if (process.argv.includes('--write-fixture')) {
  const pairs = generatePairs();
  fs.writeFileSync(fixture, pairsFileText(pairs));
  console.log(`wrote ${pairs.length} pairs (${pairs.filter((p) => p.same).length} duplicates) to ${path.relative(root, fixture)}`);
  process.exit(0);
}
const pairs = JSON.parse(fs.readFileSync(fixture, 'utf8')) as LabelledPair[];

// ── the scoring before issue 14 item 6, kept here only as a baseline ──
// Any shared email (0.9), shared phone (0.8) or name similarity ≥ 0.75 at the same company (0.6 × similarity, on
// accent-free sorted tokens: the better of trigram Jaccard and normalised edit distance) made a stored pair.
const oldKey = (f: ContactFacts) => [f.givenName, f.familyName].filter(Boolean).join(' ').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean).sort().join(' ');
const tri = (s: string) => new Set(s.split(' ').flatMap((w) => Array.from({ length: w.length + 1 }, (_, i) => `  ${w} `.slice(i, i + 3))));
const lev = (a: string, b: string) => {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
};
function oldScore(p: LabelledPair): number {
  let miss = 1;
  if (p.a.emails.some((e) => p.b.emails.includes(e))) miss *= 0.1;
  if (p.a.phones.some((x) => p.b.phones.includes(x))) miss *= 0.2;
  if (p.a.companyId && p.a.companyId === p.b.companyId) {
    const [a, b] = [oldKey(p.a), oldKey(p.b)];
    if (a && b) {
      const ta = tri(a);
      const tb = tri(b);
      const common = [...ta].filter((t) => tb.has(t)).length;
      const sim = a === b ? 1 : Math.max(common / (ta.size + tb.size - common), 1 - lev(a, b) / Math.max(a.length, b.length));
      if (sim >= 0.75) miss *= 1 - 0.6 * sim;
    }
  }
  return 1 - miss;
}
const newScore = (p: LabelledPair) => scoreContacts(p.a, p.b).score;

console.log(`## Duplicate scoring quality, ${new Date().toISOString()}`);
console.log(`labelled set: ${pairs.length} pairs, ${pairs.filter((p) => p.same).length} duplicates, ${pairs.filter((p) => !p.same).length} look-alike non-duplicates\n`);
console.log('| Scoring | Threshold | Found (TP) | False alarms (FP) | Missed (FN) | Precision | Recall |');
console.log('|---|---|---|---|---|---|---|');
const row = (name: string, q: ReturnType<typeof evaluate>, label = String(q.threshold)) =>
  console.log(`| ${name} | ${label} | ${q.tp} | ${q.fp} | ${q.fn} | ${q.precision.toFixed(3)} | ${q.recall.toFixed(3)} |`);
row('before (issue 14)', evaluate(pairs, oldScore, 1e-9), 'any reason (stored)');
for (const t of [CANDIDATE_THRESHOLD, 0.7, CONFIDENT_THRESHOLD]) row('now', evaluate(pairs, newScore, t));

console.log(`\n| Kind | Duplicate? | Pairs | Found now (≥ ${CANDIDATE_THRESHOLD}) | Found before | Median score now |`);
console.log('|---|---|---|---|---|---|');
const now = byKind(pairs, newScore, CANDIDATE_THRESHOLD);
const before = byKind(pairs, oldScore, 1e-9);
for (const [kind, k] of now) {
  const scores = pairs.filter((p) => p.kind === kind).map(newScore).sort((a, b) => a - b);
  console.log(`| ${kind} | ${k.same ? 'yes' : 'no'} | ${k.n} | ${k.found} | ${before.get(kind)!.found} | ${scores[Math.floor(scores.length / 2)]!.toFixed(3)} |`);
}

if (!process.argv.includes('--no-e2e')) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-dupes-'));
  const config = loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000', KITH_DEFAULT_REGION: 'VN' });
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  for (const m of modules) await m.start?.(ctx);
  const app = await buildApp(ctx, modules, { logger: false });
  await app.ready();
  const headers = await signIn(database.db, await createUser(database.db, { admin: true }));
  const settle = async () => {
    for (;;) {
      const delivered = await ctx.services.events.runOnce();
      const ran = await ctx.services.jobs.runOnce();
      if (!delivered && !ran) return;
    }
  };
  await settle();
  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
    if (r.statusCode !== 201) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r.json().id as string;
  };
  const companies = new Map<string, string>();
  const owner = new Map<string, { pair: LabelledPair; side: 'a' | 'b' }>();
  for (const p of pairs) {
    for (const side of ['a', 'b'] as const) {
      const f = p[side];
      let companyId: string | undefined;
      if (f.companyId) {
        if (!companies.has(f.companyId)) companies.set(f.companyId, await post('/companies', { name: `Fixture ${f.companyId}` }));
        companyId = companies.get(f.companyId);
      }
      const id = await post('/contacts', {
        givenName: f.givenName ?? undefined, familyName: f.familyName ?? undefined, companyId,
        emails: f.emails.map((address) => ({ address })), phones: f.phones.map((number) => ({ number })),
      });
      owner.set(id, { pair: p, side });
    }
  }
  const stored = async () => {
    const rows = await database.db.selectFrom('contact_duplicates').select(['a_id', 'b_id']).where('dismissed_at', 'is', null).execute();
    let tp = 0;
    let fp = 0;
    let crossPair = 0;
    for (const r of rows) {
      const [x, y] = [owner.get(r.a_id)!, owner.get(r.b_id)!];
      if (x.pair === y.pair && x.pair.same) tp++;
      else fp++;
      if (x.pair !== y.pair) crossPair++;
    }
    const positives = pairs.filter((p) => p.same).length;
    return { stored: rows.length, tp, fp, crossPair, precision: tp / (tp + fp || 1), recall: tp / positives };
  };
  const t0 = performance.now();
  await settle();
  const bgMs = performance.now() - t0;
  const bg = await stored();
  const scan = await rescanAll(ctx);
  const full = await stored();
  console.log(`\n### End to end (SQLite, ${owner.size} contacts, ${companies.size} companies created through the API)\n`);
  console.log('| Path | Time, ms | Stored pairs | TP | FP (of which across fixture pairs) | Precision | Recall |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| background: events → queue → refresh job | ${bgMs.toFixed(0)} | ${bg.stored} | ${bg.tp} | ${bg.fp} (${bg.crossPair}) | ${bg.precision.toFixed(3)} | ${bg.recall.toFixed(3)} |`);
  console.log(`| full rescan job | ${scan.tookMs} | ${full.stored} | ${full.tp} | ${full.fp} (${full.crossPair}) | ${full.precision.toFixed(3)} | ${full.recall.toFixed(3)} |`);
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
