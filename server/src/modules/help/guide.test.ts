/**
 * The user guide stays whole: every page has its twin in the other language (same file name, same screenshots,
 * links to the same pages), every screenshot a page shows exists and is small, every link leads somewhere, and no
 * screenshot lies unused in docs/guide/img.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../../../contracts/common.js';
import { appHref, guideLinks, slugOf, splitPage } from './help.logic.js';
import { guideDir } from './help.service.js';

const root = guideDir()!;
const pagesOf = (lang: string) => fs.readdirSync(path.join(root, lang)).filter((f) => f.endsWith('.md')).sort();
const read = (lang: string, file: string) => fs.readFileSync(path.join(root, lang, file), 'utf8');
const imagesOf = (md: string) => guideLinks(md).filter((l) => l.kind === 'image').map((l) => l.href).sort();
const pageLinksOf = (md: string) => guideLinks(md).filter((l) => l.kind === 'link' && l.href.endsWith('.md')).map((l) => l.href).sort();

describe('user guide', () => {
  it('is found, with the task pages in English (later modules add theirs)', () => {
    expect(root).toBeTruthy();
    expect(pagesOf('en').map(slugOf)).toEqual(expect.arrayContaining([
      'getting-started', 'contacts-and-companies', 'import-contacts', 'export-contacts', 'merge-duplicates',
      'custom-objects', 'roles-and-permissions', 'audit-log',
    ]));
    expect(pagesOf('en')[0]).toBe('10-getting-started.md');
  });

  it('has a Vietnamese twin of every page and no page in one language only', () => {
    expect(pagesOf('vi')).toEqual(pagesOf('en'));
    for (const lang of locales) expect(pagesOf(lang).every((f) => slugOf(f) !== null), lang).toBe(true);
  });

  it.each(pagesOf('en'))('%s: both languages have a title, a summary, the same screenshots and the same links to pages', (file) => {
    const en = read('en', file);
    const vi = read('vi', file);
    for (const [lang, md] of [['en', en], ['vi', vi]] as const) {
      const { title, summary } = splitPage(md);
      expect(title, `${lang}/${file} title`).not.toBe('');
      expect(summary.length, `${lang}/${file} summary`).toBeGreaterThan(20);
    }
    expect(splitPage(vi).title).not.toBe(splitPage(en).title);
    expect(imagesOf(vi)).toEqual(imagesOf(en));
    expect(pageLinksOf(vi)).toEqual(pageLinksOf(en));
  });

  it('every link leads to a page of the guide, a screenshot that exists, or the outside world', () => {
    for (const lang of locales) {
      for (const file of pagesOf(lang)) {
        for (const { kind, href } of guideLinks(read(lang, file))) {
          const where = `${lang}/${file}: ${href}`;
          const to = appHref(href);
          expect(to, where).not.toBeNull();
          if (kind === 'image') {
            expect(to, where).toMatch(/^\/api\/v1\/help\/img\//);
            const img = path.join(root, 'img', path.basename(href));
            expect(fs.existsSync(img), `${where} exists`).toBe(true);
            expect(fs.statSync(img).size, `${where} size`).toBeLessThan(150 * 1024);
          } else if (href.endsWith('.md') || href.includes('.md#')) {
            expect(fs.existsSync(path.join(root, lang, href.split('#')[0]!.replace(/^\.\//, ''))), where).toBe(true);
          }
        }
      }
    }
  });

  it('keeps no screenshot that no page shows, and about one per page at most', () => {
    const used = new Set(locales.flatMap((lang) => pagesOf(lang).flatMap((f) => imagesOf(read(lang, f)).map((h) => path.basename(h)))));
    const files = fs.readdirSync(path.join(root, 'img')).filter((f) => f.endsWith('.png')).sort();
    expect(files).toEqual([...used].sort());
    expect(files.length).toBeLessThanOrEqual(pagesOf('en').length);
  });
});
