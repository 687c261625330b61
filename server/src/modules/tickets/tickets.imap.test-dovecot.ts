/**
 * A real IMAP server for tests: Dovecot (Debian package `dovecot-imapd`) on 127.0.0.1 and a free port, with a temp
 * config (maildir in a temp directory, passwd-file users with plain passwords, no SSL), started in the foreground.
 *
 *   const dove = await startDovecot(['support']);        // throws when dovecot is missing
 *   const c = dove.client('support'); await c.connect(); await c.append('INBOX', raw); await c.logout();
 *   await dove.close();
 *
 * As root, Dovecot refuses mail processes with UID 0: the mail users then run as `nobody` (65534), owning the maildirs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/opt/homebrew/sbin/dovecot'];

/** The dovecot binary, or null when it is not installed. */
export function dovecotBinary(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const isCi = () => process.env.CI === 'true' || process.env.CI === '1';

export interface Dovecot {
  host: string;
  port: number;
  /** Every user's password. */
  password: string;
  /** A connected-on-demand client for `user` (the test's own, to append and read flags). */
  client(user: string): ImapFlow;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once the server greets on the port (`* OK`), or rejects after `ms`. */
async function greeted(port: number, ms: number, exited: () => string | null): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.setTimeout(1000);
      sock.once('data', (d) => { sock.destroy(); resolve(d.toString().startsWith('* OK')); });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => { sock.destroy(); resolve(false); });
    });
    if (ok) return;
    const why = exited();
    if (why) throw new Error(`dovecot stopped: ${why}`);
    if (Date.now() > until) throw new Error(`dovecot did not answer on port ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDovecot(users: string[]): Promise<Dovecot> {
  const bin = dovecotBinary();
  if (!bin) throw new Error('dovecot is not installed (Debian: apt-get install dovecot-imapd)');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-dovecot-'));
  fs.chmodSync(root, 0o755); // the login and mail processes run as other users when started as root
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : process.getuid!();
  const gid = asRoot ? 65534 : process.getgid!();
  const me = os.userInfo().username;
  const password = 'imap-secret-1';
  const mail = path.join(root, 'mail');
  fs.mkdirSync(mail);
  for (const u of users) fs.mkdirSync(path.join(mail, u));
  if (asRoot) for (const d of [mail, ...users.map((u) => path.join(mail, u))]) fs.chownSync(d, uid, gid);
  fs.writeFileSync(path.join(root, 'passwd'), users.map((u) => `${u}:{PLAIN}${password}:${uid}:${gid}::${path.join(mail, u)}\n`).join(''));
  const port = await freePort();
  const conf = [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${path.join(root, 'run')}`,
    `state_dir = ${path.join(root, 'state')}`,
    `log_path = ${path.join(root, 'dovecot.log')}`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'auth_failure_delay = 0',
    `mail_location = maildir:${mail}/%u`,
    // Not root: every process runs as the current user, whose group owns the sockets.
    ...(asRoot ? [] : [`default_login_user = ${me}`, `default_internal_user = ${me}`, `default_internal_group = ${execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim()}`]),
    'first_valid_uid = 1',
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${path.join(root, 'passwd')}\n}`,
    `userdb {\n  driver = passwd-file\n  args = username_format=%u ${path.join(root, 'passwd')}\n}`,
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    // No auth penalty: anvil would delay every login from an IP after a failed one (2–15 s); tests fail logins on purpose.
    'service anvil {\n  chroot =\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}',
    '',
  ].join('\n');
  const confPath = path.join(root, 'dovecot.conf');
  fs.writeFileSync(confPath, conf);
  const child: ChildProcess = spawn(bin, ['-F', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exit: string | null = null;
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.once('exit', (code, signal) => { exit = `exit ${code ?? signal}: ${stderr.trim()} ${readLog(root)}`.trim(); });
  try {
    await greeted(port, 15_000, () => exit);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}\n${readLog(root)}`, { cause: err });
  }
  return {
    host: '127.0.0.1', port, password,
    client: (user) => {
      const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
      c.on('error', () => undefined);
      return c;
    },
    close: async () => {
      if (exit === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (exit === null) child.kill('SIGKILL');
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function readLog(root: string): string {
  try { return fs.readFileSync(path.join(root, 'dovecot.log'), 'utf8').slice(-2000); } catch { return ''; }
}
