/**
 * The administrator's first-run checklist: each item is done when the data says so (not when clicked), and each can
 * be hidden (kept in this browser, per user).
 *
 * @example checklistItems({ users: 3, importStatuses: ['completed'], workspace: null, pipelines: [] })
 *          → invite done, import done, workspace and pipeline to do
 */
export type ChecklistKey = 'invite' | 'import' | 'workspace' | 'pipeline';

export interface ChecklistFacts {
  /** Active users in the directory (the admin is one). */
  users: number | undefined;
  /** Statuses of the latest import batches. */
  importStatuses: string[] | undefined;
  /** The workspace settings, or null when they cannot be read. */
  workspace: { companyName: string; updatedAt: string | null } | null | undefined;
  /** Pipelines (the seeds create one default pipeline, untouched until someone edits it). */
  pipelines: { createdAt: string; updatedAt: string }[] | undefined;
}

export interface ChecklistItem {
  key: ChecklistKey;
  path: string;
  /** undefined while the facts are loading. */
  done: boolean | undefined;
}

const when = <T>(v: T | undefined, test: (v: T) => boolean) => (v === undefined ? undefined : test(v));

export function checklistItems(f: ChecklistFacts): ChecklistItem[] {
  return [
    { key: 'invite', path: '/settings/users', done: when(f.users, (n) => n > 1) },
    { key: 'import', path: '/imports', done: when(f.importStatuses, (s) => s.some((x) => x === 'completed')) },
    { key: 'workspace', path: '/settings/workspace', done: when(f.workspace, (w) => w !== null && (w.updatedAt !== null || w.companyName.trim() !== '')) },
    {
      key: 'pipeline', path: '/settings/pipelines',
      done: when(f.pipelines, (ps) => ps.length > 1 || ps.some((p) => p.updatedAt > p.createdAt)),
    },
  ];
}

export interface ChecklistState {
  hidden: boolean;
  dismissed: ChecklistKey[];
}

const key = (userId: string) => `kith.home.checklist.${userId}`;

export function readChecklistState(userId: string): ChecklistState {
  try {
    const raw = JSON.parse(localStorage.getItem(key(userId)) ?? '{}') as Partial<ChecklistState>;
    return { hidden: raw.hidden === true, dismissed: Array.isArray(raw.dismissed) ? raw.dismissed : [] };
  } catch {
    return { hidden: false, dismissed: [] };
  }
}

export function writeChecklistState(userId: string, s: ChecklistState): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(s));
  } catch {
    // Storage disabled: the dismissal lasts until the page reloads.
  }
}
