/**
 * Identity and access: sign-in, sessions, profile, users, teams, roles, permission modules, API keys.
 * All routes live under /api/v1. Request bodies are strict: an unknown key (version, createdAt, ownerId,
 * role, …) is a 400 naming that key. Writes from a browser session send `X-CSRF-Token: <csrfToken>`.
 */
import { z } from 'zod';
import {
  actionSchema, classificationSchema, idSchema, isoDateTime, localeSchema, localizedText, pageOf, pageQuery, scopeSchema,
} from './common.js';

/** Passwords: at least 12 characters (design §6), at most 200 so hashing cost stays bounded. */
export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(200);
const emailSchema = z.email().max(254);
const nameSchema = z.string().trim().min(1).max(200);
/** A 6-digit TOTP code from an authenticator app. */
export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/, 'expected a 6-digit code');

// ───────────────────────── permissions ─────────────────────────

/** What a role grants in one module. */
export const moduleGrantSchema = z.strictObject({
  actions: z.array(actionSchema).max(6).describe('Allowed actions'),
  scope: scopeSchema.describe('Which records: own, team (incl. sub-teams) or all'),
});
export type ModuleGrant = z.infer<typeof moduleGrantSchema>;
/** Grants by module key (see GET /permission-modules), e.g. `{ contacts: { actions: ['read'], scope: 'team' } }`. */
export const permissionsSchema = z.record(z.string().min(1).max(64), moduleGrantSchema);
export type Permissions = z.infer<typeof permissionsSchema>;

/** A module that can appear in a role's permissions. */
export const permissionModuleSchema = z.object({
  key: z.string(),
  label: localizedText,
  /** Whether records carry an owner/team, so own/team scopes mean something. */
  scoped: z.boolean(),
});
export type PermissionModule = z.infer<typeof permissionModuleSchema>;
/** GET /permission-modules → a plain array (not paginated). */
export const permissionModuleList = z.array(permissionModuleSchema);

// ───────────────────────── session ─────────────────────────

/** The signed-in user as the web app sees them. */
export const sessionUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
  roleId: idSchema,
  roleName: z.string(),
  isAdmin: z.boolean(),
  teamId: idSchema.nullable(),
  permissions: permissionsSchema,
  maxClassification: classificationSchema,
  totpEnabled: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** POST /auth/login body. */
export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  /**
   * Optional TOTP code sent with the password (one step instead of POST /auth/mfa). Required after many failed
   * sign-ins on the account (429 naming `code`) unless the browser is a known device (kith_device cookie).
   */
  code: totpCodeSchema.optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

/** GET /auth/session, and a completed sign-in: the user and the CSRF token to echo in X-CSRF-Token. */
export const sessionResponse = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponse>;
/** GET /auth/probe → 200: the session, or null when signed out (the web app's first question, without a 401). */
export const sessionProbeResponse = z.object({ session: sessionResponse.nullable() });

/**
 * POST /auth/login and POST /auth/mfa → 200. When `mfaRequired` is true the cookie holds a pending
 * session: send POST /auth/mfa { code } next.
 */
export const loginResponse = z.discriminatedUnion('mfaRequired', [
  z.object({ mfaRequired: z.literal(false), user: sessionUserSchema, csrfToken: z.string() }),
  z.object({ mfaRequired: z.literal(true) }),
]);
export type LoginResponse = z.infer<typeof loginResponse>;

/** POST /auth/mfa body. */
export const mfaBody = z.strictObject({ code: totpCodeSchema });
export type MfaBody = z.infer<typeof mfaBody>;

// ───────────────────────── profile (/me) ─────────────────────────

/** PATCH /me body → 200 SessionUser. */
export const updateMeBody = z.strictObject({
  name: nameSchema.optional(),
  locale: localeSchema.optional(),
});
export type UpdateMeBody = z.infer<typeof updateMeBody>;

/** POST /me/password body → 204; signs out the user's other sessions. */
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

/** POST /me/totp/setup → 200: a new secret to scan; not active until POST /me/totp/enable. */
export const totpSetupResponse = z.object({
  secret: z.string().describe('Base32 secret, for manual entry'),
  otpauthUrl: z.string(),
  qrDataUrl: z.string().describe('data:image/png;base64,… QR code of otpauthUrl'),
});
export type TotpSetupResponse = z.infer<typeof totpSetupResponse>;

/** POST /me/totp/enable body → 200 SessionUser. */
export const totpEnableBody = z.strictObject({ code: totpCodeSchema });
export type TotpEnableBody = z.infer<typeof totpEnableBody>;
/** POST /me/totp/disable body → 200 SessionUser. */
export const totpDisableBody = z.strictObject({ password: z.string().min(1).max(200) });
export type TotpDisableBody = z.infer<typeof totpDisableBody>;

// ───────────────────────── users (admin) ─────────────────────────

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
  roleId: idSchema,
  roleName: z.string(),
  teamId: idSchema.nullable(),
  teamName: z.string().nullable(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: isoDateTime.nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type User = z.infer<typeof userSchema>;

/** GET /users query: pagination, search in name/email, filters. Sorted by name. */
export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Substring of name or email'),
  teamId: idSchema.optional(),
  roleId: idSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;
export const userPage = pageOf(userSchema);

/** POST /users body → 201 User. */
export const createUserBody = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  roleId: idSchema,
  teamId: idSchema.nullable().optional(),
  locale: localeSchema.optional(),
  password: passwordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

/**
 * PATCH /users/{id} body → 200 User (+ ETag). Send If-Match: "<version>" to avoid overwriting a newer
 * change (412). `active: false` signs the user out everywhere; `password` is an admin reset.
 */
export const updateUserBody = z.strictObject({
  email: emailSchema.optional(),
  name: nameSchema.optional(),
  roleId: idSchema.optional(),
  teamId: idSchema.nullable().optional(),
  locale: localeSchema.optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

// ───────────────────────── teams (admin) ─────────────────────────

export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  parentId: idSchema.nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Team = z.infer<typeof teamSchema>;
/** GET /teams query; sorted by name. Build the tree client-side from parentId. */
export const teamListQuery = pageQuery;
export const teamPage = pageOf(teamSchema);

/** POST /teams body → 201 Team. */
export const createTeamBody = z.strictObject({
  name: nameSchema,
  parentId: idSchema.nullable().optional(),
});
export type CreateTeamBody = z.infer<typeof createTeamBody>;
/** PATCH /teams/{id} body → 200 Team; a parentId that would make a cycle is a 400 on `parentId`. */
export const updateTeamBody = z.strictObject({
  name: nameSchema.optional(),
  parentId: idSchema.nullable().optional(),
});
export type UpdateTeamBody = z.infer<typeof updateTeamBody>;

// ───────────────────────── roles (admin) ─────────────────────────

export const roleSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  isAdmin: z.boolean(),
  maxClassification: classificationSchema,
  permissions: permissionsSchema,
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Role = z.infer<typeof roleSchema>;
/** GET /roles query; sorted by name. */
export const roleListQuery = pageQuery;
export const rolePage = pageOf(roleSchema);

/** POST /roles body → 201 Role. Module keys must be known (GET /permission-modules). */
export const createRoleBody = z.strictObject({
  name: nameSchema,
  description: z.string().max(1000).nullable().optional(),
  isAdmin: z.boolean().optional(),
  maxClassification: classificationSchema.optional(),
  permissions: permissionsSchema.optional(),
});
export type CreateRoleBody = z.infer<typeof createRoleBody>;
/** PATCH /roles/{id} body → 200 Role. `permissions` replaces the whole map. */
export const updateRoleBody = createRoleBody.partial();
export type UpdateRoleBody = z.infer<typeof updateRoleBody>;

// ───────────────────────── API keys (admin) ─────────────────────────

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  /** First characters of the key (`kith_abcdef`), to recognise it; the secret itself is never shown again. */
  prefix: z.string(),
  roleId: idSchema,
  roleName: z.string(),
  /** The key acts as this user (its creator), under the key's role. */
  userId: idSchema,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type ApiKey = z.infer<typeof apiKeySchema>;
/** GET /api-keys query; newest first. */
export const apiKeyListQuery = pageQuery;
export const apiKeyPage = pageOf(apiKeySchema);

/** POST /api-keys body → 201 { apiKey, secret }. */
export const createApiKeyBody = z.strictObject({
  name: nameSchema,
  roleId: idSchema,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional().describe('ISO 8601; null or absent: never expires'),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;
/** The secret (`kith_<6 chars>_<secret>`) is returned once; send it as `Authorization: Bearer <secret>`. */
export const createApiKeyResponse = z.object({ apiKey: apiKeySchema, secret: z.string() });
export type CreateApiKeyResponse = z.infer<typeof createApiKeyResponse>;
// DELETE /api-keys/{id} revokes the key → 204.

/** One colleague in the directory every signed-in user may read (owner and team pickers). */
export const directoryUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  teamId: z.string().nullable(),
});
export const directoryTeamSchema = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });
/** `GET /directory`: active users and all teams, names only — no roles, no security settings. */
export const directorySchema = z.object({ users: z.array(directoryUserSchema), teams: z.array(directoryTeamSchema) });
export type Directory = z.infer<typeof directorySchema>;
/** `GET /directory/admins`: the workspace's active administrators (names and emails), the people to ask for access. */
export const directoryAdminsSchema = z.object({ admins: z.array(directoryUserSchema.omit({ teamId: true })) });
export type DirectoryAdmins = z.infer<typeof directoryAdminsSchema>;
