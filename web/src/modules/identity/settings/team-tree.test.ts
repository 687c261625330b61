import { describe, expect, it } from 'vitest';
import { flattenTree, subtreeIds } from './team-tree';

const team = (id: string, name: string, parentId: string | null = null) => ({ id, name, parentId });

describe('flattenTree', () => {
  it('orders depth-first with siblings by name and counts children', () => {
    const rows = flattenTree([team('s', 'Sales'), team('n', 'North', 's'), team('a', 'Accounts'), team('e', 'East', 's')]);
    expect(rows.map((r) => [r.team.name, r.depth, r.childCount])).toEqual([
      ['Accounts', 0, 0],
      ['Sales', 0, 2],
      ['East', 1, 0],
      ['North', 1, 0],
    ]);
  });

  it('shows orphans and cycle members instead of hiding them', () => {
    const rows = flattenTree([team('a', 'A', 'b'), team('b', 'B', 'a'), team('o', 'Orphan', 'gone')]);
    expect(rows.map((r) => r.team.id).sort()).toEqual(['a', 'b', 'o']);
  });
});

describe('subtreeIds', () => {
  it('collects a team and all its descendants, not its siblings', () => {
    const teams = [team('r', 'Root'), team('c', 'Child', 'r'), team('g', 'Grandchild', 'c'), team('x', 'Other')];
    expect([...subtreeIds(teams, 'r')].sort()).toEqual(['c', 'g', 'r']);
    expect([...subtreeIds(teams, 'c')].sort()).toEqual(['c', 'g']);
  });
});
