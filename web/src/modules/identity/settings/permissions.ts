/** Pure edits of a role's permission map, as the matrix makes them. */
import type { Action, Scope } from '../../../app/session';

export const ACTIONS: Action[] = ['read', 'create', 'update', 'delete', 'export', 'manage'];
export const SCOPES: Scope[] = ['own', 'team', 'all'];
export type Grants = Record<string, { actions: Action[]; scope: Scope }>;

/**
 * Ticks or unticks one action. Any write action implies read (a role that may edit what it cannot see
 * makes no sense), and unticking read clears the row.
 */
export function toggleAction(grants: Grants, module: string, action: Action, on: boolean, defaultScope: Scope): Grants {
  const current = grants[module] ?? { actions: [], scope: defaultScope };
  let actions = current.actions.filter((a) => a !== action);
  if (on) actions = [...actions, action, ...(action !== 'read' && !actions.includes('read') ? (['read'] as Action[]) : [])];
  if (!on && action === 'read') actions = [];
  const next = { ...grants };
  if (actions.length) next[module] = { scope: current.scope, actions: ACTIONS.filter((a) => actions.includes(a)) };
  else delete next[module];
  return next;
}

export function setScope(grants: Grants, module: string, scope: Scope): Grants {
  const current = grants[module];
  if (!current) return grants;
  return { ...grants, [module]: { ...current, scope } };
}

/** Only known modules with at least one action are sent; unscoped modules always use scope "all". */
export function cleanGrants(grants: Grants, modules: { key: string; scoped: boolean }[]): Grants {
  const out: Grants = {};
  for (const m of modules) {
    const g = grants[m.key];
    if (g && g.actions.length) out[m.key] = { actions: g.actions, scope: m.scoped ? g.scope : 'all' };
  }
  return out;
}
