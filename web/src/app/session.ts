/**
 * Wire types of the signed-in session. They mirror contracts/identity.ts (the server's zod schemas);
 * kept here so the shell does not depend on a module's contract file.
 */
export type Action = 'read' | 'create' | 'update' | 'delete' | 'export' | 'manage';
export type Scope = 'own' | 'team' | 'all';
export type Classification = 'public' | 'internal' | 'confidential' | 'restricted';
export type Locale = 'en' | 'vi';

export interface ModuleGrant {
  actions: Action[];
  scope: Scope;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  roleId: string;
  roleName: string;
  isAdmin: boolean;
  teamId: string | null;
  permissions: Record<string, ModuleGrant>;
  maxClassification: Classification;
  totpEnabled: boolean;
}

export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export type LoginResponse = ({ mfaRequired: false } & SessionResponse) | { mfaRequired: true };

/** May the user perform `action` in `module`? Admins may do everything (the server decides in the end). */
export function can(user: SessionUser | null | undefined, module: string, action: Action = 'read'): boolean {
  if (!user) return false;
  if (user.isAdmin) return true;
  return user.permissions[module]?.actions.includes(action) ?? false;
}
