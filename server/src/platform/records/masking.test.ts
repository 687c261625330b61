import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { canSeeCustomField, classificationsOf, maskChanges, maskCustom, maskSnapshot } from './masking.js';

const reader = (over: Partial<Principal> = {}): Principal => ({
  kind: 'user', userId: 'u1', email: 'a@b.vn', name: 'A', locale: 'en', roleId: 'r', isAdmin: false, teamId: null, teamIds: [],
  permissions: {}, maxClassification: 'internal', ...over,
});
const fields = classificationsOf([
  { key: 'size', classification: 'public' },
  { key: 'note', classification: 'internal' },
  { key: 'margin', classification: 'confidential' },
  { key: 'salary', classification: 'restricted' },
]);
const stored = { size: 'L', note: 'hi', margin: 12, salary: 9000, gone: 'x' };

describe('masking by clearance', () => {
  it.each([
    ['public', ['size']],
    ['internal', ['size', 'note']],
    ['confidential', ['size', 'note', 'margin']],
    ['restricted', ['size', 'note', 'margin', 'salary']],
  ] as const)('a %s reader sees exactly the fields up to that level', (level, visible) => {
    const { custom, masked } = maskCustom(reader({ maxClassification: level }), JSON.stringify(stored), fields, true);
    expect(Object.keys(custom)).toEqual(['size', 'note', 'margin', 'salary']);
    for (const k of Object.keys(custom)) expect(custom[k]).toBe((visible as readonly string[]).includes(k) ? stored[k as keyof typeof stored] : null);
    expect(masked).toEqual(['size', 'note', 'margin', 'salary'].filter((k) => !(visible as readonly string[]).includes(k)));
  });

  it('keys without a definition are hidden from everyone but administrators (fail closed)', () => {
    expect(canSeeCustomField(reader({ maxClassification: 'restricted' }), fields, 'gone')).toBe(false);
    expect(canSeeCustomField(reader({ isAdmin: true }), fields, 'gone')).toBe(true);
    expect(maskCustom(reader({ maxClassification: 'restricted' }), stored, fields).custom).toEqual({ ...stored, gone: null });
    expect(maskCustom(reader({ isAdmin: true, maxClassification: 'public' }), stored, fields).masked).toEqual([]);
  });

  it('a custom-column change is split per changed key; hidden keys keep only the fact that they changed', () => {
    const changes = maskChanges(reader(), [
      { field: 'jobTitle', before: null, after: 'CEO' },
      { field: 'custom', before: JSON.stringify({ note: 'a', salary: 1, size: 'S' }), after: { note: 'b', salary: 2, size: 'S' } },
      { field: 'custom.margin', before: 1, after: 2 },
    ], fields);
    expect(changes).toEqual([
      { field: 'jobTitle', before: null, after: 'CEO' },
      { field: 'custom.note', before: 'a', after: 'b' },
      { field: 'custom.salary', before: null, after: null, masked: true },
      { field: 'custom.margin', before: null, after: null, masked: true },
    ]);
  });

  it('snapshots (audit entries) are masked at any depth, keeping the stored text form', () => {
    const entry = { survivor: { id: 's', custom: JSON.stringify({ salary: 1, note: 'n' }) }, merged: { custom: { salary: 2 } }, list: [{ custom: { margin: 3 } }] };
    expect(maskSnapshot(reader(), entry, fields)).toEqual({
      survivor: { id: 's', custom: JSON.stringify({ salary: null, note: 'n' }) }, merged: { custom: { salary: null } }, list: [{ custom: { margin: null } }],
    });
    expect(maskSnapshot(reader({ isAdmin: true }), entry, fields)).toEqual(entry);
    expect(maskSnapshot(reader(), 'plain', fields)).toBe('plain');
  });
});
