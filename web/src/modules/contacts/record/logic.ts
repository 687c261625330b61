/**
 * Pure helpers of the 360° record pages: name order, durations, timeline types, mention markup.
 * No React here, so they are unit-tested directly (logic.test.ts).
 */

export { personName, contactName } from '../logic';

/** Two letters for an avatar: "Nguyễn Văn An" → "NA". */
export function initials(name: string): string {
  const all = name.trim().split(/\s+/).filter(Boolean);
  // Letters only ("Golden Foods Ltd 14" → "GL"), unless the name has no word starting with one.
  const lettered = all.filter((w) => /^\p{L}/u.test(w));
  const words = lettered.length ? lettered : all;
  if (!words.length) return '?';
  const first = words[0]![0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Seconds as "1:05:09" or "4:07"; null → ''. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "mm:ss", "h:mm:ss" or plain minutes ("5") typed by a user → seconds; null when empty or invalid. */
export function parseDuration(text: string): number | null {
  const v = text.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 60;
  const parts = v.split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number).reduce((acc, n) => acc * 60 + n, 0);
}

/** Item types the timeline knows how to draw; any other type (a later module's) is drawn generically. */
export const KNOWN_TYPES = ['note', 'call', 'meeting', 'email', 'task', 'field_change'] as const;
export type KnownType = (typeof KNOWN_TYPES)[number];
export const isKnownType = (t: string): t is KnownType => (KNOWN_TYPES as readonly string[]).includes(t);

/** The `types` query parameter for a filter selection; undefined = everything. */
export function typesParam(selected: string[]): string | undefined {
  return selected.length ? [...selected].sort().join(',') : undefined;
}

/** Escapes text for HTML built by hand (mention spans). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The mention markup the server recognises (contracts/activities.ts): a span with the user id.
 * @example mentionHtml('u1', 'Lan') === '<span class="mention" data-mention-id="u1">@Lan</span>'
 */
export function mentionHtml(userId: string, name: string): string {
  return `<span class="mention" data-mention-id="${escapeHtml(userId)}">@${escapeHtml(name)}</span>`;
}

/** Is an editor's HTML empty (only empty paragraphs and whitespace)? */
export function isEmptyHtml(html: string | null | undefined): boolean {
  if (!html) return true;
  if (/data-mention-id=/.test(html)) return false;
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim() === '';
}

/** A value from a field_change item as short text ('' for null/empty). */
export function changeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  // The audit log may hold JSON columns as text ('["vip"]').
  if (typeof v === 'string' && /^[[{]/.test(v.trim())) {
    try {
      return changeValue(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(changeValue).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.address === 'string') return o.address;
    if (typeof o.number === 'string') return o.number;
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(v);
  }
  return String(v);
}

/** Bytes as "512 B", "1.5 kB", "2.3 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A `datetime-local` value (local time, no zone) → ISO with offset, or null when empty. */
export function localToIso(local: string | null | undefined): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** tel: link of a phone in E.164 (spaces and dashes stripped). */
export { telHref } from '../../../ui/phone';
export const mailHref = (email: string) => `mailto:${email}`;
