/** Who is acting, and what their role lets them do. Built once per request by the auth hook. */
export const actions = ['read', 'create', 'update', 'delete', 'export', 'manage'] as const;
export type Action = (typeof actions)[number];
export const scopes = ['own', 'team', 'all'] as const;
export type Scope = (typeof scopes)[number];
export const classifications = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof classifications)[number];

export interface ModuleGrant {
  actions: Action[];
  scope: Scope;
}
export type Permissions = Record<string, ModuleGrant>;

export interface Principal {
  kind: 'user' | 'apikey';
  userId: string;
  email: string;
  name: string;
  locale: string;
  roleId: string;
  isAdmin: boolean;
  /** The user's own team, or null. */
  teamId: string | null;
  /** The user's team and every team nested under it: "team" scope sees records of all of them. */
  teamIds: string[];
  permissions: Permissions;
  maxClassification: Classification;
  sessionId?: string;
  csrfToken?: string;
  apiKeyId?: string;
}

/**
 * What an API key may do: at most what both its own role and its owner's current role allow (issue 12,
 * finding 3) — so demoting, restricting or deactivating the owner restricts every key they created.
 * Administrator rights need both roles to be administrators; an administrator side adds nothing to the
 * other side's grants. Per module: the common actions, the narrower scope; the lower classification ceiling.
 * Example: key {contacts: read+update, all} ∩ owner {contacts: read, team} → {contacts: read, team}.
 */
export function intersectRoles(key: RoleRights, owner: RoleRights): RoleRights {
  if (key.isAdmin && owner.isAdmin) return key;
  const maxClassification = classifications[Math.min(classifications.indexOf(key.maxClassification), classifications.indexOf(owner.maxClassification))]!;
  if (key.isAdmin) return { isAdmin: false, permissions: owner.permissions, maxClassification };
  if (owner.isAdmin) return { isAdmin: false, permissions: key.permissions, maxClassification };
  const permissions: Permissions = {};
  for (const [module, grant] of Object.entries(key.permissions)) {
    const other = owner.permissions[module];
    if (!other) continue;
    const both = grant.actions.filter((a) => other.actions.includes(a));
    if (both.length === 0) continue;
    permissions[module] = { actions: both, scope: scopes[Math.min(scopes.indexOf(grant.scope), scopes.indexOf(other.scope))]! };
  }
  return { isAdmin: false, permissions, maxClassification };
}

/** The rights a role grants, as `intersectRoles` combines them. */
export interface RoleRights {
  isAdmin: boolean;
  permissions: Permissions;
  maxClassification: Classification;
}

/** May this principal perform `action` in `module`? Admin roles may do everything. */
export function can(p: Principal, module: string, action: Action): boolean {
  if (p.isAdmin) return true;
  return p.permissions[module]?.actions.includes(action) ?? false;
}

/** Visibility scope for a module, or null when the principal cannot read it at all. */
export function scopeOf(p: Principal, module: string): Scope | null {
  if (p.isAdmin) return 'all';
  const grant = p.permissions[module];
  if (!grant || !grant.actions.includes('read')) return null;
  return grant.scope;
}

/** True when a classification level is visible to the principal (public < internal < confidential < restricted). */
export function canSeeClassification(p: Principal, level: Classification): boolean {
  if (p.isAdmin) return true;
  return classifications.indexOf(level) <= classifications.indexOf(p.maxClassification);
}

/**
 * Object-level check for one record, by the same rule lists use:
 * own → owner is the principal; team → owner's team is within the principal's teams; all → yes.
 */
export function canAccessRecord(
  p: Principal,
  module: string,
  record: { ownerId: string | null; teamId: string | null },
): boolean {
  const scope = scopeOf(p, module);
  if (scope === null) return false;
  if (scope === 'all') return true;
  if (record.ownerId === p.userId) return true;
  if (scope === 'team') return record.teamId !== null && p.teamIds.includes(record.teamId);
  return false;
}
