/** API keys: created by administrators, acting as their creator under the key's role; revocable. */
import type { ApiKey, CreateApiKeyBody, CreateApiKeyResponse } from '../../../../contracts/identity.js';
import type { Page } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { sha256 } from '../../platform/auth/passwords.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from './api-keys.repository.js';
import { generateApiKey } from './identity.logic.js';
import { presentApiKey } from './identity.presenter.js';
import { findRole } from './roles.repository.js';
import { principalsChanged } from '../../platform/auth/principal-cache.js';

export async function listApiKeyPage(ctx: AppContext, q: { limit: number; cursor?: string | undefined }): Promise<Page<ApiKey>> {
  const page = await listApiKeys(ctx.database.db, q);
  return { data: page.data.map(presentApiKey), nextCursor: page.nextCursor };
}

/** Creates a key for `userId` (the creator); the secret is returned here once and stored only as its SHA-256. */
export async function createApiKey(ctx: AppContext, actor: Actor, userId: string, body: CreateApiKeyBody): Promise<CreateApiKeyResponse> {
  const db = ctx.database.db;
  if (!(await findRole(db, body.roleId))) throw invalid('roleId', 'no such role');
  let expiresAt: string | null = null;
  if (body.expiresAt) {
    const at = Date.parse(body.expiresAt);
    if (at <= Date.now()) throw invalid('expiresAt', 'must be in the future');
    expiresAt = new Date(at).toISOString();
  }
  const { secret, prefix } = generateApiKey();
  const id = newId();
  const apiKey = await db.transaction().execute(async (trx) => {
    await insertApiKey(trx, {
      id, name: body.name, prefix, key_hash: sha256(secret), user_id: userId, role_id: body.roleId,
      last_used_at: null, expires_at: expiresAt, revoked_at: null, created_at: nowIso(), created_by: actor.id,
    });
    const key = presentApiKey((await findApiKey(trx, id))!);
    await appendAudit(trx, { actor, action: 'create', entity: 'api_key', entityId: id, after: key });
    return key;
  });
  return { apiKey, secret };
}

/** Revokes a key (idempotent: revoking a revoked key changes nothing). */
export async function revokeApiKeyById(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const db = ctx.database.db;
  const current = await findApiKey(db, id);
  if (!current) throw notFound('API key');
  if (current.revoked_at) return;
  await db.transaction().execute(async (trx) => {
    await revokeApiKey(trx, id, nowIso());
    const after = presentApiKey((await findApiKey(trx, id))!);
    await appendAudit(trx, { actor, action: 'revoke', entity: 'api_key', entityId: id, before: presentApiKey(current), after });
  });
  await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
}
