import { describe, expect, it } from 'vitest';
import { intersectRoles, type RoleRights } from './principal.js';

describe('intersectRoles (an API key under its owner)', () => {
  const admin: RoleRights = { isAdmin: true, permissions: {}, maxClassification: 'restricted' };
  const manager: RoleRights = {
    isAdmin: false, maxClassification: 'confidential',
    permissions: { contacts: { actions: ['read', 'create', 'update', 'export'], scope: 'team' }, companies: { actions: ['read'], scope: 'all' } },
  };
  const keyRole: RoleRights = {
    isAdmin: false, maxClassification: 'restricted',
    permissions: { contacts: { actions: ['read', 'update', 'delete'], scope: 'all' }, activities: { actions: ['read'], scope: 'all' } },
  };

  it('admin only when both are admins', () => {
    expect(intersectRoles(admin, admin).isAdmin).toBe(true);
    expect(intersectRoles(admin, manager)).toEqual({ ...manager, maxClassification: 'confidential' });
    expect(intersectRoles(manager, admin)).toEqual(manager);
  });

  it('common actions, narrower scope, lower ceiling; modules only one side grants are dropped', () => {
    expect(intersectRoles(keyRole, manager)).toEqual({
      isAdmin: false, maxClassification: 'confidential', permissions: { contacts: { actions: ['read', 'update'], scope: 'team' } },
    });
  });

  it('an owner demoted to no rights leaves the key none', () => {
    expect(intersectRoles(admin, { isAdmin: false, permissions: {}, maxClassification: 'public' })).toEqual({ isAdmin: false, permissions: {}, maxClassification: 'public' });
  });
});
