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
