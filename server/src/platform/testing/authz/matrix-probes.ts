/**
 * What the authorization matrix asks of each module: every read path (list, count, search, get, timeline,
 * relation includes), export, update (incl. bulk and merge), delete and create, for one grant's caller and
 * its own / team / other records. A probe never stops at the first surprise: it records each mismatch,
 * so one run prints the whole table of what is wrong.
 */
import type { FastifyInstance } from 'fastify';
import { expectFor, relations, sees, visibleRelations, type Outcome, type Relation } from './matrix.js';
import { engineObjects, type Case, type Shared } from './matrix-fixtures.js';
import type { Executor } from '../../db/db.js';

export interface Mismatch {
  grant: string;
  probe: string;
  expected: string;
  got: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class Prober {
  readonly mismatches: Mismatch[] = [];
  constructor(
    private readonly app: FastifyInstance,
    readonly c: Case,
    readonly s: Shared,
    readonly db: Executor,
  ) {}

  async send(method: Method, url: string, payload?: object) {
    const res = await this.app.inject({ method, url: `/api/v1${url}`, headers: this.c.headers, payload });
    return { status: res.statusCode, text: res.body, json: () => res.json() as Record<string, unknown> };
  }

  /** Sends one request and compares its status with the expected outcome ('ok' = any 2xx). */
  async expect(probe: string, outcome: Outcome, method: Method, url: string, payload?: object) {
    const r = await this.send(method, url, payload);
    const ok = outcome === 'ok' ? r.status >= 200 && r.status < 300 : r.status === outcome;
    if (!ok) this.fail(probe, String(outcome), `${r.status} ${r.text.slice(0, 160)}`);
    return r;
  }

  /**
   * Sends a request naming an invisible record, then the same naming a missing one: both must be refused
   * with the same status, error code and message (no existence oracle).
   */
  async likeMissing(probe: string, method: Method, url: string, invisible: object, missing: object) {
    const shape = (r: { status: number; text: string }) => {
      const e = (JSON.parse(r.text || '{}') as { error?: { code?: string; message?: string } }).error;
      return `${r.status} ${e?.code ?? ''} ${e?.message ?? ''}`;
    };
    const got = shape(await this.send(method, url, invisible));
    const want = shape(await this.send(method, url, missing));
    if (got !== want || !/^4/.test(want)) this.fail(probe, want, got);
  }

  fail(probe: string, expected: string, got: string) {
    this.mismatches.push({ grant: this.c.grant.label, probe, expected, got });
  }

  /** The relations whose record ids appear in `ids`. */
  relationsIn(ids: Iterable<string>): Relation[] {
    const set = new Set(ids);
    return relations.filter((r) => set.has(this.c.records[r]));
  }

  /** The relations whose names (`<token><relation>`) appear in a text body (exports). */
  relationsNamedIn(text: string): Relation[] {
    return relations.filter((r) => text.includes(`${this.c.token}${r}`));
  }

  sameSet(probe: string, got: Relation[], expected: Relation[]) {
    if (got.join() !== expected.join()) this.fail(probe, `[${expected.join(',')}]`, `[${got.join(',')}]`);
  }
}

/** A well-formed id that no record has. */
const MISSING_ID = '01900000-0000-7000-8000-000000000000';

const ids = (body: Record<string, unknown>) => ((body.data ?? []) as { id: string }[]).map((x) => x.id);

/** list, count, search, get, timeline, export — for contacts or companies. */
async function recordReads(p: Prober, plural: 'contacts' | 'companies') {
  const { grant: g, token, records } = p.c;
  const visible = visibleRelations(g);
  const list = await p.expect('list', expectFor(g, 'read', 'own') === 403 ? 403 : 'ok', 'GET', `/${plural}?tag=${token}&limit=200`);
  if (list.status === 200) p.sameSet('list ids', p.relationsIn(ids(list.json())), visible);
  const count = await p.expect('count', g.actions.includes('read') ? 'ok' : 403, 'GET', `/${plural}/count?tag=${token}`);
  if (count.status === 200 && count.json().total !== visible.length) p.fail('count total', String(visible.length), String(count.json().total));
  const search = await p.expect('search', 'ok', 'GET', `/search?q=${token}&limit=50`);
  const type = plural === 'contacts' ? 'contact' : 'company';
  const hits = ((search.json().data ?? []) as { type: string; id: string }[]).filter((h) => h.type === type).map((h) => h.id);
  p.sameSet('search ids', p.relationsIn(hits), visible);
  for (const rel of relations) {
    await p.expect(`get ${rel}`, expectFor(g, 'read', rel), 'GET', `/${plural}/${records[rel]}`);
    await p.expect(`timeline ${rel}`, expectFor(g, 'read', rel), 'GET', `/${plural}/${records[rel]}/timeline`);
  }
  const exp = await p.expect('export', g.actions.includes('export') ? 'ok' : 403, 'GET', `/${plural}/export?format=csv&tag=${token}`);
  if (exp.status === 200) p.sameSet('export rows', p.relationsNamedIn(exp.text), visible);
}

/** update (PATCH), delete — for contacts or companies; `patch` is a harmless change. */
async function recordWrites(p: Prober, plural: 'contacts' | 'companies', patch: object) {
  const { grant: g, records, me } = p.c;
  for (const rel of relations) await p.expect(`update ${rel}`, expectFor(g, 'update', rel), 'PATCH', `/${plural}/${records[rel]}`, patch);
  for (const rel of relations) await p.expect(`delete ${rel}`, expectFor(g, 'delete', rel), 'DELETE', `/${plural}/${records[rel]}`);
  // Creating: without the verb 403; a record assigned beyond the caller's own visibility is refused (403 ownerId).
  const create = (rel: Relation) => (!g.actions.includes('create') ? 403 : sees(g, rel) ? 'ok' : 403);
  const body = (ownerId: string) => (plural === 'contacts' ? { familyName: `${p.c.token}new`, ownerId } : { name: `${p.c.token}new`, ownerId });
  await p.expect('create own', create('own'), 'POST', `/${plural}`, body(me.id));
  await p.expect('create for another team', create('other'), 'POST', `/${plural}`, body(p.s.other.id));
}

export async function probeContacts(p: Prober) {
  const { grant: g, records } = p.c;
  await recordReads(p, 'contacts');
  for (const rel of relations) await p.expect(`personal-data export ${rel}`, expectFor(g, 'export', rel), 'GET', `/contacts/${records[rel]}/export`);
  // Relation includes: the own contact links to a company the caller cannot see; its name must not leak.
  if (sees(g, 'own')) {
    const own = await p.send('GET', `/contacts/${records.own}`);
    if (own.text.includes(p.s.hiddenCompany.name)) p.fail('get own: hidden company name', 'absent', 'present');
    const search = await p.send('GET', `/search?q=${p.c.token}`);
    if (search.text.includes(p.s.hiddenCompany.name)) p.fail('search: hidden company name', 'absent', 'present');
  }
  // Linking to an invisible company answers exactly like linking to a missing one.
  if (g.actions.includes('update') && sees(g, 'own')) {
    await p.likeMissing('link to invisible company', 'PATCH', `/contacts/${records.own}`, { companyId: p.s.unlinkedCompany.id }, { companyId: MISSING_ID });
  }
  for (const rel of relations) {
    await p.expect(`bulk add_tag ${rel}`, expectFor(g, 'update', rel), 'POST', '/contacts/bulk', { ids: [records[rel]], action: 'add_tag', value: 'bulk' });
  }
  // Merge names its contacts in the body: one outside scope answers exactly like a missing id.
  const merge = async (probe: string, url: string, rel: 'team' | 'other') => {
    const outcome = [expectFor(g, 'update', 'own'), expectFor(g, 'update', rel)].find((o) => o !== 'ok') ?? 'ok';
    if (outcome === 404) {
      const missingId = sees(g, 'own') ? { survivorId: records.own, mergedId: MISSING_ID } : { survivorId: MISSING_ID, mergedId: records[rel] };
      await p.likeMissing(probe, 'POST', url, { survivorId: records.own, mergedId: records[rel] }, missingId);
    } else {
      await p.expect(probe, outcome, 'POST', url, { survivorId: records.own, mergedId: records[rel] });
    }
  };
  await merge('merge preview own+team', '/contacts/merge/preview', 'team');
  await merge('merge preview own+other', '/contacts/merge/preview', 'other');
  await recordWrites(p, 'contacts', { jobTitle: 'Checked' });
  // The real merge last (it removes the merged record): own survivor, other-team merged.
  if (!g.actions.includes('delete')) await merge('merge own+other', '/contacts/merge', 'other');
}

export async function probeCompanies(p: Prober) {
  await recordReads(p, 'companies');
  await recordWrites(p, 'companies', { industry: 'Checked' });
}

/**
 * Activities: readable when the owner is within the caller's activities scope (or the parent record is
 * readable — never here: the parent belongs to the administrator and the role grants nothing on contacts).
 * Reads are open to every signed-in user and filtered, so an activity outside scope is a 404, not a 403.
 * An activity on an engine record (`recordType` + `recordId`) is visible exactly when its record is: the caller's own
 * task on an invisible deal is in no list and answers 404, and the deal's timeline 404s like a missing one.
 */
export async function probeActivities(p: Prober) {
  const { grant: g, records, parentId } = p.c;
  const read = (rel: Relation) => (sees(g, rel) ? 'ok' : 404);
  const list = await p.expect('list', 'ok', 'GET', `/activities?limit=200&types=task`);
  p.sameSet('list ids', p.relationsIn(ids(list.json())), visibleRelations(g));
  if (p.c.onHiddenRecord) {
    if (ids(list.json()).includes(p.c.onHiddenRecord)) p.fail('list leaves out the task on an invisible deal', 'absent', 'listed');
    await p.expect('get task on an invisible deal', 404, 'GET', `/activities/${p.c.onHiddenRecord}`);
    await p.expect('timeline of the invisible deal', 404, 'GET', `/activities/timeline?recordType=deals&recordId=${p.c.hiddenDeal}`);
  }
  for (const rel of relations) {
    await p.expect(`get ${rel}`, read(rel), 'GET', `/activities/${records[rel]}`);
    await p.expect(`attachments ${rel}`, read(rel), 'GET', `/activities/${records[rel]}/attachments`);
  }
  for (const rel of relations) await p.expect(`update ${rel}`, expectFor(g, 'update', rel), 'PATCH', `/activities/${records[rel]}`, { subject: `${p.c.token}${rel} edited` });
  for (const rel of relations) await p.expect(`complete ${rel}`, expectFor(g, 'update', rel), 'POST', `/activities/${records[rel]}/complete`, {});
  for (const rel of relations) await p.expect(`delete ${rel}`, expectFor(g, 'delete', rel), 'DELETE', `/activities/${records[rel]}`);
  // Creating on a parent the caller cannot see answers like a missing parent.
  if (g.actions.includes('create')) {
    await p.likeMissing('create on invisible parent', 'POST', '/activities', { type: 'note', body: 'x', contactId: parentId }, { type: 'note', body: 'x', contactId: MISSING_ID });
  } else {
    await p.expect('create', 403, 'POST', '/activities', { type: 'note', body: 'x', contactId: parentId });
  }
}

/**
 * A standard object of the records engine (tasks, deals, leads): list (q), capped count, cross-object search,
 * get, timeline, export at its own path and the generic one, update, delete and create — every route the engine
 * serves for it applies the object's grant and scope the same way.
 */
function probeEngineObject(name: string) {
  return async (p: Prober) => {
    const o = engineObjects[name]!;
    const { grant: g, token, records, me } = p.c;
    const visible = visibleRelations(g);
    const readOr403 = g.actions.includes('read') ? 'ok' : 403;
    const list = await p.expect('list', readOr403, 'GET', `/${o.path}?q=${token}&limit=200`);
    if (list.status === 200) p.sameSet('list ids', p.relationsIn(ids(list.json())), visible);
    const count = await p.expect('count', readOr403, 'GET', `/${o.path}/count?q=${token}`);
    if (count.status === 200 && count.json().count !== visible.length) p.fail('count', String(visible.length), String(count.json().count));
    const search = await p.expect('search', 'ok', 'GET', `/record-search?q=${token}&limit=20`);
    const hits = ((search.json().data ?? []) as { object: string; id: string }[]).filter((h) => h.object === name).map((h) => h.id);
    p.sameSet('search ids', p.relationsIn(hits), visible);
    for (const rel of relations) {
      await p.expect(`get ${rel}`, expectFor(g, 'read', rel), 'GET', `/${o.path}/${records[rel]}`);
      await p.expect(`get (generic path) ${rel}`, expectFor(g, 'read', rel), 'GET', `/objects/${name}/${records[rel]}`);
      await p.expect(`timeline ${rel}`, expectFor(g, 'read', rel), 'GET', `/${o.path}/${records[rel]}/timeline`);
    }
    const exp = await p.expect('export', g.actions.includes('export') ? 'ok' : 403, 'GET', `/objects/${name}/export?format=csv&q=${token}`);
    if (exp.status === 200) p.sameSet('export rows', p.relationsNamedIn(exp.text), visible);
    for (const rel of relations) await p.expect(`update ${rel}`, expectFor(g, 'update', rel), 'PATCH', `/${o.path}/${records[rel]}`, { values: { [o.title]: `${token}${rel} edited` } });
    for (const rel of relations) await p.expect(`delete ${rel}`, expectFor(g, 'delete', rel), 'DELETE', `/${o.path}/${records[rel]}`);
    const create = (rel: Relation) => (!g.actions.includes('create') ? 403 : sees(g, rel) ? 'ok' : 403);
    // Fresh values per create: an object with a unique field (a product's SKU) must not collide with itself.
    await p.expect('create own', create('own'), 'POST', `/${o.path}`, { values: { [o.title]: `${token}new`, ...(await o.values(p.db)) }, ownerId: me.id });
    await p.expect('create for another team', create('other'), 'POST', `/${o.path}`, { values: { [o.title]: `${token}new`, ...(await o.values(p.db)) }, ownerId: p.s.other.id });
  };
}

export const probes: Record<string, (p: Prober) => Promise<void>> = {
  contacts: probeContacts,
  companies: probeCompanies,
  activities: probeActivities,
  ...Object.fromEntries(Object.keys(engineObjects).map((name) => [name, probeEngineObject(name)])),
};
