/**
 * A loopback SMTP server for tests: accepts every message on 127.0.0.1 and keeps it parsed.
 *
 *   const sink = await startSmtpSink();
 *   env().config.smtpUrl = sink.url;           // the mailer reads SMTP_URL at each send
 *   …
 *   const [mail] = await sink.waitFor(1);
 *   expect(mail.subject).toBe('Reminder');
 *   await sink.close();
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Resolves once at least `count` messages arrived (or with what arrived after `ms`). */
  waitFor(count: number, ms?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count, ms = 5000) {
      const until = Date.now() + ms;
      while (messages.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return messages.slice();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
