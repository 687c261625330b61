import { describe, expect, it } from 'vitest';
import { appHref, guideLinks, renderGuide, slugOf, splitPage } from './help.logic.js';

describe('guide pages', () => {
  it.each([
    ['10-getting-started.md', 'getting-started'],
    ['import-contacts.md', 'import-contacts'],
    ['README.md', null],
    ['10-getting-started.txt', null],
    ['10-Bad_Name.md', null],
  ])('slugOf(%s) = %s', (file, slug) => expect(slugOf(file)).toBe(slug));

  it.each([
    ['30-import-contacts.md', '/help/import-contacts'],
    ['./30-import-contacts.md#undo-an-import', '/help/import-contacts#undo-an-import'],
    ['../img/contacts-list.png', '/api/v1/help/img/contacts-list.png'],
    ['https://support.google.com/contacts', 'https://support.google.com/contacts'],
    ['mailto:help@example.com', 'mailto:help@example.com'],
    ['/contacts', '/contacts'],
    ['javascript:alert(1)', null],
    ['//evil.example/x', null],
    ['../../etc/passwd', null],
    ['../img/../secret.png', null],
  ])('appHref(%s) = %s', (href, to) => expect(appHref(href)).toBe(to));

  it('splits the title and the first paragraph from the body', () => {
    const page = splitPage('# Import your contacts\n\nBring your **address book** in.\n\n![x](../img/a.png)\n\n## Steps\n\n1. Go.\n');
    expect(page.title).toBe('Import your contacts');
    expect(page.summary).toBe('Bring your address book in.');
    expect(page.body).not.toContain('# Import your contacts');
    expect(page.body).toContain('## Steps');
  });

  it('renders Markdown with app links and screenshots, and drops anything unsafe', () => {
    const html = renderGuide([
      'See [importing](30-import-contacts.md) and [Google](https://google.com).',
      '',
      '![The list](../img/contacts-list.png)',
      '',
      '<script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a>',
      '',
      '[nowhere](../../secret.md) ![gone](http://evil.example/x.png)',
    ].join('\n'));
    expect(html).toContain('<a href="/help/import-contacts">importing</a>');
    expect(html).toContain('<a href="https://google.com" target="_blank" rel="noopener noreferrer">Google</a>');
    expect(html).toContain('<img src="/api/v1/help/img/contacts-list.png" alt="The list" loading="lazy" />');
    expect(html).not.toMatch(/script|onerror|javascript:|secret|evil/);
    expect(html).toContain('<p>nowhere </p>');
  });

  it('lists every link and image of a page', () => {
    expect(guideLinks('[a](20-contacts-and-companies.md) ![b](../img/home.png)\n\n- [c](https://x.example)')).toEqual([
      { kind: 'link', href: '20-contacts-and-companies.md' },
      { kind: 'image', href: '../img/home.png' },
      { kind: 'link', href: 'https://x.example' },
    ]);
  });
});
