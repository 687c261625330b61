/** Stored rows → wire shapes of contracts/identity.ts. Every outgoing field is listed; secrets never are. */
import type { Selectable } from 'kysely';
import type { ApiKey, Permissions, Role, SessionUser, Team, User } from '../../../../contracts/identity.js';
import type { Classification, Locale } from '../../../../contracts/common.js';
import type { ApiKeysTable, RolesTable, TeamsTable, UsersTable } from '../../platform/db/platform.tables.js';

type UserRow = Selectable<UsersTable>;
type RoleRow = Selectable<RolesTable>;

const locale = (value: string): Locale => (value === 'vi' ? 'vi' : 'en');
const permissionsOf = (role: Pick<RoleRow, 'permissions'>): Permissions => JSON.parse(role.permissions) as Permissions;

export function presentSessionUser(user: UserRow, role: RoleRow): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: locale(user.locale),
    roleId: role.id,
    roleName: role.name,
    isAdmin: role.is_admin === 1,
    teamId: user.team_id,
    permissions: permissionsOf(role),
    maxClassification: role.max_classification as Classification,
    totpEnabled: user.totp_enabled === 1,
  };
}

export function presentUser(row: UserRow & { role_name: string; team_name: string | null }): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: locale(row.locale),
    roleId: row.role_id,
    roleName: row.role_name,
    teamId: row.team_id,
    teamName: row.team_name,
    active: row.active === 1,
    totpEnabled: row.totp_enabled === 1,
    lastLoginAt: row.last_login_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentTeam(row: Selectable<TeamsTable>): Team {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentRole(row: RoleRow): Role {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isAdmin: row.is_admin === 1,
    maxClassification: row.max_classification as Classification,
    permissions: permissionsOf(row),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentApiKey(row: Selectable<ApiKeysTable> & { role_name: string }): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roleId: row.role_id,
    roleName: row.role_name,
    userId: row.user_id,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}
