/**
 * Pure helpers of the user guide: page names from file names, the title and summary of a page, and its Markdown
 * rendered to sanitised HTML with links to other pages and screenshots pointed at the app's own URLs.
 */
import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** `10-getting-started.md` → `getting-started` (the number only orders the list); null for other files. */
export function slugOf(fileName: string): string | null {
  const m = /^(?:\d+-)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(fileName);
  return m ? m[1]! : null;
}

/**
 * Where a link of a guide page leads in the app, or null when it leads nowhere we know:
 *   `30-import-contacts.md#export` → `/help/import-contacts#export`, `../img/contacts-list.png` → `/api/v1/help/img/contacts-list.png`,
 *   `https://…`, `mailto:…` and `/contacts` (a page of the app) are kept.
 */
export function appHref(href: string): string | null {
  if (/^(https?:|mailto:)/i.test(href)) return href;
  if (/^\/(?!\/)/.test(href)) return href;
  const page = /^(?:\.\/)?([a-z0-9-]+\.md)(#[a-z0-9-]+)?$/.exec(href);
  if (page) {
    const slug = slugOf(page[1]!);
    return slug ? `/help/${slug}${page[2] ?? ''}` : null;
  }
  const img = /^(?:\.\.\/)?img\/([a-z0-9-]+\.png)$/.exec(href);
  if (img) return `/api/v1/help/img/${img[1]}`;
  return null;
}

/** Every link and image target written in a page (what the guide test checks). */
export function guideLinks(markdown: string): { kind: 'link' | 'image'; href: string }[] {
  const found: { kind: 'link' | 'image'; href: string }[] = [];
  new Marked().walkTokens(new Marked().lexer(markdown), (t: Token) => {
    if (t.type === 'link' || t.type === 'image') found.push({ kind: t.type, href: t.href });
  });
  return found;
}

const IMG = '/api/v1/help/img/';

const plain = (html: string) => sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();

/** The page's `# Title`, its first paragraph as plain text, and the Markdown after the title. */
export function splitPage(markdown: string): { title: string; summary: string; body: string } {
  const text = markdown.replace(/\r\n?/g, '\n');
  const m = /^# (.+)\n/m.exec(text);
  const title = m ? m[1]!.trim() : '';
  const body = m ? text.slice(m.index + m[0].length) : text;
  const first = body.split(/\n{2,}/).map((p) => p.trim()).find((p) => p && !/^[#!|>\-*\d]/.test(p)) ?? '';
  return { title, summary: plain(new Marked().parseInline(first) as string), body };
}

/**
 * Markdown → HTML for the guide viewer: links and images rewritten by `appHref` (unknown targets lose their link),
 * outside links open in a new tab, and the result passes an allow-list (no scripts, styles or event handlers, even
 * if a page were edited to carry them).
 */
export function renderGuide(markdown: string): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    walkTokens(t: Token) {
      if (t.type === 'link') t.href = appHref(t.href) ?? '';
      // Screenshots come from docs/guide/img only, never from elsewhere.
      if (t.type === 'image') t.href = appHref(t.href)?.startsWith(IMG) ? appHref(t.href)! : '';
    },
    renderer: {
      // Pages are Markdown: HTML written in them is dropped, not passed on.
      html: () => '',
      link({ href, tokens }) {
        return href ? false : this.parser.parseInline(tokens);
      },
      image({ href }) {
        return href ? false : '';
      },
    },
  });
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, {
    allowedTags: [
      'h2', 'h3', 'h4', 'p', 'br', 'hr', 'strong', 'em', 'code', 'pre', 'kbd', 'blockquote', 'ul', 'ol', 'li', 'a', 'img',
      'table', 'thead', 'tbody', 'tr', 'th', 'td',
    ],
    allowedAttributes: { a: ['href', 'target', 'rel'], img: ['src', 'alt', 'title', 'loading'], ol: ['start'], th: ['align'], td: ['align'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: (_tag, attribs) => ({
        tagName: 'a',
        attribs: /^(https?:|mailto:)/i.test(attribs.href ?? '') ? { href: attribs.href!, target: '_blank', rel: 'noopener noreferrer' } : attribs,
      }),
      img: (_tag, attribs) => ({ tagName: 'img', attribs: { ...attribs, loading: 'lazy' } }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src?.startsWith(IMG),
  });
}
