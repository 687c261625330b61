/** Pure helpers that turn the flat team list (parentId links) into an ordered tree. */
export interface TeamLike {
  id: string;
  name: string;
  parentId: string | null;
}

export interface TreeRow<T extends TeamLike> {
  team: T;
  depth: number;
  childCount: number;
}

/**
 * Depth-first rows, siblings sorted by name. A team whose parent is missing is shown as a root, and a
 * cycle (only possible if written by hand) cannot loop.
 */
export function flattenTree<T extends TeamLike>(teams: T[]): TreeRow<T>[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of teams) {
    const parent = t.parentId && ids.has(t.parentId) && t.parentId !== t.id ? t.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(t);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const out: TreeRow<T>[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const team of children.get(parent) ?? []) {
      if (seen.has(team.id)) continue;
      seen.add(team.id);
      out.push({ team, depth, childCount: children.get(team.id)?.length ?? 0 });
      walk(team.id, depth + 1);
    }
  };
  walk(null, 0);
  // Members of a hand-written cycle have no root: list them at the top level rather than hide them.
  for (const team of teams) if (!seen.has(team.id)) out.push({ team, depth: 0, childCount: children.get(team.id)?.length ?? 0 });
  return out;
}

/** The team and everything nested under it: the parents a move must not choose. */
export function subtreeIds(teams: TeamLike[], rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
    }
  }
  return out;
}
