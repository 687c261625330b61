/**
 * Pure helpers of the activity screens (composer, timeline bodies, attachments): durations, mention markup,
 * empty rich text, byte sizes. No React here (unit-tested in the contacts' record logic.test.ts, which re-exports them).
 */

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

/** Bytes as "512 B", "1.5 kB", "2.3 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The `types` query parameter for a filter selection; undefined = everything. */
export function typesParam(selected: string[]): string | undefined {
  return selected.length ? [...selected].sort().join(',') : undefined;
}
