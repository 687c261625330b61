/**
 * Pure pieces of the ticket conversation and its mail: body text/HTML, quoted-history trimming, threading ids,
 * auto-reply/bounce/loop recognition, the `[#10234]` subject tag and acknowledgement templates.
 */
import { plainText, sanitizeBody } from '../activities/index.js';

/** Whether a body typed by an agent is HTML (an editor's output) rather than plain text. */
export const looksLikeHtml = (s: string) => /<(p|div|br|b|strong|i|em|ul|ol|li|a|span|blockquote|h[1-6])\b[^>]*>/i.test(s);

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text → safe HTML paragraphs (line breaks kept). */
export function textToHtml(text: string): string {
  return text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

/** HTML → readable plain text with line breaks (block ends and <br> become new lines). */
export function htmlToText(html: string): string {
  const marked = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6]|blockquote|pre|tr)>/gi, '$&\n');
  return marked.split('\n').map((line) => plainText(line, 100_000)).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * An agent's body: `{ text, html }` with the HTML sanitised by the activities module's sanitiser (plain text is
 * escaped into paragraphs).
 *
 *   bodyOf('Hi<script>x</script>') → { text: 'Hi<script>x</script>', html: '<p>Hi&lt;script&gt;…</p>' }
 */
export function bodyOf(body: string): { text: string; html: string } {
  if (looksLikeHtml(body)) {
    const html = sanitizeBody(body);
    return { text: htmlToText(html), html };
  }
  const text = body.replace(/\r\n/g, '\n').trim();
  return { text, html: textToHtml(text) };
}

const QUOTE_HEADERS = [
  /^On .{3,200}wrote:\s*$/i, // Gmail, Apple Mail
  /^Vào .{3,200}đã viết:\s*$/i, // Gmail in Vietnamese
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Thư gốc\s*-{2,}/i,
  /^_{5,}\s*$/, // Outlook's rule before the quoted header
  /^(From|Từ|Sent|Gửi):\s.+$/i,
];

/**
 * The new part of a reply: cuts at the first quote header ("On … wrote:", "-----Original Message-----", Outlook's
 * From:/Sent: block, the Vietnamese forms) or at the first run of `>` lines that lasts to the end. Never returns
 * an empty text when the mail had one (then the whole text stays).
 *
 *   trimQuoted('Thanks!\n\nOn Mon, 7 Dec 2026, Support wrote:\n> old') → 'Thanks!'
 */
export function trimQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // "On … wrote:" may wrap over two lines.
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (QUOTE_HEADERS.some((re) => re.test(line)) || (/^(On|Vào) /i.test(line) && /(wrote|đã viết):\s*$/i.test(joined))) { cut = i; break; }
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) { cut = i; break; }
  }
  const kept = lines.slice(0, cut).join('\n').trim();
  return kept || text.trim();
}

/** `<a@b> <c@d>` or an array of them → the ids with their angle brackets, at most 50. */
export function messageIds(v: string | string[] | undefined | null): string[] {
  const all = Array.isArray(v) ? v.join(' ') : (v ?? '');
  const out = all.match(/<[^<>\s]+>/g) ?? [];
  return [...new Set(out)].slice(0, 50);
}

/** The ticket number tagged in a subject (`Re: [#10234] …` → `#10234`), or null. */
export function numberInSubject(subject: string | null | undefined): string | null {
  const m = /\[#(\d{1,12})\]/.exec(subject ?? '');
  return m ? `#${m[1]}` : null;
}

/** Our outgoing subject: `[#10234] Cannot sign in` (a tag already there is not repeated). */
export function taggedSubject(number: string, subject: string): string {
  const clean = subject.replace(/\[#\d{1,12}\]\s*/g, '').trim();
  return `[${number}] ${clean}`;
}

/** Headers the recognition reads (lower-case names; values as text). */
export type HeaderBag = Map<string, string>;

/**
 * Why a mail must be neither answered nor ticketed — an auto-reply, a bounce or a loop — or null for a person's mail.
 * `ours` tells whether its Message-ID is one of our own outgoing ones.
 *
 *   autoReason(new Map([['auto-submitted', 'auto-replied']]), 'lan@example.vn', false) → 'auto-reply (Auto-Submitted: auto-replied)'
 */
export function autoReason(headers: HeaderBag, from: string | null, ours: boolean): string | null {
  if (ours) return 'loop: our own Message-ID came back';
  const h = (k: string) => (headers.get(k) ?? '').toString().trim().toLowerCase();
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return `auto-reply (Auto-Submitted: ${auto})`;
  const precedence = h('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `bulk mail (Precedence: ${precedence})`;
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('x-autoresponder')) return 'auto-reply (X-Autoreply)';
  if (headers.has('x-auto-response-suppress') && /\b(all|autoreply)\b/i.test(h('x-auto-response-suppress')) && h('x-ms-exchange-generated-message-source') !== '') return 'auto-reply (Exchange)';
  const local = (from ?? '').split('@')[0]!.toLowerCase();
  if (['mailer-daemon', 'postmaster', 'mail-daemon'].includes(local)) return `bounce (from ${local})`;
  if (h('content-type').startsWith('multipart/report')) return 'bounce (delivery report)';
  if (h('x-kith-ticket')) return 'loop: a Kith ticket mail came back';
  return null;
}

export const DEFAULT_ACK: Record<'en' | 'vi', { subject: string; body: string }> = {
  en: {
    subject: 'We received your request: {{subject}}',
    body: 'Hello {{name}},\n\nThank you for contacting us. Your request has been received as ticket {{number}}; an agent will answer you soon.\n\nTo add anything, simply reply to this email.\n',
  },
  vi: {
    subject: 'Chúng tôi đã nhận yêu cầu của bạn: {{subject}}',
    body: 'Xin chào {{name}},\n\nCảm ơn bạn đã liên hệ. Yêu cầu của bạn đã được ghi nhận với mã phiếu {{number}}; nhân viên hỗ trợ sẽ trả lời bạn sớm.\n\nĐể bổ sung thông tin, bạn chỉ cần trả lời email này.\n',
  },
};

/** Fills {{number}}, {{subject}}, {{name}} (unknown placeholders stay as written). */
export function render(template: string, values: { number: string; subject: string; name: string }): string {
  return template.replace(/\{\{\s*(number|subject|name)\s*\}\}/g, (_, k: 'number' | 'subject' | 'name') => values[k]);
}

/** The footer of an agent's reply, in the ticket's language. */
export function replyFooter(language: string | null, number: string): string {
  return language === 'vi'
    ? `Mã phiếu hỗ trợ ${number}. Để trả lời, bạn chỉ cần trả lời email này.`
    : `Ticket ${number}. To answer, simply reply to this email.`;
}
