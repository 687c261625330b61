/** `kith demo`: teams and users with English and Vietnamese names. Idempotent: existing rows are kept. */
import type { AppContext } from '../../platform/context.js';
import { ensureDefaultRoles } from './identity.setup.js';
import { findTeamByName } from './teams.repository.js';
import { createTeam } from './teams.service.js';
import { findUserByEmail } from './users.repository.js';
import { createUser } from './users.service.js';

export const DEMO_PASSWORD = 'demo-password-123';

const TEAMS: { name: string; parent?: string }[] = [
  { name: 'Sales' }, { name: 'Sales North', parent: 'Sales' }, { name: 'Sales South', parent: 'Sales' },
  { name: 'Support' }, { name: 'Marketing' },
];

const USERS: { email: string; name: string; role: 'Manager' | 'Sales rep'; team: string; locale: 'en' | 'vi' }[] = [
  { email: 'lan.nguyen@example.com', name: 'Nguyễn Thị Lan', role: 'Manager', team: 'Sales', locale: 'vi' },
  { email: 'minh.tran@example.com', name: 'Trần Văn Minh', role: 'Sales rep', team: 'Sales North', locale: 'vi' },
  { email: 'anh.le@example.com', name: 'Lê Hoàng Anh', role: 'Sales rep', team: 'Sales South', locale: 'vi' },
  { email: 'ha.pham@example.com', name: 'Phạm Thu Hà', role: 'Manager', team: 'Support', locale: 'vi' },
  { email: 'huy.do@example.com', name: 'Đỗ Quang Huy', role: 'Sales rep', team: 'Support', locale: 'vi' },
  { email: 'emily.carter@example.com', name: 'Emily Carter', role: 'Manager', team: 'Marketing', locale: 'en' },
  { email: 'james.walker@example.com', name: 'James Walker', role: 'Sales rep', team: 'Sales North', locale: 'en' },
  { email: 'sophie.turner@example.com', name: 'Sophie Turner', role: 'Sales rep', team: 'Sales South', locale: 'en' },
];

const DEMO_ACTOR = { id: null, label: 'demo' };

/** Adds the demo teams and users that are missing; returns what it did, for `kith demo` to print. */
export async function loadDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  const roles = await db.transaction().execute((trx) => ensureDefaultRoles(trx));
  const teamIds: Record<string, string> = {};
  let teams = 0;
  let users = 0;
  for (const t of TEAMS) {
    const existing = await findTeamByName(db, t.name);
    if (!existing) teams++;
    teamIds[t.name] = existing
      ? existing.id
      : (await createTeam(ctx, DEMO_ACTOR, { name: t.name, parentId: t.parent ? teamIds[t.parent] ?? null : null })).id;
  }
  for (const u of USERS) {
    if (await findUserByEmail(db, u.email)) continue;
    await createUser(ctx, DEMO_ACTOR, {
      email: u.email, name: u.name, roleId: roles[u.role]!, teamId: teamIds[u.team] ?? null, locale: u.locale, password: DEMO_PASSWORD,
    });
    users++;
  }
  if (!teams && !users) return 'teams and users: the demo ones are already there, left as they are';
  return `teams and users: ${teams} teams and ${users} users added (sign in as ${USERS[0]!.email} with password ${DEMO_PASSWORD})`;
}
