import { describe, expect, it } from 'vitest';
import { MAX_RECENT, recordOfPath, remember, type RecentRecord } from './recent';

const now = new Date('2026-12-07T08:00:00Z');
const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('recordOfPath', () => {
  it.each([
    [`/contacts/${id}`, { kind: 'contact', id }],
    [`/companies/${id}/`, { kind: 'company', id }],
    [`/objects/vehicles/${id}`, { kind: 'record', object: 'vehicles', id }],
    [`/deals/${id}`, { kind: 'record', object: 'deals', id }],
  ])('%s is a record page', (path, expected) => {
    expect(recordOfPath(path, now)).toMatchObject({ ...expected, at: now.toISOString() });
  });

  it.each(['/', '/contacts', '/contacts/new', '/contacts/kanban', '/objects/vehicles', `/contacts/${id}/edit`, '/settings/users'])(
    '%s is not', (path) => expect(recordOfPath(path, now)).toBeNull(),
  );
});

describe('remember', () => {
  const rec = (n: number): RecentRecord => ({ kind: 'contact', id: `contact-${n}-xxxxxxxx`, path: `/contacts/contact-${n}-xxxxxxxx`, at: now.toISOString() });

  it('moves a record opened again to the front without duplicating it', () => {
    const list = [rec(1), rec(2), rec(3)];
    expect(remember(list, rec(3)).map((r) => r.id)).toEqual([rec(3).id, rec(1).id, rec(2).id]);
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    let list: RecentRecord[] = [];
    for (let i = 0; i < MAX_RECENT + 5; i++) list = remember(list, rec(i));
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]!.id).toBe(rec(MAX_RECENT + 4).id);
  });
});
