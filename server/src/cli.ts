import type { Config } from './platform/config/config.js';
import { createContext, openAndMigrate } from './platform/bootstrap.js';
import { modules } from './modules/index.js';
import { startServer } from './server.js';
import { auditCommand, backupCommand, restoreCommand } from './platform/backup/commands.js';

function help(): string {
  const extra = modules.flatMap((m) => Object.values(m.commands ?? {}).map((c) => `  ${c.usage}`));
  return [
    'kith — open-source CRM',
    '',
    'Usage: kith <command> [options]',
    '',
    '  start [--role web|worker|all]   run Kith (default role: all)',
    '  migrate                         apply pending database migrations',
    '  demo                            load demo data (users, teams, contacts, companies)',
    '  backup <file>                   write a backup (SQLite online backup, or pg_dump -Fc)',
    '  restore <file>                  replace the database with a backup (stop Kith first)',
    '  audit verify                    check the audit hash chain; exit code 1 when tampered',
    ...extra,
    '  help                            this text',
    '',
  ].join('\n');
}

/** Opens and migrates the database for a one-shot command (no HTTP, no workers). */
async function contextForCommand(config: Config) {
  const database = await openAndMigrate(config, modules);
  return createContext(config, database, modules);
}

/** Parses `--name value` and `--flag` options after the positional words. */
export function parseArgs(argv: string[]): { words: string[]; opts: Record<string, string | true> } {
  const words: string[] = [];
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (v !== undefined) opts[k] = v;
      else if (next !== undefined && !next.startsWith('--')) opts[k] = argv[++i]!;
      else opts[k] = true;
    } else words.push(a);
  }
  return { words, opts };
}

export async function runCli(argv: string[], config: Config): Promise<number | void> {
  const { words, opts } = parseArgs(argv);
  const [command] = words;
  switch (command) {
    case 'start': {
      if (typeof opts.role === 'string') config.role = opts.role as Config['role'];
      const running = await startServer(config);
      const where = config.role === 'worker' ? 'worker running' : `listening on http://localhost:${config.port}`;
      console.log(`Kith ${where} (${running.ctx.database.dialect}, role ${config.role})`);
      const stop = async () => {
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'migrate': {
      const db = await openAndMigrate(config, modules);
      console.log('migrations applied');
      await db.close();
      return 0;
    }
    case 'demo': {
      const ctx = await contextForCommand(config);
      try {
        for (const m of modules) if (m.demo) console.log(await m.demo(ctx));
      } finally {
        await ctx.database.close();
      }
      return 0;
    }
    case 'backup':
      return backupCommand(config, words[1]);
    case 'restore':
      return restoreCommand(config, words[1]);
    case 'audit':
      return auditCommand(config, words.slice(1));
    case undefined:
    case 'help':
    case '--help':
      console.log(help());
      return 0;
    default: {
      const found = modules.find((m) => m.commands?.[command]);
      if (!found) {
        console.error(`unknown command "${command}"\n${help()}`);
        return 2;
      }
      const ctx = await contextForCommand(config);
      try {
        return await found.commands![command]!.run(ctx, words.slice(1), opts);
      } finally {
        await ctx.database.close();
      }
    }
  }
}
