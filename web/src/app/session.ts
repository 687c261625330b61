/** Wire types of the signed-in session, from the shared contracts (types only: no zod in the bundle). */
import type { Action } from '../../../contracts/common';
import type { SessionUser } from '../../../contracts/identity';

export type { Action, Classification, Locale, Scope } from '../../../contracts/common';
export type { LoginResponse, ModuleGrant, SessionResponse, SessionUser } from '../../../contracts/identity';

/** May the user perform `action` in `module`? Admins may do everything (the server decides in the end). */
export function can(user: SessionUser | null | undefined, module: string, action: Action = 'read'): boolean {
  if (!user) return false;
  if (user.isAdmin) return true;
  return user.permissions[module]?.actions.includes(action) ?? false;
}
