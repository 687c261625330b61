// Child process of crash.integration.test.ts: commits small transactions in a loop and prints each
// batch number to stdout only after its COMMIT returned. The test SIGKILLs it mid-stream and checks
// that every printed batch survived. Plain JavaScript so it runs without a TypeScript loader.
//
//   node crash-writer.mjs sqlite /tmp/x/kith.db     |     node crash-writer.mjs postgres postgres://…
import fs from 'node:fs';

const [dialect, target] = process.argv.slice(2);
const say = (line) => fs.writeSync(1, line + '\n'); // synchronous: nothing is buffered in this process

if (dialect === 'sqlite') {
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(target);
  // Keep in step with openSqliteFile() in platform/db/db.ts: these are the pragmas Kith runs with.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -64000');
  db.exec('create table if not exists crash_rows (id integer primary key, batch integer not null, payload text not null)');
  const insert = db.prepare('insert into crash_rows (id, batch, payload) values (?, ?, ?)');
  const batch = db.transaction((k) => {
    insert.run(2 * k, k, 'a'.repeat(200));
    insert.run(2 * k + 1, k, 'b'.repeat(200));
  });
  say('ready');
  for (let k = 0; ; k++) {
    batch(k);
    say(String(k));
  }
} else if (dialect === 'postgres') {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  say('ready');
  for (let k = 0; ; k++) {
    await client.query('begin');
    await client.query('insert into crash_rows (id, batch, payload) values ($1, $3, $4), ($2, $3, $4)', [2 * k, 2 * k + 1, k, 'x'.repeat(200)]);
    await client.query('commit');
    say(String(k));
  }
} else {
  console.error('usage: crash-writer.mjs sqlite <file> | postgres <url>');
  process.exit(2);
}
