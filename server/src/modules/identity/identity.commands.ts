/** `kith user create …` and `kith apikey create …`. */
import type { CliCommand, AppContext } from '../../platform/context.js';
import { generatePassword } from '../../platform/auth/passwords.js';
import { AppError } from '../../platform/http/errors.js';
import { createUserBody, createApiKeyBody } from '../../../../contracts/identity.js';
import { createApiKey } from './api-keys.service.js';
import { normalizeEmail } from './identity.logic.js';
import { ensureDefaultRoles } from './identity.setup.js';
import { findRole, findRoleByName } from './roles.repository.js';
import { findTeam, findTeamByName } from './teams.repository.js';
import { findUserByEmail } from './users.repository.js';
import { createUser } from './users.service.js';

const CLI_ACTOR = { id: null, label: 'cli' };
const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

async function roleIdOf(ctx: AppContext, ref: string): Promise<string | undefined> {
  const db = ctx.database.db;
  // Before the first start there are no roles yet: the defaults are what `--role Manager` means.
  if (!(await db.selectFrom('roles').select('id').limit(1).executeTakeFirst())) {
    await db.transaction().execute((trx) => ensureDefaultRoles(trx));
  }
  const exact = (await findRole(db, ref)) ?? (await findRoleByName(db, ref));
  if (exact) return exact.id;
  const roles = await db.selectFrom('roles').select(['id', 'name']).orderBy('name').orderBy('id').execute();
  return roles.find((r) => roleKey(r.name) === roleKey(ref) || ROLE_KEYS[roleKey(r.name)] === roleKey(ref))?.id;
}

/** A role's key: its name lowercased with `_` between words ('Sales rep' → 'sales_rep', 'Administrator' → 'administrator'). */
export function roleKey(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
/** Short keys of the default roles, as the docs write them (`--role admin`). */
const ROLE_KEYS: Record<string, string> = { administrator: 'admin' };

/** Runs a command body, turning bad input into a message on stderr and exit code 1. */
async function guarded(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

const fail = (message: string, usage: string) => {
  console.error(`error: ${message}\nusage: kith ${usage}`);
  return 2;
};

const USER_USAGE = 'user create --email <email> --name <name> --role <key|name|id> [--password <p>] [--team <name|id>]';
const APIKEY_USAGE = 'apikey create --user <email> --name <name> [--role <name|id>]';

export const userCommand: CliCommand = {
  usage: USER_USAGE.padEnd(32) + '  create a user (prints it as JSON)',
  run: (ctx, words, opts) =>
    guarded(async () => {
      if (words[0] !== 'create') return fail(`unknown subcommand "${words[0] ?? ''}"`, USER_USAGE);
      const [email, name, role] = [str(opts.email), str(opts.name), str(opts.role)];
      if (!email || !name || !role) return fail('--email, --name and --role are required', USER_USAGE);
      const roleId = await roleIdOf(ctx, role);
      if (!roleId) return fail(`no role named "${role}"`, USER_USAGE);
      let teamId: string | null = null;
      const team = str(opts.team);
      if (team) {
        const found = (await findTeam(ctx.database.db, team)) ?? (await findTeamByName(ctx.database.db, team));
        if (!found) return fail(`no team named "${team}"`, USER_USAGE);
        teamId = found.id;
      }
      const generated = str(opts.password) === undefined;
      const parsed = createUserBody.safeParse({ email, name, roleId, teamId, password: str(opts.password) ?? generatePassword() });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return fail(`--${String(issue.path[0] ?? 'input')}: ${issue.message}`, USER_USAGE);
      }
      const user = await createUser(ctx, CLI_ACTOR, parsed.data);
      console.log(JSON.stringify(user, null, 2));
      if (generated) console.log(`password: ${parsed.data.password}  (shown once)`);
      return 0;
    }),
};

export const apikeyCommand: CliCommand = {
  usage: APIKEY_USAGE.padEnd(32) + '  create an API key (prints the secret once)',
  run: (ctx, words, opts) =>
    guarded(async () => {
      if (words[0] !== 'create') return fail(`unknown subcommand "${words[0] ?? ''}"`, APIKEY_USAGE);
      const [email, name] = [str(opts.user), str(opts.name)];
      if (!email || !name) return fail('--user and --name are required', APIKEY_USAGE);
      const user = await findUserByEmail(ctx.database.db, normalizeEmail(email));
      if (!user) return fail(`no user with email "${email}"`, APIKEY_USAGE);
      const role = str(opts.role);
      const roleId = role ? await roleIdOf(ctx, role) : user.role_id;
      if (!roleId) return fail(`no role named "${role}"`, APIKEY_USAGE);
      const parsed = createApiKeyBody.safeParse({ name, roleId });
      if (!parsed.success) return fail(`--name: ${parsed.error.issues[0]!.message}`, APIKEY_USAGE);
      const { apiKey, secret } = await createApiKey(ctx, { id: user.id, label: `${user.email} (cli)` }, user.id, parsed.data);
      console.log(JSON.stringify({ apiKey, secret }, null, 2));
      console.log('Store the secret now: it is shown only once.');
      return 0;
    }),
};
