import { describe, expect, it } from 'vitest';
import { cleanGrants, setScope, toggleAction } from './permissions';

describe('permission matrix edits', () => {
  it('ticking a write action also grants read, in canonical order', () => {
    const g = toggleAction({}, 'contacts', 'update', true, 'own');
    expect(g).toEqual({ contacts: { actions: ['read', 'update'], scope: 'own' } });
  });

  it('unticking read clears the whole row', () => {
    let g = toggleAction({}, 'contacts', 'delete', true, 'team');
    g = toggleAction(g, 'contacts', 'read', false, 'team');
    expect(g).toEqual({});
  });

  it('unticking a write action keeps read and the chosen scope', () => {
    let g = toggleAction({}, 'deals', 'create', true, 'own');
    g = setScope(g, 'deals', 'all');
    g = toggleAction(g, 'deals', 'create', false, 'own');
    expect(g).toEqual({ deals: { actions: ['read'], scope: 'all' } });
  });

  it('cleanGrants drops unknown modules and forces scope all on unscoped ones', () => {
    const g = {
      contacts: { actions: ['read' as const], scope: 'own' as const },
      reports: { actions: ['read' as const], scope: 'own' as const },
      ghost: { actions: ['read' as const], scope: 'all' as const },
    };
    expect(cleanGrants(g, [{ key: 'contacts', scoped: true }, { key: 'reports', scoped: false }])).toEqual({
      contacts: { actions: ['read'], scope: 'own' },
      reports: { actions: ['read'], scope: 'all' },
    });
  });
});
