/**
 * The platform's mail sender (ctx.services.mail): plain SMTP through nodemailer to `SMTP_URL`, from `MAIL_FROM`.
 * Never call it inside a database transaction (SQLite has one writer): queue a job in the transaction and send
 * from the job, as the notification emails do.
 *
 *   await ctx.services.mail.send({ to: 'lan@example.vn', subject: 'Reminder', text: 'Call Mr Minh at 10:00' });
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Display name before MAIL_FROM's address, e.g. the workspace's company name. */
  fromName?: string;
  /** Threading (tickets' replies): our own Message-ID `<id@domain>`, and the ids of the message answered. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers, e.g. `Auto-Submitted: auto-replied` on an acknowledgement. */
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface MailService {
  /** Whether SMTP_URL is set; without it send() does nothing and returns null. */
  configured(): boolean;
  /** Sends one message; throws when the SMTP server refuses it (a job retries). Returns the Message-ID. */
  send(message: MailMessage): Promise<string | null>;
}

/** `Name <addr>` → `addr`; a bare address stays. */
export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1]! : from).trim();
}

/**
 * Builds the sender. The SMTP URL is read at each send (the transport is rebuilt only when it changes), so a
 * test can point a running app at its own loopback server.
 */
export function createMailer(config: Config, log: { warn(obj: unknown, msg?: string): void }): MailService {
  let transport: { url: string; t: Transporter } | null = null;
  return {
    configured: () => Boolean(config.smtpUrl),
    async send(message) {
      const url = config.smtpUrl;
      if (!url) {
        log.warn({ to: message.to, subject: message.subject }, 'mail not sent: SMTP_URL is not set');
        return null;
      }
      if (transport?.url !== url) {
        transport?.t.close();
        transport = { url, t: nodemailer.createTransport(url) };
      }
      // The display name is user data (a company name): quote it so commas or angle brackets cannot add recipients.
      const from = message.fromName
        ? { name: message.fromName.replace(/["\r\n<>]/g, ' ').trim(), address: addressOf(config.mailFrom) }
        : config.mailFrom;
      const info = await transport.t.sendMail({
        from, to: message.to, subject: message.subject, text: message.text, html: message.html,
        messageId: message.messageId, inReplyTo: message.inReplyTo, references: message.references, headers: message.headers, attachments: message.attachments,
      });
      return typeof info.messageId === 'string' ? info.messageId : null;
    },
  };
}
