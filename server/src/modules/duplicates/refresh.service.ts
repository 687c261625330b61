/**
 * Background duplicate detection: records queued by the event listener (duplicates.listeners.ts) are refreshed in
 * batches by a job (duplicates.jobs.ts); a full rescan queues every live record and drains the queue. Refreshing a
 * record recomputes every pair it is part of, so running it twice stores the same pairs (idempotent).
 */
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';
import { pairKey } from './duplicates.logic.js';
import { COMPANY_MATES_CAP, GROUP_CAP, pairTable, refreshRepository as repo, type DuplicateEntity, type QueueRow } from './refresh.repository.js';
import { CANDIDATE_THRESHOLD, companyKeys, fold, nameTokens, scoreCompanies, scoreContacts, type CompanyFacts, type ContactFacts } from './scoring.logic.js';

type Pair = { a: string; b: string; score: number; reasons: string[] };

/** value → ids holding it, over every record loaded for a batch. */
function index<F>(facts: Map<string, F>, keysOf: (f: F) => string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, f] of facts) for (const k of new Set(keysOf(f))) out.set(k, [...(out.get(k) ?? []), id]);
  return out;
}

/** Scores each record of the batch against the records that share a lookup value with it (blocking). */
function scorePairs<F>(
  batch: string[], facts: Map<string, F>, keysOf: (f: F) => string[], capOf: (key: string) => number,
  score: (a: F, b: F) => { score: number; reasons: string[] },
): Pair[] {
  const byKey = index(facts, keysOf);
  const pairs = new Map<string, Pair>();
  for (const x of batch) {
    const fx = facts.get(x);
    if (!fx) continue;
    for (const k of new Set(keysOf(fx))) {
      const holders = byKey.get(k) ?? [];
      if (holders.length > capOf(k)) continue;
      for (const y of holders) {
        const [a, b] = pairKey(x, y);
        if (x === y || pairs.has(`${a}|${b}`)) continue;
        const s = score(facts.get(a)!, facts.get(b)!);
        if (s.score >= CANDIDATE_THRESHOLD) pairs.set(`${a}|${b}`, { a, b, ...s });
      }
    }
  }
  return [...pairs.values()];
}

/**
 * Blocking keys of a contact: each email, each phone, and per word of its name "company + the word's first three
 * letters without diacritics" — colleagues are compared only when their names share a word start, so a company of
 * thousands costs far fewer than millions of comparisons. A colleague sharing no word start has another family name
 * (no candidate on name and company alone) or a typo at the start of every word (missed, unless an email or phone is
 * shared).
 */
const contactKeys = (f: ContactFacts) => [
  ...f.emails.map((e) => `e:${e}`), ...f.phones.map((p) => `p:${p}`),
  ...(f.companyId ? [...nameTokens(f.givenName), ...nameTokens(f.familyName)].map((t) => `c:${f.companyId}:${fold(t).slice(0, 3)}`) : []),
];
const contactCap = (k: string) => (k.startsWith('c:') ? COMPANY_MATES_CAP : GROUP_CAP);
const companyKeyStrings = (f: CompanyFacts) => companyKeys(f).map((k) => `${k.kind}:${k.value}`);

async function refreshContacts(trx: Executor, ids: string[], at: string): Promise<number> {
  const facts = await repo.contactFacts(trx, ids);
  const candidates = await repo.contactCandidates(trx, facts);
  const more = await repo.contactFacts(trx, [...candidates].filter((id) => !facts.has(id)));
  const all = new Map([...facts, ...more]);
  const pairs = scorePairs(ids, all, contactKeys, contactCap, scoreContacts);
  await repo.upsertPairs(trx, 'contact_duplicates', pairs, at);
  await repo.deleteUnconfirmed(trx, 'contact_duplicates', ids, at);
  return pairs.length;
}

async function refreshCompanies(trx: Executor, ids: string[], at: string): Promise<number> {
  const facts = await repo.companyFacts(trx, ids);
  const keys = [...facts].flatMap(([id, f]) => companyKeys(f).map((k) => ({ record_id: id, ...k })));
  await repo.replaceKeys(trx, 'company', ids, keys);
  const holders = await repo.keyHolders(trx, 'company', keys);
  const more = await repo.companyFacts(trx, [...holders].filter((id) => !facts.has(id)));
  const all = new Map([...facts, ...more]);
  const pairs = scorePairs(ids, all, companyKeyStrings, () => GROUP_CAP, scoreCompanies);
  await repo.upsertPairs(trx, 'company_duplicates', pairs, at);
  await repo.deleteUnconfirmed(trx, 'company_duplicates', ids, at);
  return pairs.length;
}

/** Recomputes the pairs of a batch of queued records (deleted ones lose their open pairs and lookup values). */
export async function refreshRecords(trx: Executor, rows: { entity: string; record_id: string }[]): Promise<number> {
  const at = nowIso();
  const of = (e: DuplicateEntity) => [...new Set(rows.filter((r) => r.entity === e).map((r) => r.record_id))];
  let n = 0;
  if (of('contact').length) n += await refreshContacts(trx, of('contact'), at);
  if (of('company').length) n += await refreshCompanies(trx, of('company'), at);
  return n;
}

/** Queues records for a refresh (the listener passes its delivery transaction). */
export const queueRecords = (ex: Executor, entity: DuplicateEntity, ids: string[]) => repo.enqueue(ex, entity, ids, nowIso());

/**
 * Drains the queue in batches, one transaction each, until it is empty or `budgetMs` has passed (then returns
 * `more: true` so the caller queues another run). A record queued again while its batch ran stays queued.
 */
export async function drainQueue(ctx: AppContext, opts: { batch?: number; budgetMs?: number } = {}): Promise<{ records: number; more: boolean }> {
  const { db, dialect } = ctx.database;
  const t0 = Date.now();
  let records = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows: QueueRow[] = await repo.claim(trx, dialect, opts.batch ?? 200);
      if (!rows.length) return 0;
      await refreshRecords(trx, rows);
      await repo.unqueue(trx, rows);
      return rows.length;
    });
    records += done;
    if (!done) return { records, more: false };
    if (Date.now() - t0 > (opts.budgetMs ?? 20_000)) return { records, more: true };
  }
}

/**
 * Full rescan (existing data, a scoring change, the nightly safety net): queues every live contact and company,
 * drains the queue, then removes open pairs no refresh confirmed. Running it again stores the same pairs.
 */
export async function rescanAll(ctx: AppContext): Promise<{ pairs: number; tookMs: number }> {
  const t0 = Date.now();
  const db = ctx.database.db;
  const started = nowIso();
  for (const entity of ['contact', 'company'] as const) {
    let after: string | null = null;
    for (;;) {
      const ids = await repo.liveIds(db, entity, after, 1000);
      if (!ids.length) break;
      await repo.enqueue(db, entity, ids, started);
      after = ids[ids.length - 1]!;
    }
  }
  await drainQueue(ctx, { budgetMs: Number.POSITIVE_INFINITY });
  await db.transaction().execute(async (trx) => {
    await repo.deleteStale(trx, pairTable('contact'), started);
    await repo.deleteStale(trx, pairTable('company'), started);
  });
  const pairs = (await repo.countOpen(db, 'contact_duplicates')) + (await repo.countOpen(db, 'company_duplicates'));
  return { pairs, tookMs: Date.now() - t0 };
}
