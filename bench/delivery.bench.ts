/**
 * Cost of compressing API responses on the fly (issue 18): real payloads from Kith's own routes (contact list
 * pages of 10, 50 and 200 rows, the OpenAPI document) compressed by each candidate codec and level, CPU time per
 * response against the floor of serving the same request uncompressed (its server time through app.inject);
 * then the list page over HTTP with and without `Accept-Encoding: br` (autocannon, requests/s and bytes).
 * Usage: node bench/run.mjs delivery [--contacts 2000] [--samples 200] [--duration 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { createUser, signIn } from '../server/src/platform/testing/factories';
import { BROTLI_QUALITY, COMPRESS_THRESHOLD, GZIP_LEVEL } from '../server/src/platform/http/compress';
import { rng, seedCompanies, seedContacts } from './seed';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const contacts = arg('contacts', 2000);
const samples = arg('samples', 200);
const duration = arg('duration', 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => unknown) => {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000; // ms of CPU
};
const wall = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const codecs: Record<string, (b: Buffer) => Buffer> = {
  'gzip 1': (b) => zlib.gzipSync(b, { level: 1 }),
  'gzip 6': (b) => zlib.gzipSync(b, { level: 6 }),
  'gzip 9': (b) => zlib.gzipSync(b, { level: 9 }),
  'br 1': (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } }),
  'br 4': (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
  'br 6': (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
  'br 11': (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-delivery-'));
const config = loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' });
const database = await openAndMigrate(config, modules);
const ctx = createContext(config, database, modules);
const app = await buildApp(ctx, modules, { logger: false });
await app.ready();
const admin = await createUser(database.db, { admin: true });
const headers = await signIn(database.db, admin);
const r = rng(18);
const users = { userIds: [admin.id], teamIds: [null] };
const companyIds = await seedCompanies(database, Math.ceil(contacts / 10), users, r);
await seedContacts(database, contacts, users, companyIds, r);

const routes: Record<string, string> = {
  'contacts, 10 rows': '/api/v1/contacts?limit=10&total=false',
  'contacts, 50 rows': '/api/v1/contacts?limit=50&total=false',
  'contacts, 200 rows': '/api/v1/contacts?limit=200&total=false',
  'OpenAPI document': '/api/openapi.json',
};

console.log(`## On-the-fly compression, ${new Date().toISOString()} (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
console.log(`chosen: br quality ${BROTLI_QUALITY}, gzip level ${GZIP_LEVEL}, threshold ${COMPRESS_THRESHOLD} B; ${samples} samples each, median\n`);
console.log(`| Payload | Bytes | Request, ms (floor) | ${Object.keys(codecs).join(' | ')} |`);
console.log(`|---|---|---|${Object.keys(codecs).map(() => '---').join('|')}|`);
const results: Record<string, unknown> = {};
for (const [name, url] of Object.entries(routes)) {
  const first = await app.inject({ method: 'GET', url, headers });
  if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body.slice(0, 200)}`);
  const body = first.rawPayload;
  const floor: number[] = [];
  for (let i = 0; i < samples; i++) floor.push(await wall(() => app.inject({ method: 'GET', url, headers })));
  const cells: string[] = [];
  for (const [codec, fn] of Object.entries(codecs)) {
    const size = fn(body).length;
    const n = codec === 'br 11' ? Math.min(samples, 30) : samples;
    const cpu: number[] = [];
    for (let i = 0; i < n; i++) cpu.push(time(() => fn(body)));
    const ms = median(cpu);
    cells.push(`${ms.toFixed(2)} ms, ${(size / 1024).toFixed(1)} KiB (${((ms / median(floor)) * 100).toFixed(0)} %)`);
    results[`${name} ${codec}`] = { ms, size };
  }
  console.log(`| ${name} | ${(body.length / 1024).toFixed(1)} KiB | ${median(floor).toFixed(2)} | ${cells.join(' | ')} |`);
}
console.log('\nCell: CPU ms to compress one response, compressed size, (CPU as % of serving the request uncompressed).');

// The list page over HTTP: what the chosen setting costs in throughput and saves in bytes.
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
console.log(`\n| ${duration} s × 10 connections, GET contacts 50 rows | req/s | p50 ms | bytes/response |`);
console.log('|---|---|---|---|');
for (const [label, enc] of [['identity', undefined], [`br ${BROTLI_QUALITY}`, 'br'], [`gzip ${GZIP_LEVEL}`, 'gzip']] as const) {
  const res = await autocannon({ url: `http://127.0.0.1:${port}${routes['contacts, 50 rows']}`, duration, connections: 10, headers: { ...headers, ...(enc ? { 'accept-encoding': enc } : {}) } });
  if (res.non2xx || res.errors) throw new Error(`${label}: ${res.non2xx} non-2xx, ${res.errors} errors`);
  console.log(`| ${label} | ${res.requests.average.toFixed(0)} | ${res.latency.p50} | ${(res.throughput.total / res.requests.total).toFixed(0)} |`);
}
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(path.join(process.cwd(), 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(process.cwd(), 'bench/results/delivery.json'), JSON.stringify(results, null, 2));
