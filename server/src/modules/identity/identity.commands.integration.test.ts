/** `kith user create --role` takes a role's key as well as its name or id (issue 11, item 4). */
import { afterEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { roleKey, userCommand } from './identity.commands.js';

describeEachDialect('kith user create --role <key>', (env) => {
  afterEach(() => vi.restoreAllMocks());

  it('accepts admin / Administrator, sales_rep / Sales rep, manager; an unknown key is a usage error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    const ctx = env().ctx;
    const cases = [['admin', 'Administrator'], ['Administrator', 'Administrator'], ['sales_rep', 'Sales rep'], ['Sales rep', 'Sales rep'], ['manager', 'Manager']];
    for (const [i, [ref, name]] of cases.entries()) {
      expect(await userCommand.run(ctx, ['create'], { email: `role${i}@kith.test`, name: `Role ${i}`, role: ref!, password: 'a long enough password' }), ref).toBe(0);
      const user = JSON.parse(out.filter((l) => l.startsWith('{')).at(-1)!) as { roleId: string };
      const role = await env().database.db.selectFrom('roles').select('name').where('id', '=', user.roleId).executeTakeFirstOrThrow();
      expect(role.name, ref).toBe(name);
    }
    expect(await userCommand.run(ctx, ['create'], { email: 'x@kith.test', name: 'X', role: 'superuser' })).toBe(2);
    expect(err.at(-1)).toContain('no role named "superuser"');
    expect(roleKey(' Sales  rep ')).toBe('sales_rep');
  });
});
