/**
 * Inbound mail figure (issue 16): mail sent over SMTP (nodemailer, pooled, 4 connections) to the built-in listener at
 * a steady rate → stored ticket. Per message: from the start of the SMTP send to `processed_at` of its
 * `ticket_inbound_mail` row (the ticket or the ticket message committed) — p50/p95/p99/max, and lost = accepted by SMTP
 * but not ending as a ticket. Half the mail opens a ticket (a new sender, a new contact), half answers the mail sent 11
 * before it by In-Reply-To (threaded into its ticket); one in five carries a 20 kB attachment. Issue target: p95 ≤ 200 ms
 * at 20 msg/s for 5 minutes; `--seconds` bounds the run (default 60).
 *
 * The floor, per database in the same run, at the same rate and for the same seconds, before Kith's part: the same
 * nodemailer client sends the same messages to a bare `smtp-server` on loopback that parses each message with
 * `mailparser` (the options Kith uses) and writes it with ONE plain insert (raw source, subject, From, Message-ID and
 * the time) — into a scratch SQLite file opened with Kith's pragmas (WAL, synchronous=FULL), or a scratch database of
 * the same PostgreSQL cluster through a `pg` pool of Kith's size — then answers 250 (so an accepted message is stored,
 * as in Kith). Measured the same way: send start → the time written in the row just before its last write.
 * The printed table gives both and p95(Kith) ÷ p95(floor) per database.
 * Usage: node bench/run.mjs tickets-inbound [--db sqlite|postgres|both] [--rate 20] [--seconds 60]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { loadPg, openSqliteFile } from '../server/src/platform/db/db';
import { newId, nowIso } from '../server/src/platform/ids';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { DEFAULT_SMTP_MAX_BYTES, startInboundListener } from '../server/src/modules/tickets/tickets.inbound.listener';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const RATE = Number(arg('rate', '20'));
const SECONDS = Number(arg('seconds', '60'));
const which = arg('db', 'both');

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

interface Sent { startedAt: Map<string, number>; failed: string[]; total: number; sendSeconds: number }

/** Sends the bench's RATE × SECONDS messages to port at the steady rate; resolves when every send is answered. */
async function sendAll(port: number): Promise<Sent> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4, maxMessages: Infinity });
  const attachment = Buffer.alloc(20_000, 'a');
  const startedAt = new Map<string, number>();
  const failed: string[] = [];
  const total = RATE * SECONDS;
  const sends: Promise<unknown>[] = [];
  const t0 = performance.now();
  const wall0 = Date.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const messageId = `<bench-${i}-${wall0}@sender.test>`;
    // Every odd message answers the one sent 11 before (half a second earlier at 20/s) by In-Reply-To, as a mail client does.
    const answers = i % 2 === 1 && i >= 11 ? i - 11 : null;
    const subject = answers !== null ? `Re: Request ${answers}` : `Request ${i}: the printer on floor ${i % 9} is jammed`;
    startedAt.set(messageId, wall0 + (performance.now() - t0));
    sends.push(transport.sendMail({
      from: `Customer <customer${answers ?? i}@sender.test>`, to: 'support@bench.test', subject, messageId,
      ...(answers !== null ? { inReplyTo: `<bench-${answers}-${wall0}@sender.test>` } : {}),
      text: `Hello,\n\nMessage ${i}. ${'The details of the problem. '.repeat(20)}\n\nOn Mon, 7 Dec 2026, Support wrote:\n> earlier text\n`,
      ...(i % 5 === 0 ? { attachments: [{ filename: `log-${i}.txt`, content: attachment }] } : {}),
    }).catch((err: Error) => { failed.push(err.message); }));
  }
  await Promise.all(sends);
  const sendSeconds = (performance.now() - t0) / 1000;
  transport.close();
  return { startedAt, failed, total, sendSeconds };
}

/** Latencies (send start → the row's stamp) of the rows whose Message-ID this run sent, sorted. */
function latencies(sent: Sent, rows: { message_id: string | null; processed_at: string | null }[]): number[] {
  const lat: number[] = [];
  for (const r of rows) {
    const s = r.message_id ? sent.startedAt.get(r.message_id) : undefined;
    if (s !== undefined && r.processed_at) lat.push(Date.parse(r.processed_at) - s);
  }
  return lat.sort((a, b) => a - b);
}

const figures = (lat: number[]) => ({ p50Ms: Math.round(pct(lat, 50)), p95Ms: Math.round(pct(lat, 95)), p99Ms: Math.round(pct(lat, 99)), maxMs: Math.round(lat.at(-1) ?? NaN) });

interface FloorStore { insert(raw: Buffer, subject: string | null, from: string | null, messageId: string | null): Promise<void>; rows(): Promise<{ message_id: string | null; processed_at: string | null }[]>; close(): Promise<void> }

async function floorStore(dialect: 'sqlite' | 'postgres', clusterUrl: string | undefined): Promise<FloorStore> {
  const columns = (blob: string) => `id text primary key, raw ${blob} not null, subject text, from_address text, message_id text, processed_at text not null`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync('/tmp/kith-inboundfloor-');
    const sqlite = openSqliteFile(path.join(dir, 'floor.db'));
    sqlite.exec(`create table inbound_floor (${columns('blob')})`);
    const stmt = sqlite.prepare('insert into inbound_floor (id, raw, subject, from_address, message_id, processed_at) values (?, ?, ?, ?, ?, ?)');
    return {
      insert: async (raw, subject, from, messageId) => { stmt.run(newId(), raw, subject, from, messageId, nowIso()); },
      rows: async () => sqlite.prepare('select message_id, processed_at from inbound_floor').all() as { message_id: string | null; processed_at: string | null }[],
      close: async () => { sqlite.close(); fs.rmSync(dir, { recursive: true, force: true }); },
    };
  }
  const { Client, Pool } = loadPg();
  const admin = new Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query('create database inbound_floor');
  await admin.end();
  const pool = new Pool({ connectionString: clusterUrl!.replace(/\/[^/]*$/, '/inbound_floor'), max: 10 });
  await pool.query(`create table inbound_floor (${columns('bytea')})`);
  return {
    insert: async (raw, subject, from, messageId) => {
      await pool.query('insert into inbound_floor (id, raw, subject, from_address, message_id, processed_at) values ($1, $2, $3, $4, $5, $6)', [newId(), raw, subject, from, messageId, nowIso()]);
    },
    rows: async () => (await pool.query<{ message_id: string | null; processed_at: string | null }>('select message_id, processed_at from inbound_floor')).rows,
    close: () => pool.end(),
  };
}

/** The floor: a bare smtp-server that parses each message and stores it with one insert before answering 250. */
async function floor(dialect: 'sqlite' | 'postgres', clusterUrl: string | undefined) {
  const store = await floorStore(dialect, clusterUrl);
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: DEFAULT_SMTP_MAX_BYTES,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw, { skipImageLinks: true, skipHtmlToText: true })
          .then((mail) => store.insert(raw, mail.subject ?? null, mail.from?.value[0]?.address ?? null, mail.messageId ?? null))
          .then(() => callback(), (err: Error) => callback(Object.assign(new Error(`floor: ${err.message}`), { responseCode: 451 })));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { server.server.off('error', reject); resolve(); });
  });
  const addr = server.server.address();
  const sent = await sendAll(typeof addr === 'object' && addr ? addr.port : 0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const rows = await store.rows();
  await store.close();
  const lat = latencies(sent, rows);
  return {
    sent: sent.total, smtpRefused: sent.failed.length, stored: lat.length, lost: sent.total - sent.failed.length - lat.length,
    achievedRate: +(sent.total / sent.sendSeconds).toFixed(1), ...figures(lat), errors: [...new Set(sent.failed)].slice(0, 5),
  };
}

async function kith(dialect: 'sqlite' | 'postgres', clusterUrl: string | undefined) {
  const dataDir = fs.mkdtempSync('/tmp/kith-inboundbench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl: clusterUrl, mailFrom: 'Support <support@bench.test>' };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  // As `kith start` does (the engine's relation targets are registered there); job and event loops stay off.
  for (const m of modules) await m.start?.(ctx);
  const listener = await startInboundListener(ctx, { port: 0 });
  const sent = await sendAll(listener.port);
  await listener.idle();
  await listener.close();

  const rows = await database.db.selectFrom('ticket_inbound_mail').select(['message_id', 'status', 'processed_at']).execute();
  const tickets = rows.filter((r) => r.status === 'ticket').length;
  const lat = latencies(sent, rows);
  const loose = database.db as unknown as Kysely<any>;
  const newTickets = Number((await loose.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const reasons = await database.db.selectFrom('ticket_inbound_mail').select(['status', 'reason']).where('status', '!=', 'ticket').groupBy(['status', 'reason']).execute();
  await database.close();
  return {
    sent: sent.total, smtpRefused: sent.failed.length, stored: rows.length, ticketed: tickets, newTickets,
    lost: sent.total - sent.failed.length - tickets, achievedRate: +(sent.total / sent.sendSeconds).toFixed(1), ...figures(lat),
    errors: [...new Set(sent.failed)].slice(0, 5), notTicketed: reasons.slice(0, 5),
  };
}

type Part = Awaited<ReturnType<typeof floor>>;
const results: { dialect: string; floor: Part; kith: Awaited<ReturnType<typeof kith>>; ratio: number }[] = [];

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  try {
    const f = await floor(dialect, cluster?.url);
    console.log(JSON.stringify({ dialect, part: 'floor', rate: RATE, seconds: SECONDS, ...f }));
    const k = await kith(dialect, cluster?.url);
    console.log(JSON.stringify({ dialect, part: 'kith', rate: RATE, seconds: SECONDS, ...k }));
    if (k.notTicketed.length) console.log('not ticketed:', k.notTicketed);
    for (const [part, errors] of [['floor', f.errors], ['kith', k.errors]] as const) if (errors.length) console.log(`SMTP errors (${part}):`, errors);
    const ratio = +(k.p95Ms / f.p95Ms).toFixed(2);
    results.push({ dialect, floor: f, kith: k, ratio });
    const result = {
      dialect, rate: RATE, seconds: SECONDS, sent: k.sent, smtpRefused: k.smtpRefused, stored: k.stored, ticketed: k.ticketed, newTickets: k.newTickets,
      lost: k.lost, achievedRate: k.achievedRate, p50Ms: k.p50Ms, p95Ms: k.p95Ms, p99Ms: k.p99Ms, maxMs: k.maxMs, targetP95Ms: 200,
      floor: { sent: f.sent, smtpRefused: f.smtpRefused, stored: f.stored, lost: f.lost, achievedRate: f.achievedRate, p50Ms: f.p50Ms, p95Ms: f.p95Ms, p99Ms: f.p99Ms, maxMs: f.maxMs },
      p95VsFloor: ratio,
    };
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/tickets-inbound-${dialect}.json`, JSON.stringify(result, null, 2));
  } finally {
    cluster?.stop();
  }
}

for (const d of which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres']) await run(d);

const ms = (n: number) => (Number.isNaN(n) ? '–' : `${n.toLocaleString('en')} ms`);
console.log(`\ninbound mail, ${RATE} msg/s for ${SECONDS} s per part, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end`);
console.log('| Database | Part | Sent | Refused by SMTP | Stored / ticketed | Lost | Rate reached | p50 | p95 | p99 | max | p95 ÷ floor |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const name = r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const f = r.floor;
  const k = r.kith;
  console.log(`| ${name} | floor: bare smtp-server + mailparser + 1 insert | ${f.sent} | ${f.smtpRefused} | ${f.stored} | ${f.lost} | ${f.achievedRate}/s | ${ms(f.p50Ms)} | ${ms(f.p95Ms)} | ${ms(f.p99Ms)} | ${ms(f.maxMs)} | 1.00× |`);
  console.log(`| ${name} | Kith listener → ticket | ${k.sent} | ${k.smtpRefused} | ${k.ticketed} | ${k.lost} | ${k.achievedRate}/s | ${ms(k.p50Ms)} | ${ms(k.p95Ms)} | ${ms(k.p99Ms)} | ${ms(k.maxMs)} | ${r.ratio.toFixed(2)}× |`);
}
