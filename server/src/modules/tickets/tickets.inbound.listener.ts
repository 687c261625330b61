/**
 * The built-in SMTP listener (smtp-server): accepts every recipient, refuses a message over the size limit with 552
 * (`KITH_SMTP_MAX_BYTES`, default 25 MB), stores each message raw before answering 250 (so an accepted message is
 * never lost), then processes it (tickets.inbound.service.ts). Started by the tickets module when
 * `KITH_SMTP_LISTEN_PORT` is set (host `KITH_SMTP_LISTEN_HOST`, default 127.0.0.1).
 */
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../platform/context.js';
import { inboundService } from './tickets.inbound.service.js';

export const DEFAULT_SMTP_MAX_BYTES = 25 * 1024 * 1024;

export interface InboundListener { port: number; host: string; close(): Promise<void>; /** Resolves when every accepted message is processed. */ idle(): Promise<void> }

export interface ListenerOptions { port: number; host?: string; maxBytes?: number }

/** Options from the environment, or null when `KITH_SMTP_LISTEN_PORT` is not set. */
export function listenerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ListenerOptions | null {
  const port = env.KITH_SMTP_LISTEN_PORT;
  if (!port) return null;
  const n = Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`KITH_SMTP_LISTEN_PORT must be a port number, got ${port}`);
  const max = Number(env.KITH_SMTP_MAX_BYTES);
  return { port: n, host: env.KITH_SMTP_LISTEN_HOST || '127.0.0.1', maxBytes: Number.isInteger(max) && max > 0 ? max : DEFAULT_SMTP_MAX_BYTES };
}

export async function startInboundListener(ctx: AppContext, opts: ListenerOptions): Promise<InboundListener> {
  const maxBytes = opts.maxBytes ?? DEFAULT_SMTP_MAX_BYTES;
  const host = opts.host ?? '127.0.0.1';
  const pending = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: maxBytes,
    banner: 'Kith service desk',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBytes) chunks.push(c);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          callback(Object.assign(new Error(`Message exceeds the ${maxBytes} bytes limit`), { responseCode: 552 }));
          return;
        }
        inboundService.store(ctx.database, Buffer.concat(chunks)).then((id) => {
          callback();
          const job = inboundService.process(ctx, id).catch((err: unknown) => ctx.log.error({ err, inboundId: id }, 'inbound mail processing failed; it stays stored'));
          pending.add(job);
          void job.finally(() => pending.delete(job));
        }, (err: unknown) => {
          ctx.log.error({ err }, 'inbound mail could not be stored');
          callback(Object.assign(new Error('Temporary failure storing the message; try again later'), { responseCode: 451 }));
        });
      });
    },
  });
  server.on('error', (err) => ctx.log.warn({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, host, () => { server.server.off('error', reject); resolve(); });
  });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  ctx.log.info({ host, port }, 'SMTP listener for tickets started');
  return {
    port, host,
    idle: async () => { while (pending.size) await Promise.all([...pending]); },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
