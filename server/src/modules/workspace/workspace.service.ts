/** Workspace settings: read with defaults (every module may), replace (admins, audited), the logo. */
import { createHash } from 'node:crypto';
import { LOGO_MAX_BYTES, type WorkspaceSettings, type WorkspaceSettingsInput } from '../../../../contracts/workspace.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { AppError } from '../../platform/http/errors.js';
import { assertVersion } from '../../platform/http/etag.js';
import { DEFAULT_WORKSPACE, sniffImage } from './workspace.logic.js';
import { LOGO_KEY, SETTINGS_KEY, workspaceRepository as repo } from './workspace.repository.js';

/** The stored logo: bytes as base64 in the settings table, so every node of a cluster serves it. */
export interface StoredLogo {
  mime: 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
  data: string;
}

function parse<T>(text: string | undefined): Partial<T> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Partial<T>;
  } catch {
    return {};
  }
}

/**
 * The workspace's settings, defaults filled in. Other modules read them through the module's index.ts:
 *
 *   const { companyName, timeZone, defaultCurrency } = await workspaceSettings(trx);
 */
export async function workspaceSettings(ex: Executor): Promise<WorkspaceSettingsInput & { updatedAt: string | null; version: number }> {
  const row = await repo.readSetting(ex, SETTINGS_KEY);
  const { version, ...stored } = parse<WorkspaceSettingsInput & { version: number }>(row?.value);
  return {
    ...DEFAULT_WORKSPACE, ...stored, workingWeek: { ...DEFAULT_WORKSPACE.workingWeek, ...stored.workingWeek },
    updatedAt: row?.updated_at ?? null, version: typeof version === 'number' ? version : 0,
  };
}

/** The logo's bytes and type, or null when none was uploaded (PDFs and mail embed it). */
export async function workspaceLogo(ex: Executor): Promise<{ mime: StoredLogo['mime']; bytes: Buffer; sha256: string } | null> {
  const logo = parse<StoredLogo>((await repo.readSetting(ex, LOGO_KEY))?.value);
  if (!logo.data || !logo.mime || !logo.sha256) return null;
  return { mime: logo.mime, bytes: Buffer.from(logo.data, 'base64'), sha256: logo.sha256 };
}

/** Settings as the API shows them: the logo as a URL that changes with the image. */
export async function presentWorkspace(ex: Executor): Promise<WorkspaceSettings> {
  const s = await workspaceSettings(ex);
  const logo = parse<StoredLogo>((await repo.readSetting(ex, LOGO_KEY))?.value);
  return {
    companyName: s.companyName,
    address: s.address,
    defaultCurrency: s.defaultCurrency,
    timeZone: s.timeZone,
    dateFormat: s.dateFormat,
    numberFormat: s.numberFormat,
    workingWeek: { days: s.workingWeek.days, start: s.workingWeek.start, end: s.workingWeek.end },
    defaultLanguage: s.defaultLanguage,
    logo: logo.sha256 && logo.mime && logo.size ? { url: `/api/v1/settings/workspace/logo?v=${logo.sha256.slice(0, 12)}`, mime: logo.mime, size: logo.size } : null,
    updatedAt: s.updatedAt,
    version: s.version,
  };
}

const actor = (p: Principal) => ({ id: p.userId, label: p.email });

export const workspaceService = {
  /** Replaces the settings in one transaction with its audit entry and `setting.updated` event. */
  async update(database: Database, p: Principal, input: WorkspaceSettingsInput, expected?: number): Promise<WorkspaceSettings> {
    return database.db.transaction().execute(async (trx) => {
      const { updatedAt: _u, version, ...before } = await workspaceSettings(trx);
      assertVersion(expected, version);
      await repo.writeSetting(trx, SETTINGS_KEY, JSON.stringify({ ...input, version: version + 1 }));
      await appendAudit(trx, { actor: actor(p), action: 'update', entity: 'setting', entityId: SETTINGS_KEY, before, after: input });
      await emitEvent(trx, { type: 'setting.updated', entity: 'setting', entityId: SETTINGS_KEY, actorId: p.userId, data: { key: SETTINGS_KEY } });
      return presentWorkspace(trx);
    });
  },

  /** Stores an uploaded logo after checking its size (413) and its type by content (415). */
  async putLogo(database: Database, p: Principal, bytes: Buffer): Promise<WorkspaceSettings> {
    if (bytes.length > LOGO_MAX_BYTES) throw new AppError('payload_too_large', 'The logo is larger than 1 MiB', [{ path: 'file', message: 'larger than 1 MiB' }]);
    if (!bytes.length) throw new AppError('validation_failed', 'file: the file is empty', [{ path: 'file', message: 'empty' }]);
    const mime = sniffImage(bytes.subarray(0, 16));
    if (!mime) throw new AppError('unsupported_media_type', 'The logo must be a PNG or JPEG image', [{ path: 'file', message: 'not a PNG or JPEG image' }]);
    const logo: StoredLogo = { mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), data: bytes.toString('base64') };
    return database.db.transaction().execute(async (trx) => {
      await repo.writeSetting(trx, LOGO_KEY, JSON.stringify(logo));
      await appendAudit(trx, { actor: actor(p), action: 'update', entity: 'setting', entityId: LOGO_KEY, after: { mime, size: logo.size, sha256: logo.sha256 } });
      await emitEvent(trx, { type: 'setting.updated', entity: 'setting', entityId: LOGO_KEY, actorId: p.userId, data: { key: LOGO_KEY } });
      return presentWorkspace(trx);
    });
  },

  async deleteLogo(database: Database, p: Principal): Promise<WorkspaceSettings> {
    return database.db.transaction().execute(async (trx) => {
      if (await repo.deleteSetting(trx, LOGO_KEY)) {
        await appendAudit(trx, { actor: actor(p), action: 'delete', entity: 'setting', entityId: LOGO_KEY });
        await emitEvent(trx, { type: 'setting.updated', entity: 'setting', entityId: LOGO_KEY, actorId: p.userId, data: { key: LOGO_KEY } });
      }
      return presentWorkspace(trx);
    });
  },
};
