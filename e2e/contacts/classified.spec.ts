/**
 * Issue 12, finding 1, in Chromium: a user whose role reads up to `internal` opens a contact whose
 * restricted custom field changed. The timeline says the field (by its label) changed and shows "Hidden" /
 * "Bị ẩn" instead of its values; an internal field's change shows its values; the restricted value appears
 * nowhere on the page. The server sends no value (checked on the API response the page received).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

const SECRET = 'SEKRIT-4471';
const PASSWORD = 'Kestrel-masking-journey-2026!';

(chromiumPath() ? describe : describe.skip)('classified fields on the timeline', () => {
  const b = useBrowser();
  let server: KithServer;
  let contactId = '';
  const users = { en: 'reader.en@example.vn', vi: 'reader.vi@example.vn' };

  beforeAll(async () => {
    server = await startServer('sqlite');
    const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.post('/custom-fields', { entity: 'contact', key: 'salary', type: 'text', classification: 'restricted', label: { en: 'Salary', vi: 'Lương' } });
    await admin.post('/custom-fields', { entity: 'contact', key: 'nickname', type: 'text', classification: 'internal', label: { en: 'Nickname', vi: 'Biệt danh' } });
    const role = await admin.post<{ id: string }>('/roles', {
      name: 'Internal reader', maxClassification: 'internal',
      permissions: { contacts: { actions: ['read'], scope: 'all' }, companies: { actions: ['read'], scope: 'all' }, activities: { actions: ['read'], scope: 'all' } },
    });
    for (const [locale, email] of Object.entries(users)) await admin.post('/users', { email, name: `Reader ${locale}`, roleId: role.id, locale, password: PASSWORD });
    const c = await admin.post<{ id: string; version: number }>('/contacts', { givenName: 'Masked', familyName: 'Journey', custom: { salary: `${SECRET}-a`, nickname: 'Bee' } });
    contactId = c.id;
    await admin.patch(`/contacts/${contactId}`, { custom: { salary: `${SECRET}-b`, nickname: 'Bo' } }, c.version);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ['en', 'Salary', 'Hidden', 'Nickname'],
    ['vi', 'Lương', 'Bị ẩn', 'Biệt danh'],
  ] as const)('%s: the hidden field is named, its values are not', async (locale, salary, hidden, nickname) => {
    const page = b.page();
    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes(`/api/v1/contacts/${contactId}/timeline`)) void r.text().then((t) => bodies.push(t), () => undefined);
    });
    await signInWithCookie(page, server.url, users[locale], PASSWORD, `/contacts/${contactId}`);
    const change = page.locator('[data-testid="timeline-item"][data-type="field_change"]').first();
    await visible(change);
    await hasText(change.locator('[data-masked="true"]'), `${salary}: ${hidden} → ${hidden}`);
    await hasText(change, `${nickname}: Bee → Bo`);
    expect(await page.content()).not.toContain(SECRET);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).not.toContain(SECRET);
  }, JOURNEY_MS);
});
