/** Helpers shared by the imports integration tests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestEnv } from '../../platform/testing/harness.js';

export const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name);

/** A multipart/form-data body with one file and some fields. */
export function multipart(fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----kith${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(env: TestEnv, headers: Record<string, string>, fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const body = multipart(fileName, content, fields);
  return env.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, ...body.headers }, payload: body.payload });
}

/** Upload → mapping (suggested unless given) → [validate] → start → run the job → final status. */
export async function importFile(
  env: TestEnv, headers: Record<string, string>, fileName: string, content: Buffer,
  o: { onDuplicate?: 'skip' | 'update' | 'create'; mapping?: Record<string, string | null>; matchKeys?: string[]; entity?: 'contact' | 'company'; validate?: boolean } = {},
) {
  const created = await upload(env, headers, fileName, content, o.entity ? { entity: o.entity } : {});
  if (created.statusCode !== 201) throw new Error(`upload failed: ${created.body}`);
  const id = created.json().id as string;
  const mapping = o.mapping ?? created.json().suggestedMapping;
  const put = await env.app.inject({
    method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers,
    payload: { mapping, onDuplicate: o.onDuplicate ?? 'skip', ...(o.matchKeys ? { matchKeys: o.matchKeys } : {}) },
  });
  if (put.statusCode !== 200) throw new Error(`mapping failed: ${put.body}`);
  const report = o.validate ? (await env.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/validate`, headers })).json() : null;
  const start = await env.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers });
  if (start.statusCode !== 202) throw new Error(`start failed: ${start.body}`);
  await env.ctx.services.jobs.runOnce();
  const status = await env.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers });
  return { id, created: created.json(), status: status.json(), report };
}

export const read = (name: string) => fs.readFileSync(fixture(name));

/** Live contacts as comparable objects (no ids, times, versions; phones without the raw text). */
export async function liveContacts(env: TestEnv) {
  const rows = await env.database.db.selectFrom('contacts').leftJoin('companies', 'companies.id', 'contacts.company_id')
    .selectAll('contacts').select('companies.name as company_name').where('contacts.deleted_at', 'is', null).execute();
  return rows
    .map((r) => ({
      givenName: r.given_name, familyName: r.family_name, displayName: r.display_name, company: r.company_name,
      emails: JSON.parse(r.emails), phones: (JSON.parse(r.phones) as { number: string; label: string | null; primary: boolean }[]).map(({ number, label, primary }) => ({ number, label, primary })),
      addresses: JSON.parse(r.addresses), social: JSON.parse(r.social), jobTitle: r.job_title, department: r.department, birthday: r.birthday,
      tags: JSON.parse(r.tags), lifecycleStage: r.lifecycle_stage, source: r.source, externalId: r.external_id, custom: JSON.parse(r.custom),
      searchText: r.search_text, primaryEmail: r.primary_email, primaryPhone: r.primary_phone,
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || String(a.primaryEmail).localeCompare(String(b.primaryEmail)));
}

/** The counts of a finished import, in the shape of a validation report's outcome (for preview = run checks). */
export const outcomeOf = (status: { created: number; updated: number; skipped: number; merged: number; failed: number; processed: number }) => ({
  rows: status.processed, complete: true, created: status.created, updated: status.updated, skipped: status.skipped, merged: status.merged, failed: status.failed,
});
