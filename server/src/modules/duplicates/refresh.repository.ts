/** SQL of the background refresh: the queue, what a batch of records looks like, their candidates, the stored pairs. */
import type { DialectName, Executor } from '../../platform/db/db.js';
import { skipLocked } from '../../platform/db/dialect.js';
import { newId } from '../../platform/ids.js';
import type { CompanyFacts, ContactFacts } from './scoring.logic.js';
import './duplicates.tables.js';

export type DuplicateEntity = 'contact' | 'company';
export type PairTable = 'contact_duplicates' | 'company_duplicates';
export const pairTable = (e: DuplicateEntity): PairTable => (e === 'contact' ? 'contact_duplicates' : 'company_duplicates');
export interface QueueRow { entity: string; record_id: string; queued_at: string }

/** A value held by more records than this (a switchboard, info@, a big company) is no evidence and is skipped. */
export const GROUP_CAP = 50;
/** Colleagues compared per company of a batch. */
export const COMPANY_MATES_CAP = 2000;

const chunks = <T>(xs: T[], n = 500): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export const refreshRepository = {
  /** Queues records (idempotent: a record queued twice is one row with the later time). */
  async enqueue(ex: Executor, entity: DuplicateEntity, ids: string[], at: string): Promise<void> {
    for (const part of chunks([...new Set(ids)])) {
      if (!part.length) continue;
      await ex.insertInto('duplicate_queue').values(part.map((record_id) => ({ entity, record_id, queued_at: at })))
        .onConflict((oc) => oc.columns(['entity', 'record_id']).doUpdateSet({ queued_at: at })).execute();
    }
  },

  /** Oldest queued records; on PostgreSQL rows another node is working on are skipped. */
  async claim(trx: Executor, dialect: DialectName, limit: number): Promise<QueueRow[]> {
    return trx.selectFrom('duplicate_queue').select(['entity', 'record_id', 'queued_at']).orderBy('queued_at').orderBy('record_id')
      .limit(limit).modifyEnd(skipLocked(dialect)).execute();
  },

  /** Removes the rows a batch handled, unless their record was queued again meanwhile. */
  async unqueue(trx: Executor, rows: QueueRow[]): Promise<void> {
    for (const part of chunks(rows, 200)) {
      await trx.deleteFrom('duplicate_queue').where((eb) => eb.or(part.map((r) =>
        eb.and([eb('entity', '=', r.entity), eb('record_id', '=', r.record_id), eb('queued_at', '=', r.queued_at)])))).execute();
    }
  },

  async queued(ex: Executor): Promise<number> {
    return Number((await ex.selectFrom('duplicate_queue').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  },

  /** Live record ids after `after`, in id order (full rescan). */
  async liveIds(ex: Executor, entity: DuplicateEntity, after: string | null, limit: number): Promise<string[]> {
    const table = entity === 'contact' ? 'contacts' : 'companies';
    let q = ex.selectFrom(table).select('id').where('deleted_at', 'is', null);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
  },

  /** Companies of these contacts (an import creates companies its event does not name). */
  async companiesOf(ex: Executor, contactIds: string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(contactIds)])) {
      const rows = await ex.selectFrom('contacts').select('company_id').distinct().where('id', 'in', part).where('company_id', 'is not', null).execute();
      for (const r of rows) out.add(r.company_id!);
    }
    return [...out];
  },

  /** Live contacts with their emails and phones (three queries for the whole batch). */
  async contactFacts(ex: Executor, ids: string[]): Promise<Map<string, ContactFacts>> {
    const out = new Map<string, ContactFacts>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await ex.selectFrom('contacts').select(['id', 'given_name', 'family_name', 'company_id'])
        .where('id', 'in', part).where('deleted_at', 'is', null).execute();
      for (const r of rows) out.set(r.id, { givenName: r.given_name, familyName: r.family_name, companyId: r.company_id, emails: [], phones: [] });
      if (!rows.length) continue;
      const live = rows.map((r) => r.id);
      for (const e of await ex.selectFrom('contact_emails').select(['contact_id', 'email']).where('contact_id', 'in', live).execute()) out.get(e.contact_id)!.emails.push(e.email);
      for (const p of await ex.selectFrom('contact_phones').select(['contact_id', 'phone_e164']).where('contact_id', 'in', live).execute()) out.get(p.contact_id)!.phones.push(p.phone_e164);
    }
    return out;
  },

  /**
   * Live contacts that share an email or a phone with, or work at the same company as, the given ones.
   * Shared values held by more than GROUP_CAP contacts are skipped; at most COMPANY_MATES_CAP colleagues per company.
   */
  async contactCandidates(ex: Executor, facts: Map<string, ContactFacts>): Promise<Set<string>> {
    const out = new Set<string>();
    const all = [...facts.values()];
    const emails = [...new Set(all.flatMap((f) => f.emails))];
    const phones = [...new Set(all.flatMap((f) => f.phones))];
    const add = (rows: { v: string; id: string }[]) => {
      const groups = new Map<string, string[]>();
      for (const r of rows) groups.set(r.v, [...(groups.get(r.v) ?? []), r.id]);
      for (const ids of groups.values()) if (ids.length <= GROUP_CAP) ids.forEach((id) => out.add(id));
    };
    for (const part of chunks(emails)) {
      add(await ex.selectFrom('contact_emails as s').innerJoin('contacts as c', 'c.id', 's.contact_id').select(['s.email as v', 's.contact_id as id'])
        .where('s.email', 'in', part).where('c.deleted_at', 'is', null).execute());
    }
    for (const part of chunks(phones)) {
      add(await ex.selectFrom('contact_phones as s').innerJoin('contacts as c', 'c.id', 's.contact_id').select(['s.phone_e164 as v', 's.contact_id as id'])
        .where('s.phone_e164', 'in', part).where('c.deleted_at', 'is', null).execute());
    }
    for (const companyId of new Set(all.map((f) => f.companyId).filter((c): c is string => c !== null))) {
      const mates = await ex.selectFrom('contacts').select('id').where('company_id', '=', companyId).where('deleted_at', 'is', null)
        .orderBy('id').limit(COMPANY_MATES_CAP).execute();
      for (const m of mates) out.add(m.id);
    }
    return out;
  },

  /** Live companies with their E.164 phones. */
  async companyFacts(ex: Executor, ids: string[]): Promise<Map<string, CompanyFacts>> {
    const out = new Map<string, CompanyFacts>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await ex.selectFrom('companies').select(['id', 'name', 'domain', 'phones']).where('id', 'in', part).where('deleted_at', 'is', null).execute();
      for (const r of rows) {
        const phones = (JSON.parse(r.phones) as { number: string }[]).map((p) => p.number);
        out.set(r.id, { name: r.name, domain: r.domain, phones });
      }
    }
    return out;
  },

  /** Replaces the lookup values of these records (none for a deleted one). */
  async replaceKeys(trx: Executor, entity: DuplicateEntity, ids: string[], keys: { record_id: string; kind: string; value: string }[]): Promise<void> {
    for (const part of chunks(ids)) await trx.deleteFrom('duplicate_keys').where('entity', '=', entity).where('record_id', 'in', part).execute();
    for (const part of chunks(keys)) if (part.length) await trx.insertInto('duplicate_keys').values(part.map((k) => ({ entity, ...k }))).onConflict((oc) => oc.doNothing()).execute();
  },

  /** Records holding any of these values; values held by more than GROUP_CAP records are skipped. */
  async keyHolders(ex: Executor, entity: DuplicateEntity, keys: { kind: string; value: string }[]): Promise<Set<string>> {
    const out = new Set<string>();
    const byKind = new Map<string, string[]>();
    for (const k of keys) byKind.set(k.kind, [...(byKind.get(k.kind) ?? []), k.value]);
    for (const [kind, values] of byKind) {
      for (const part of chunks([...new Set(values)])) {
        const rows = await ex.selectFrom('duplicate_keys').select(['value', 'record_id']).where('entity', '=', entity).where('kind', '=', kind).where('value', 'in', part).execute();
        const groups = new Map<string, string[]>();
        for (const r of rows) groups.set(r.value, [...(groups.get(r.value) ?? []), r.record_id]);
        for (const ids of groups.values()) if (ids.length <= GROUP_CAP) ids.forEach((id) => out.add(id));
      }
    }
    return out;
  },

  /** Stores pairs (dismissals kept), stamped `at`. */
  async upsertPairs(trx: Executor, table: PairTable, pairs: { a: string; b: string; score: number; reasons: string[] }[], at: string): Promise<void> {
    for (const pr of pairs) {
      const reasons = JSON.stringify([...pr.reasons].sort());
      await trx.insertInto(table as 'contact_duplicates')
        .values({ id: newId(), a_id: pr.a, b_id: pr.b, score: pr.score, reasons, computed_at: at, dismissed_at: null, dismissed_by: null })
        .onConflict((oc) => oc.columns(['a_id', 'b_id']).doUpdateSet({ score: pr.score, reasons, computed_at: at })).execute();
    }
  },

  /** Open pairs of these records not confirmed at `at` no longer hold. */
  async deleteUnconfirmed(trx: Executor, table: PairTable, ids: string[], at: string): Promise<void> {
    for (const part of chunks(ids)) {
      await trx.deleteFrom(table as 'contact_duplicates').where('dismissed_at', 'is', null).where('computed_at', '<', at)
        .where((eb) => eb.or([eb('a_id', 'in', part), eb('b_id', 'in', part)])).execute();
    }
  },

  /** Open pairs not confirmed since `since` (end of a full rescan). */
  async deleteStale(trx: Executor, table: PairTable, since: string): Promise<void> {
    await trx.deleteFrom(table as 'contact_duplicates').where('computed_at', '<', since).where('dismissed_at', 'is', null).execute();
  },

  async countOpen(ex: Executor, table: PairTable): Promise<number> {
    return Number((await ex.selectFrom(table as 'contact_duplicates').select((eb) => eb.fn.countAll().as('n')).where('dismissed_at', 'is', null).executeTakeFirstOrThrow()).n);
  },

  /** Whether a refresh job is already waiting (so a burst of events queues one job, not one per event). */
  async refreshWaiting(ex: Executor, jobName: string): Promise<boolean> {
    return !!(await ex.selectFrom('jobs').select('id').where('name', '=', jobName).where('status', '=', 'queued').limit(1).executeTakeFirst());
  },
};
