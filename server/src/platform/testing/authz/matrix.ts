/**
 * The authorization matrix, generated from the permission model (principal.ts): for every scoped module
 * (GET /permission-modules) × verb (read, create, update, delete, export) × scope (own, team, all), one role
 * with exactly that grant — and, for verbs other than read, one with read + that verb (a verb is seldom
 * useful without read, and both must behave). Team-scope grants are probed a second time through an API key.
 * What a request may answer follows from three facts only:
 *   - the route's verb is not granted              → 403;
 *   - the record lies outside the read scope       → 404, exactly like a missing record;
 *   - otherwise                                    → success.
 * A record is "own" (owned by the caller), "team" (owned by a teammate) or "other" (owned by someone in
 * another team).
 *
 *   for (const g of grants(['contacts'])) expectFor(g, 'update', 'team') // 403 | 404 | 'ok'
 */
import { scopes, type Action, type Scope } from '../../auth/principal.js';

export const verbs = ['read', 'create', 'update', 'delete', 'export'] as const satisfies readonly Action[];
export type Verb = (typeof verbs)[number];
export const relations = ['own', 'team', 'other'] as const;
export type Relation = (typeof relations)[number];

export interface Grant {
  module: string;
  verb: Verb;
  /** The role's actions on the module: `[verb]`, or `['read', verb]`. */
  actions: Action[];
  scope: Scope;
  /** How the caller authenticates: a session (cookie + CSRF) or an API key of its own with the same role. */
  via: 'session' | 'apikey';
  /** Short label for test names, e.g. `contacts:read+update/team` (`@key` when via an API key). */
  label: string;
}

/** Every grant of the matrix for the given modules. */
export function grants(modules: string[]): Grant[] {
  const out: Grant[] = [];
  for (const module of modules) {
    for (const verb of verbs) {
      for (const scope of scopes) {
        const sets: Action[][] = verb === 'read' ? [['read']] : [[verb], ['read', verb]];
        for (const a of sets) {
          out.push({ module, verb, actions: a, scope, via: 'session', label: `${module}:${a.join('+')}/${scope}` });
          // API keys answer exactly like their owner's session: checked on the team scope (the richest rule).
          if (scope === 'team') out.push({ module, verb, actions: a, scope, via: 'apikey', label: `${module}:${a.join('+')}/${scope}@key` });
        }
      }
    }
  }
  return out;
}

/** Does the scope let the caller read a record of this relation? (Needs the read action too.) */
export function sees(g: Grant, rel: Relation): boolean {
  if (!g.actions.includes('read')) return false;
  return g.scope === 'all' || rel === 'own' || (g.scope === 'team' && rel === 'team');
}

export type Outcome = 403 | 404 | 'ok';

/** What a request needing `verb` on one record of relation `rel` must answer under grant `g`. */
export function expectFor(g: Grant, verb: Action, rel: Relation): Outcome {
  if (!g.actions.includes(verb)) return 403;
  return sees(g, rel) ? 'ok' : 404;
}

/** The relations a list, count, search or export must return under grant `g` (it needs read to return any). */
export function visibleRelations(g: Grant): Relation[] {
  return relations.filter((r) => sees(g, r));
}
