/**
 * Real records for the API fuzzer to aim at: without them every generated id is unknown and requests stop
 * at "not found" before reaching services and SQL. Everything is created through the API as an
 * administrator (the fuzzer's own user and key are made with the test factories and kept out of the pools,
 * so a fuzzed PATCH /users/{id} or DELETE /api-keys/{id} cannot lock the fuzzer out).
 */
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/db.js';
import { createApiKeyHeader, createRole, createUser, signIn } from '../factories.js';

export type IdPools = Record<string, string[]>;

export interface FuzzFixtures {
  /** Fresh credentials of the fuzzing administrator: session (cookie + CSRF) and API key. */
  auths: () => Promise<Record<string, Record<string, string>>>;
  pools: IdPools;
}

async function post(app: FastifyInstance, headers: Record<string, string>, url: string, body: unknown): Promise<string> {
  const res = await app.inject({ method: 'POST', url, headers, payload: body as object });
  if (res.statusCode >= 300) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

function multipart(field: string, fileName: string, content: string) {
  const boundary = '----kithfuzzfixture';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function createFuzzFixtures(app: FastifyInstance, db: Executor): Promise<FuzzFixtures> {
  const adminRole = await createRole(db, { isAdmin: true, maxClassification: 'restricted' });
  const admin = await createUser(db, { roleId: adminRole.id });
  const auths = async () => ({ session: await signIn(db, admin), apikey: await createApiKeyHeader(db, admin, adminRole.id) });
  const h = (await auths()).session;
  const p = (url: string, body: unknown) => post(app, h, url, body);

  const teams = [await p('/api/v1/teams', { name: 'Fuzz A' })];
  teams.push(await p('/api/v1/teams', { name: 'Fuzz B', parentId: teams[0] }));
  const roles = [await p('/api/v1/roles', { name: 'Fuzz sales', permissions: { contacts: { actions: ['read', 'update'], scope: 'team' } } })];
  const users: string[] = [];
  for (const [i, team] of teams.entries()) {
    users.push(await p('/api/v1/users', { email: `fuzz${i}@example.test`, name: `Fuzz ${i}`, roleId: roles[0], teamId: team, password: 'quartz lantern mosaic velvet 29' }));
  }
  const companies: string[] = [];
  for (const name of ['Công ty Ánh Dương', 'Acme', 'Zeta']) companies.push(await p('/api/v1/companies', { name, ownerId: users[0] }));
  const contacts: string[] = [];
  for (const [i, name] of ['Nguyễn Văn A', 'Trần Thị B', 'Lê C', 'Smith D', 'Đỗ E'].entries()) {
    const [givenName, ...rest] = name.split(' ');
    contacts.push(await p('/api/v1/contacts', {
      givenName, familyName: rest.join(' '), companyId: companies[i % companies.length], tags: ['vip'],
      emails: [{ address: `c${i}@example.test` }], phones: [{ number: `+8490123456${i}` }],
    }));
  }
  // A near-duplicate, so duplicates, merge preview and merge have a real pair.
  contacts.push(await p('/api/v1/contacts', { givenName: 'Nguyễn', familyName: 'Văn A', emails: [{ address: 'c0@example.test' }] }));
  const activities = [
    await p('/api/v1/activities', { type: 'note', body: '<p>hi</p>', contactId: contacts[0] }),
    await p('/api/v1/activities', { type: 'task', subject: 'Call', contactId: contacts[1], dueAt: '2030-01-01T00:00:00.000Z' }),
    await p('/api/v1/activities', { type: 'call', companyId: companies[0] }),
  ];
  const upload = multipart('file', 'note.txt', 'hello');
  const attRes = await app.inject({ method: 'POST', url: `/api/v1/activities/${activities[0]}/attachments`, headers: { ...h, ...upload.headers }, payload: upload.payload });
  const attachments = attRes.statusCode < 300 ? [(attRes.json() as { id: string }).id] : [];
  const customFields = [await p('/api/v1/custom-fields', { entity: 'contact', key: 'tier', type: 'text', label: { en: 'Tier', vi: 'Hạng' } })];
  const views = [await p('/api/v1/views', { entity: 'contact', name: 'VIP', filters: [{ field: 'tag', op: 'is', value: 'vip' }] })];
  const apiKeys = [await p('/api/v1/api-keys', { name: 'other', roleId: roles[0] })];
  const mappings = [await p('/api/v1/import-mappings', { name: 'm', mapping: { Email: 'email' } })];
  const csv = multipart('file', 'people.csv', 'Name,Email\nAn Nguyen,an@example.test\n');
  const impRes = await app.inject({ method: 'POST', url: '/api/v1/imports?entity=contact', headers: { ...h, ...csv.headers }, payload: csv.payload });
  const imports = impRes.statusCode < 300 ? [(impRes.json() as { id: string }).id] : [];
  await app.inject({ method: 'POST', url: '/api/v1/duplicates/scan', headers: h });

  const pools: IdPools = {
    contacts, companies, activities, users, teams, roles, 'api-keys': apiKeys, 'custom-fields': customFields, views,
    imports, 'import-mappings': mappings, attachments, notifications: [],
  };
  return { auths, pools };
}

/** Which pool a parameter or property name draws from (`id` by the path's resource). */
export function idsFor(pools: IdPools) {
  const byName: Record<string, string[]> = {
    contactId: pools.contacts!, survivorId: pools.contacts!, mergedId: pools.contacts!, aId: pools.contacts!, bId: pools.contacts!,
    excludeId: pools.contacts!, ids: pools.contacts!, companyId: pools.companies!, ownerId: pools.users!, userId: pools.users!,
    actorId: pools.users!, teamId: pools.teams!, parentId: pools.teams!, roleId: pools.roles!, attId: pools.attachments!,
    entityId: [...pools.contacts!, ...pools.companies!], value: [...pools.users!, ...pools.teams!],
  };
  return (name: string, path: string): string[] => {
    if (name === 'id') return pools[path.split('/')[3] ?? ''] ?? [];
    return byName[name] ?? [];
  };
}
