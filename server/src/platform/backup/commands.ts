/** The platform's own CLI commands (`kith backup|restore|audit verify`); cli.ts dispatches to them. */
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/db.js';
import { verifyAudit } from '../audit/audit.js';
import { backupDatabase, restoreDatabase } from './backup.js';

const open = (config: Config) => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });

/** `kith backup <file>`: safe while Kith runs. */
export async function backupCommand(config: Config, file: string | undefined): Promise<number> {
  if (!file) {
    console.error('usage: kith backup <file>');
    return 2;
  }
  const database = open(config);
  try {
    const { bytes } = await backupDatabase(database, file);
    console.log(`backup written to ${file} (${database.dialect}, ${bytes} bytes)`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `kith restore <file>`: stop every Kith process first. */
export async function restoreCommand(config: Config, file: string | undefined): Promise<number> {
  if (!file) {
    console.error('usage: kith restore <file>   (stop Kith first)');
    return 2;
  }
  const database = open(config);
  const target = { dialect: database.dialect, location: database.location };
  await database.close();
  const { keptAside } = await restoreDatabase(target, file);
  console.log(`restored ${file}` + (keptAside ? `; the previous database is kept at ${keptAside}` : ''));
  return 0;
}

/** `kith audit verify`: prints the VerifyResult as JSON; exit code 1 when the chain is broken. */
export async function auditCommand(config: Config, words: string[]): Promise<number> {
  if (words[0] !== 'verify') {
    console.error('usage: kith audit verify');
    return 2;
  }
  const database = open(config);
  try {
    const result = await verifyAudit(database.db);
    console.log(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}
