/** Pure helpers of the activities module: HTML sanitising, mention parsing, file-type checks. */
import sanitizeHtml from 'sanitize-html';

const ID = '[0-9A-Za-z_-]{1,64}';

/**
 * Sanitises a rich-text body: basic formatting, lists, quotes, code, links (http, https, mailto, tel)
 * and mention spans survive; scripts, styles, event handlers and every other attribute are dropped.
 * Markdown-style mentions `@[Name](userId)` are kept as text (they are parsed, not rendered, here).
 *
 *   sanitizeBody('<p onclick="x()">Hi <script>1</script><b>you</b></p>') → '<p>Hi <b>you</b></p>'
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'sub', 'sup', 'mark',
      'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'span',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      span: ['data-type', 'data-mention-id', 'data-id', 'data-label', 'class'],
      ol: ['start'],
    },
    allowedClasses: { span: ['mention'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    },
  });
}

/**
 * User ids mentioned in a body, in order of first appearance, without repeats. Recognises the editor's
 * spans (`data-mention-id="…"`, or tiptap's `data-type="mention" data-id="…"`) and `@[Name](userId)`.
 */
export function extractMentions(body: string | null | undefined): string[] {
  if (!body) return [];
  const found: string[] = [];
  const patterns = [
    new RegExp(`data-mention-id="(${ID})"`, 'g'),
    new RegExp(`<span[^>]*data-type="mention"[^>]*data-id="(${ID})"`, 'g'),
    new RegExp(`<span[^>]*data-id="(${ID})"[^>]*data-type="mention"`, 'g'),
    new RegExp(`@\\[[^\\]\\n]{1,200}\\]\\((${ID})\\)`, 'g'),
  ];
  const hits: { at: number; id: string }[] = [];
  for (const re of patterns) for (const m of body.matchAll(re)) hits.push({ at: m.index ?? 0, id: m[1]! });
  hits.sort((a, b) => a.at - b.at);
  for (const h of hits) if (!found.includes(h.id)) found.push(h.id);
  return found;
}

/** Plain text of a body (for notification excerpts and CSV export). */
export function plainText(html: string | null | undefined, max = 10_000): string {
  if (!html) return '';
  const text = sanitizeHtml(html.replace(/<\/(p|li|h[1-4]|blockquote|pre)>|<br\s*\/?>/gi, '$& '), { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim().slice(0, max);
}

// ───────────────────────── file types ─────────────────────────

interface FileKind { mime: string; matches(head: Buffer): boolean }

const startsWith = (head: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const isZip = (h: Buffer) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06]);
/** Text: no NUL byte and valid UTF-8 (a cut multi-byte sequence at the end of the sample is fine). */
const isText = (h: Buffer) => {
  if (h.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(h));
    return true;
  } catch {
    return false;
  }
};

function trimPartialUtf8(h: Buffer): Buffer {
  // Drop an incomplete trailing UTF-8 sequence (the sample may end mid-character).
  for (let back = 1; back <= 3 && back <= h.length; back++) {
    const b = h[h.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? h.subarray(0, h.length - back) : h;
    }
    return h;
  }
  return h;
}

const kinds: Record<string, FileKind> = {
  pdf: { mime: 'application/pdf', matches: (h) => startsWith(h, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  png: { mime: 'image/png', matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: 'image/jpeg', matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  gif: { mime: 'image/gif', matches: (h) => h.subarray(0, 6).toString('latin1') === 'GIF87a' || h.subarray(0, 6).toString('latin1') === 'GIF89a' },
  webp: { mime: 'image/webp', matches: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP' },
  txt: { mime: 'text/plain; charset=utf-8', matches: isText },
  csv: { mime: 'text/csv; charset=utf-8', matches: isText },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: isZip },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: isZip },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', matches: isZip },
  zip: { mime: 'application/zip', matches: isZip },
};

export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return m ? m[1]!.toLowerCase() : '';
}

export type FileCheck = { ok: true; mime: string } | { ok: false; message: string };

/**
 * Checks a file by extension allowlist and by its leading bytes; the stored MIME type comes from here,
 * never from the client. `checkFileType('a.png', <PNG bytes>)` → { ok: true, mime: 'image/png' }.
 */
export function checkFileType(filename: string, head: Buffer, allowed: readonly string[]): FileCheck {
  const ext = extensionOf(filename);
  const kind = kinds[ext];
  if (!ext || !kind || !allowed.includes(ext)) {
    return { ok: false, message: `File type .${ext || '?'} is not allowed; allowed: ${allowed.join(', ')}` };
  }
  if (head.length === 0 && ext !== 'txt' && ext !== 'csv') return { ok: false, message: 'The file is empty' };
  if (!kind.matches(head)) return { ok: false, message: `The file's content is not a .${ext} file` };
  return { ok: true, mime: kind.mime };
}

/** A filename safe for storage and for a Content-Disposition header: no path, no control characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Keys of a record whose values differ (JSON comparison), ignoring bookkeeping fields. */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>, ignore: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !ignore.includes(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
