import { describe, expect, it } from 'vitest';
import { newContactRow } from './imports.gateway.js';

// Imported rows get their derived name columns from the contacts module's one helper (contactDerived), as the
// contacts service's writes do; the contacts module's names.integration.test.ts covers the service side.
describe('imports gateway', () => {
  it('new contact rows derive display name, sort key and name order like the contacts service', async () => {
    const p = { userId: 'u', teamId: null } as unknown as Parameters<typeof newContactRow>[4];
    const base = { emails: [], phones: [], addresses: [], social: {}, tags: [], jobTitle: null, department: null, birthday: null, externalId: null } as const;
    const vn = newContactRow('a', { ...base, givenName: 'Văn An', familyName: 'Nguyễn' } as unknown as Parameters<typeof newContactRow>[1], {}, null, p, 'now');
    const west = newContactRow('b', { ...base, givenName: 'Henry', familyName: 'Walker' } as unknown as Parameters<typeof newContactRow>[1], {}, null, p, 'now');
    expect([vn.display_name, vn.sort_key, vn.name_order]).toEqual(['Nguyễn Văn An', 'an nguyen van', null]);
    expect([west.display_name, west.sort_key]).toEqual(['Henry Walker', 'walker henry']);
  });
});
