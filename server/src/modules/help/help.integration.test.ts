import { expect, it } from 'vitest';
import type { GuideList, GuidePage } from '../../../../contracts/help.js';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';

describeEachDialect('help: the user guide', (env) => {
  it('lists the pages in each language, serves one as sanitised HTML with its screenshot, and refuses bad names', async () => {
    const { db } = env().database;
    const h = await signIn(db, await createUser(db, { locale: 'vi' }));
    const get = (url: string, headers: Record<string, string> = h) => env().app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

    const en = (await get('/help/guide')).json() as GuideList;
    const vi = (await get('/help/guide?lang=vi')).json() as GuideList;
    expect(en.lang).toBe('en');
    expect(en.pages.map((p) => p.slug)).toEqual(vi.pages.map((p) => p.slug));
    expect(en.pages[0]).toMatchObject({ slug: 'getting-started', title: 'Get started with Kith' });
    expect(vi.pages.find((p) => p.slug === 'import-contacts')?.title).toBe('Nhập danh bạ từ Google');
    expect(vi.pages.every((p) => p.summary.length > 20)).toBe(true);

    const res = await get('/help/guide/vi/import-contacts');
    expect(res.statusCode).toBe(200);
    const page = res.json() as GuidePage;
    expect(page).toMatchObject({ lang: 'vi', slug: 'import-contacts', title: 'Nhập danh bạ từ Google' });
    expect(page.html).toContain('<img src="/api/v1/help/img/import-mapping.png"');
    expect(page.html).toContain('<a href="/help/export-contacts">');
    expect(page.html).not.toContain('<h1');
    expect(page.html).not.toMatch(/<script|onerror=|javascript:/);

    const img = await get('/help/img/import-mapping.png');
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

    // Unknown pages and images are 404s; names that could leave the folder never reach the disk (400, naming the field).
    expect((await get('/help/guide/en/no-such-page')).statusCode).toBe(404);
    expect((await get('/help/img/no-such-image.png')).statusCode).toBe(404);
    const bad = await get('/help/guide/en/..%2F..%2Fpackage');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('slug');
    expect((await get('/help/img/..%2Fen%2F10-getting-started.md')).statusCode).toBe(400);
    expect((await get('/help/guide/fr/getting-started')).statusCode).toBe(400);
    expect((await get('/help/guide?lang=fr')).statusCode).toBe(400);
    // Signed-in users only.
    expect((await get('/help/guide', {})).statusCode).toBe(401);
    expect((await get('/help/img/import-mapping.png', {})).statusCode).toBe(401);
  });
});
