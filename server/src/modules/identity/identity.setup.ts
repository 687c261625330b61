/** First run: the default roles and the first administrator. */
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { passwordWeakness } from '../../platform/auth/password-policy.js';
import type { Permissions } from '../../platform/auth/principal.js';
import { newId, nowIso } from '../../platform/ids.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { AppError } from '../../platform/http/errors.js';
import { normalizeEmail } from './identity.logic.js';
import { findRoleByName, insertRole } from './roles.repository.js';
import { countActiveAdmins, findUserByEmail } from './users.repository.js';
import { createUser } from './users.service.js';

// Grants for modules that arrive later (contacts, companies, activities) are stored now, so the default roles
// work the moment those modules are installed.
const CRM_MODULES = ['contacts', 'companies', 'activities'] as const;
const grant = (actions: Permissions[string]['actions'], scope: Permissions[string]['scope']): Permissions =>
  Object.fromEntries(CRM_MODULES.map((m) => [m, { actions, scope }]));

export const DEFAULT_ROLES = [
  { name: 'Administrator', description: 'Full access, including users, roles and settings', is_admin: 1, max_classification: 'restricted', permissions: {} },
  {
    name: 'Manager', description: "Works with the records of their team and its sub-teams", is_admin: 0, max_classification: 'confidential',
    permissions: grant(['read', 'create', 'update', 'delete', 'export'], 'team'),
  },
  { name: 'Sales rep', description: 'Works with their own records', is_admin: 0, max_classification: 'internal', permissions: grant(['read', 'create', 'update'], 'own') },
] as const;

/** Creates any missing default role (matched by name); returns role ids by name. */
export async function ensureDefaultRoles(db: Executor): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const role of DEFAULT_ROLES) {
    const existing = await findRoleByName(db, role.name);
    if (existing) {
      ids[role.name] = existing.id;
      continue;
    }
    const id = newId();
    const now = nowIso();
    await insertRole(db, { ...role, id, permissions: JSON.stringify(role.permissions), created_at: now, updated_at: now, created_by: null, updated_by: null });
    ids[role.name] = id;
  }
  return ids;
}

export type FirstAdminResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

/** The one-time notice of a generated password, in a box so it stands out in start-up output. */
export function passwordBox(email: string, password: string): string {
  const lines = ['Kith: first administrator created', '', `  email:    ${email}`, `  password: ${password}`, '', 'This password is shown only once. Sign in and change it.'];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const row = (l: string) => `│ ${l.padEnd(width - 2)} │`;
  return ['┌' + '─'.repeat(width) + '┐', ...lines.map(row), '└' + '─'.repeat(width) + '┘'].join('\n');
}

/**
 * Run after migrations at start-up: when no active administrator exists (a fresh install, or one where
 * `kith demo` ran first), creates the default roles and an administrator from KITH_ADMIN_EMAIL /
 * KITH_ADMIN_PASSWORD, else admin@localhost with a generated password printed once to stdout.
 */
export async function ensureFirstAdmin(ctx: AppContext, print: (text: string) => void = (t) => process.stdout.write(t + '\n')): Promise<FirstAdminResult> {
  const db = ctx.database.db;
  if ((await countActiveAdmins(db)) > 0) return { created: false };
  const email = normalizeEmail(ctx.config.adminEmail ?? 'admin@localhost');
  const given = ctx.config.adminPassword;
  if (given !== undefined) {
    const weak = await passwordWeakness(given, [email, 'Administrator', 'kith', 'admin']);
    if (weak?.reason === 'short') throw new Error(`KITH_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
    if (weak) throw new Error(`KITH_ADMIN_PASSWORD is ${weak.message}; choose another (a few uncommon words work well), or unset it to have one generated`);
  }
  if (await findUserByEmail(db, email)) {
    throw new Error(`No active administrator exists and ${email} is already a user; set KITH_ADMIN_EMAIL to another address`);
  }
  const password = given ?? generatePassword();
  try {
    const roles = await db.transaction().execute((trx) => ensureDefaultRoles(trx));
    await createUser(ctx, { id: null, label: 'setup' }, { email, name: 'Administrator', roleId: roles.Administrator!, password });
  } catch (err) {
    // Several nodes starting at once on PostgreSQL: one wins, the others find its admin and carry on.
    const lostRace = isUniqueViolation(err) || (err instanceof AppError && err.code === 'duplicate');
    if (lostRace && (await countActiveAdmins(db)) > 0) return { created: false };
    throw err;
  }
  if (given === undefined) print(passwordBox(email, password));
  else print(`Kith: first administrator created (${email})`);
  return { created: true, email, generatedPassword: given === undefined ? password : null };
}
