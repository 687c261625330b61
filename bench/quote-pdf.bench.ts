/**
 * Quote PDF figure (issue 17): a quote of 50 Vietnamese lines as a PDF, three ways in one run:
 *   route  — GET /api/v1/quotes/{id}/pdf through the whole API (session, grant, scope, quote and lines read, company,
 *            words, render), on SQLite or PostgreSQL;
 *   render — renderDocumentPdf alone with the same input (the template: header, table, totals, words, page numbers);
 *   floor  — bare pdfkit writing the same 50 lines of text, one line each, in the same embedded DejaVu Sans (the
 *            font subsetting and compression every Vietnamese PDF pays), no layout.
 * Usage: node bench/run.mjs quote-pdf [--db sqlite|postgres|both] [--samples 60]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { createRole, createUser, signIn } from '../server/src/platform/testing/factories';
import { amountInWords, documentTotals, lineTotals, renderDocumentPdf } from '../server/src/platform/documents/index';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const samples = Number(arg('samples', '60'));
const which = arg('db', 'both');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const items = Array.from({ length: 50 }, (_, i) => ({
  description: `Máy lọc nước RO Karofi ${i + 1} — lõi lọc thay thế, lắp đặt tại nhà ở Hà Nội`,
  quantity: 1 + (i % 4), unitPrice: 1_250_000 + i * 10_000, discountPercent: i % 3 === 0 ? 5 : 0, taxRate: i % 2 === 0 ? 8 : 10,
}));

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn(); // warm: fonts read, code paths compiled
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const font = readFont();
function readFont(): Buffer {
  return fs.readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
}

/** The floor: the same text in the same font, one line each, no layout. */
function barePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', font);
    doc.font('body').fontSize(9);
    for (const it of items) doc.text(`${it.description}  ${it.quantity} × ${it.unitPrice} ₫`);
    doc.end();
  });
}

function renderOnly(): Promise<Buffer> {
  const lines = items.map((l) => ({ ...lineTotals(l, 'VND'), description: l.description }));
  const totals = documentTotals(lines);
  return renderDocumentPdf({
    kind: 'quote', number: 'Q-2026-0001', date: '2026-12-07', lang: 'vi', lines, totals,
    words: amountInWords(totals.total, 'VND', 'vi'),
    company: { name: 'Công ty TNHH Kith', address: '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' },
    customer: { name: 'Công ty TNHH Ánh Dương', address: '45 Nguyễn Huệ, Quận 1, TP Hồ Chí Minh' },
  });
}

async function route(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-pdfbench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl: cluster?.url };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  const app = await buildApp(ctx, modules, { logger: false });
  await app.ready();
  try {
    const headers = await signIn(database.db, await createUser(database.db, { roleId: (await createRole(database.db, { isAdmin: true })).id }));
    const made = await app.inject({ method: 'POST', url: '/api/v1/quotes', headers, payload: { values: { title: 'Bench quote' } } });
    if (made.statusCode !== 201) throw new Error(`create quote: ${made.statusCode} ${made.body}`);
    const id = made.json<{ id: string }>().id;
    const put = await app.inject({ method: 'PUT', url: `/api/v1/quotes/${id}/lines`, headers, payload: { items } });
    if (put.statusCode !== 200) throw new Error(`lines: ${put.statusCode} ${put.body}`);
    let bytes = 0;
    const ms = await time(async () => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/quotes/${id}/pdf?lang=vi`, headers });
      if (res.statusCode !== 200) throw new Error(`pdf: ${res.statusCode} ${res.body}`);
      bytes = res.rawPayload.length;
    });
    return { ms, bytes };
  } finally {
    await app.close();
    await database.close();
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const report = (name: string, ms: number[]) => ({ name, p50: +pct(ms, 50).toFixed(1), p95: +pct(ms, 95).toFixed(1) });

const floor = report('floor: bare pdfkit, same text and font', await time(barePdf));
const render = report('renderDocumentPdf (template)', await time(renderOnly));
const rows = [floor, render];
for (const dialect of which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres']) {
  const { ms, bytes } = await route(dialect);
  rows.push({ ...report(`GET /quotes/{id}/pdf (${dialect}, ${Math.round(bytes / 1024)} KiB)`, ms) });
}
console.log(`quote PDF, 50 lines, ${samples} samples each, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
for (const r of rows) console.log(`${r.name.padEnd(48)} p50 ${String(r.p50).padStart(7)} ms   p95 ${String(r.p95).padStart(7)} ms   p95 ÷ floor ${(r.p95 / floor.p95).toFixed(2)}×`);
