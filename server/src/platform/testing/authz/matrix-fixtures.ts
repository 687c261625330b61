/**
 * Fixtures of the authorization matrix, built in bulk: roles and users straight into the database
 * (factories), records through the API as an administrator (so they get their teams, search text and
 * side rows exactly as users' records do). Each grant gets its own caller and its own three records
 * (own / team / other), so a probe that updates, deletes or merges cannot disturb another grant's answers.
 */
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/db.js';
import { createApiKeyHeader, createRole, createTeam, createUser, signIn } from '../factories.js';
import type { Grant, Relation } from './matrix.js';

/**
 * Standard objects of the records engine in the matrix: their API path, title field and the other values a
 * record needs (a deal's pipeline and stage). Probed by `probeEngineObject`.
 */
export const engineObjects: Record<string, { path: string; title: string; values: (db: Executor) => Promise<Record<string, unknown>> }> = {
  tasks: { path: 'tasks', title: 'title', values: async () => ({}) },
  leads: { path: 'leads', title: 'name', values: async () => ({}) },
  tickets: { path: 'tickets', title: 'subject', values: async () => ({}) },
  quotes: { path: 'quotes', title: 'title', values: async () => ({}) },
  contracts: { path: 'contracts', title: 'title', values: async () => ({}) },
  invoices: { path: 'invoices', title: 'subject', values: async () => ({}) },
  orders: { path: 'orders', title: 'subject', values: async () => ({}) },
  warranties: { path: 'warranties', title: 'item', values: async () => ({}) },
  products: { path: 'products', title: 'name', values: async () => ({ sku: `SKU-${Math.random().toString(36).slice(2, 10)}`, price: { amount: 100000, currency: 'VND' } }) },
  deals: {
    path: 'deals', title: 'name',
    values: async (db) => {
      const stage = await db.selectFrom('pipeline_stages').innerJoin('pipelines', 'pipelines.id', 'pipeline_stages.pipeline_id')
        .select(['pipeline_stages.id as stage', 'pipelines.id as pipeline']).where('pipelines.is_default', '=', 1).orderBy('pipeline_stages.position').executeTakeFirstOrThrow();
      return { pipeline: stage.pipeline, stage: stage.stage };
    },
  },
};

export interface Shared {
  admin: Record<string, string>;
  teammate: { id: string };
  other: { id: string };
  /** A company owned by `other`, linked to each case's own contact: its name must not show through it. */
  hiddenCompany: { id: string; name: string };
  /** Another company of `other`, linked to nothing: linking to it must behave exactly like a missing id. */
  unlinkedCompany: { id: string };
}

export interface Case {
  grant: Grant;
  me: { id: string };
  headers: Record<string, string>;
  /** Unique search token of this case's records (also their tag). */
  token: string;
  records: Record<Relation, string>;
  /** Activities only: the contact the activities belong to (owned by the administrator, so never visible). */
  parentId?: string;
  /**
   * Activities only: a task owned by the caller on a deal of the administrator's (the role grants nothing on deals):
   * on an engine record the record governs, so it is never visible, whatever the activities scope.
   */
  onHiddenRecord?: string;
  /** Activities only: that deal. */
  hiddenDeal?: string;
}

async function post(app: FastifyInstance, headers: Record<string, string>, url: string, body: object): Promise<string> {
  const res = await app.inject({ method: 'POST', url, headers, payload: body });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`fixture POST ${url}: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export async function createShared(app: FastifyInstance, db: Executor): Promise<Shared & { teamA: string }> {
  const teamA = await createTeam(db, { name: 'Matrix A' });
  const teamB = await createTeam(db, { name: 'Matrix B' });
  const admin = await signIn(db, await createUser(db, { roleId: (await createRole(db, { isAdmin: true, maxClassification: 'restricted' })).id }));
  const plain = await createRole(db, {});
  const teammate = await createUser(db, { roleId: plain.id, teamId: teamA.id, name: 'Matrix Teammate' });
  const other = await createUser(db, { roleId: plain.id, teamId: teamB.id, name: 'Matrix Other' });
  const name = 'Hiddenco Zzqv';
  const hiddenCompany = { id: await post(app, admin, '/api/v1/companies', { name, ownerId: other.id }), name };
  const unlinkedCompany = { id: await post(app, admin, '/api/v1/companies', { name: 'Unlinked Zzqw', ownerId: other.id }) };
  return { admin, teammate, other, hiddenCompany, unlinkedCompany, teamA: teamA.id };
}

/** The caller, its role and its three records for one grant. `i` makes the case's token unique. */
export async function createCase(app: FastifyInstance, db: Executor, s: Shared & { teamA: string }, grant: Grant, i: number): Promise<Case> {
  const role = await createRole(db, { permissions: { [grant.module]: { actions: grant.actions, scope: grant.scope } } });
  const me = await createUser(db, { roleId: role.id, teamId: s.teamA });
  const headers = grant.via === 'apikey' ? await createApiKeyHeader(db, me, role.id) : await signIn(db, me);
  const token = `zqk${String(i).padStart(4, '0')}x`;
  const owners: Record<Relation, string> = { own: me.id, team: s.teammate.id, other: s.other.id };
  const records = {} as Record<Relation, string>;
  let parentId: string | undefined;
  if (grant.module === 'activities') {
    parentId = await post(app, s.admin, '/api/v1/contacts', { givenName: 'Parent', familyName: token });
  }
  for (const rel of ['own', 'team', 'other'] as const) {
    const ownerId = owners[rel];
    if (grant.module === 'contacts') {
      records[rel] = await post(app, s.admin, '/api/v1/contacts', {
        givenName: 'Matrix', familyName: `${token}${rel}`, ownerId, tags: [token],
        ...(rel === 'own' ? { companyId: s.hiddenCompany.id } : {}),
      });
    } else if (grant.module === 'companies') {
      records[rel] = await post(app, s.admin, '/api/v1/companies', { name: `${token}${rel}`, ownerId, tags: [token] });
    } else if (grant.module === 'activities') {
      records[rel] = await post(app, s.admin, '/api/v1/activities', { type: 'task', subject: `${token}${rel}`, ownerId, contactId: parentId });
    } else if (engineObjects[grant.module]) {
      const o = engineObjects[grant.module]!;
      records[rel] = await post(app, s.admin, `/api/v1/${o.path}`, { values: { [o.title]: `${token}${rel}`, ...(await o.values(db)) }, ownerId });
    } else {
      throw new Error(`the authorization matrix has no fixtures for module ${grant.module}: add them with its probes`);
    }
  }
  let onHiddenRecord: string | undefined;
  let deal: string | undefined;
  if (grant.module === 'activities') {
    deal = await post(app, s.admin, '/api/v1/deals', { values: { name: `${token}deal` } });
    onHiddenRecord = await post(app, s.admin, '/api/v1/activities', { type: 'task', subject: `${token}deal`, ownerId: me.id, recordType: 'deals', recordId: deal });
  }
  return { grant, me, headers, token, records, parentId, onHiddenRecord, hiddenDeal: deal };
}
