/**
 * Reads the user guide from docs/guide: pages per language in Markdown (`<order>-<slug>.md`) and their screenshots
 * in docs/guide/img. The folder is found by walking up from this file, so it works from the sources (tests) and from
 * the bundle in dist/server alike. Pages are small and few: read on each request, so an edited page shows at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GuideList, GuidePage } from '../../../../contracts/help.js';
import type { Locale } from '../../../../contracts/common.js';
import { notFound } from '../../platform/http/errors.js';
import { renderGuide, slugOf, splitPage } from './help.logic.js';

let found: string | null | undefined;

/** docs/guide of this checkout or install, or null when it is not shipped. */
export function guideDir(): string | null {
  if (found !== undefined) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'docs', 'guide');
    if (fs.existsSync(path.join(candidate, 'en'))) return (found = candidate);
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (found = null);
}

/** The page files of a language in guide order: `[{ slug, file }]`. */
export function guideFiles(lang: Locale, root = guideDir()): { slug: string; file: string }[] {
  if (!root) return [];
  let names: string[];
  try {
    names = fs.readdirSync(path.join(root, lang));
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    const slug = slugOf(name);
    return slug ? [{ slug, file: path.join(root, lang, name) }] : [];
  });
}

export const helpService = {
  list(lang: Locale): GuideList {
    const pages = guideFiles(lang).map(({ slug, file }) => {
      const { title, summary } = splitPage(fs.readFileSync(file, 'utf8'));
      return { slug, title, summary };
    });
    return { lang, pages };
  },

  page(lang: Locale, slug: string): GuidePage {
    const entry = guideFiles(lang).find((f) => f.slug === slug);
    if (!entry) throw notFound('guide page');
    const { title, summary, body } = splitPage(fs.readFileSync(entry.file, 'utf8'));
    return { lang, slug, title, summary, html: renderGuide(body) };
  },

  /** A screenshot's bytes, or 404. The name is checked by the route's schema (no path separators). */
  image(name: string): Buffer {
    const root = guideDir();
    try {
      if (root) return fs.readFileSync(path.join(root, 'img', path.basename(name)));
    } catch {}
    throw notFound('image');
  },
};
