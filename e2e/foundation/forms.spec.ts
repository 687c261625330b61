/**
 * Issue 14 item 3, forms never lose work (SQLite): a changed contact form asks before Escape closes it and before
 * the app navigates away (and the tab before a reload); a failed submit focuses the first field in error (a client
 * check, then a server 400 on a phone); a note typed on a contact survives a reload as a draft, is discarded or sent;
 * a Vietnamese user types a birthday as 21/07/1990 and reads it back as 21/07/1990; a year-less birthday is saved;
 * the records engine's generated form focuses its first error, types a date in the user's pattern, asks before a
 * reload and keeps its long text as a draft across it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { atPath, chromiumPath, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

const VI_USER = { name: 'Lan Nguyễn', email: 'lan.forms@example.com', password: 'lan-password-12345' };
const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

(chromiumPath() !== null ? describe : describe.skip)('forms journey [sqlite]', () => {
  const b = useBrowser();
  let server: KithServer;
  let admin: ApiClient;
  let contactId: string;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    contactId = (await admin.post<{ id: string }>('/contacts', { givenName: 'Henry', familyName: 'Walker' })).id;
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles?limit=200');
    await admin.post('/users', { ...VI_USER, roleId: roles.data.find((r) => r.isAdmin)!.id, locale: 'vi' });
    await admin.post('/custom-fields', { entity: 'contact', key: 'background', type: 'long_text', label: { en: 'Background', vi: 'Bối cảnh' } });
    await admin.post('/record-types', {
      name: 'inspections', labels: { en: { singular: 'Inspection', plural: 'Inspections' }, vi: { singular: 'Kiểm định', plural: 'Kiểm định' } },
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true },
        { key: 'due', type: 'date', labels: { en: 'Due', vi: 'Hạn' } },
        { key: 'findings', type: 'long_text', labels: { en: 'Findings', vi: 'Kết quả' } },
      ],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a changed form asks before Escape, Cancel, the back button, a link or a reload; an unchanged one just closes', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    const form = page.getByTestId('form-submit'); // the drawer's root has no size: its submit button tells whether it is open
    await page.getByTestId('record-create').click();
    await visible(page.getByTestId('contact-given-name'));

    // Unchanged: Escape closes at once.
    await page.keyboard.press('Escape');
    await hidden(form);
    expect(await page.getByTestId('confirm-ok').count()).toBe(0);

    // Changed: Escape asks; "Keep editing" keeps the drawer and what was typed.
    await page.getByTestId('record-create').click();
    await page.getByTestId('contact-given-name').fill('Minh');
    await page.keyboard.press('Escape');
    await hasText(page.getByTestId('confirm-dialog'), 'Discard your changes?');
    await page.getByTestId('confirm-cancel').click();
    await hidden(page.getByTestId('confirm-ok'));
    expect(await page.getByTestId('contact-given-name').inputValue()).toBe('Minh');

    // Cancel asks too.
    await page.getByTestId('form-close').click();
    await visible(page.getByTestId('confirm-ok'));
    await page.getByTestId('confirm-cancel').click();

    // The browser's back button (a navigation in the app) asks; declining stays.
    await page.goBack();
    await visible(page.getByTestId('confirm-ok'));
    await page.getByTestId('confirm-cancel').click();
    await atPath(page, /^\/contacts\?new=1$/);
    expect(await page.getByTestId('contact-given-name').inputValue()).toBe('Minh');

    // Reloading (or closing) the tab: the browser asks (beforeunload); dismissed, the work stays.
    const dialog = page.waitForEvent('dialog');
    const reload = page.reload({ timeout: 3000 }).catch(() => undefined);
    const d = await dialog;
    expect(d.type()).toBe('beforeunload');
    await d.dismiss();
    await reload;
    expect(await page.getByTestId('contact-given-name').inputValue()).toBe('Minh');

    // Escape, then "Discard changes": the drawer closes.
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-ok').click();
    await hidden(form);
    await atPath(page, /^\/contacts$/);

    // Editing a contact: its "Open" link asks, and agreeing follows it.
    await page.goto(`${server.url}/contacts?edit=${contactId}`);
    await page.getByTestId('contact-job-title').fill('Purchasing manager');
    await page.getByTestId('form-open-record').click();
    await page.getByTestId('confirm-ok').click();
    await atPath(page, new RegExp(`^/contacts/${contactId}$`));
    await hidden(form);
  }, JOURNEY_MS);

  it('a failed submit focuses the first field in error: a client check, then the server\'s 400 on a phone', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts?new=1');
    await visible(page.getByTestId('contact-given-name'));
    await page.getByTestId('contact-job-title').fill('Buyer');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => activeTestId(page)).toBe('contact-given-name');
    expect(await page.getByTestId('contact-given-name').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('contact-given-name').fill('Quang');
    await page.getByTestId('phone-0').fill('12');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('phone-0').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => activeTestId(page)).toBe('phone-0');
  }, JOURNEY_MS);

  it('a note typed on a contact survives a reload as a draft; discarded or sent, it is gone', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/contacts/${contactId}`);
    const editor = page.getByTestId('note-editor');
    await visible(editor);
    await editor.click();
    await page.keyboard.type('Call back about the quote on Friday');
    await page.reload();
    await visible(page.getByTestId('draft-restored'));
    await hasText(page.getByTestId('note-editor'), 'Call back about the quote on Friday');

    // Discard: the editor empties and a reload restores nothing.
    await page.getByTestId('draft-discard').click();
    await hidden(page.getByTestId('draft-restored'));
    await expect.poll(() => page.getByTestId('note-editor').textContent()).toBe('');
    await page.reload();
    await visible(page.getByTestId('note-editor'));
    expect(await page.getByTestId('draft-restored').count()).toBe(0);

    // Typed again, restored again, then sent: on the timeline, and no draft after a reload.
    await page.getByTestId('note-editor').click();
    await page.keyboard.type('Sent after a reload');
    await page.reload();
    await hasText(page.getByTestId('note-editor'), 'Sent after a reload');
    await page.getByTestId('composer-submit').click();
    await hasText(page.getByTestId('timeline-item'), 'Sent after a reload');
    await page.reload();
    await hasText(page.getByTestId('timeline-item'), 'Sent after a reload');
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kith.draft.')))).toEqual([]);
  }, JOURNEY_MS);

  it('a long-text custom field of the contact form survives a reload as a draft, and saving clears it', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/contacts?edit=${contactId}`);
    const background = page.getByTestId('custom-background');
    await background.fill('Met at the Da Nang trade fair; wants a quote for 40 units');
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await visible(page.getByTestId('draft-restored'));
    await expect.poll(() => page.getByTestId('custom-background').inputValue()).toBe('Met at the Da Nang trade fair; wants a quote for 40 units');
    // Restored text is a change: Escape asks.
    await page.keyboard.press('Escape');
    await visible(page.getByTestId('confirm-ok'));
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => (await admin.get<{ custom: Record<string, unknown> }>(`/contacts/${contactId}`)).custom.background)
      .toBe('Met at the Da Nang trade fair; wants a quote for 40 units');
    await hidden(page.getByTestId('draft-restored'));
    await page.reload();
    await visible(page.getByTestId('custom-background'));
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
  }, JOURNEY_MS);

  it('in Vietnamese a birthday is typed as 21/07/1990 and shown as 21/07/1990; a year-less one is saved', async () => {
    const page = b.page();
    const lan = await signInWithCookie(page, server.url, VI_USER.email, VI_USER.password, '/contacts?new=1');
    await page.getByTestId('contact-family-name').fill('Phạm');
    await page.getByTestId('contact-given-name').fill('Thu Hà');
    const birthday = page.getByTestId('contact-birthday');
    await expect(birthday.getAttribute('placeholder')).resolves.toBe('dd/mm/yyyy');
    await birthday.fill('21/07/1990');
    await page.getByTestId('contact-job-title').click();
    expect(await birthday.inputValue()).toBe('21/07/1990');
    await page.getByTestId('form-submit').click();
    await visible(page.getByTestId('form-open-record'));
    const found = await lan.get<{ data: { id: string; birthday: string | null }[] }>(`/contacts?q=${encodeURIComponent('Thu Hà')}`);
    expect(found.data[0]?.birthday).toBe('1990-07-21');
    // The drawer reloaded from the server shows the date in the same pattern.
    await expect.poll(() => page.getByTestId('contact-birthday').inputValue()).toBe('21/07/1990');

    await page.goto(`${server.url}/contacts/${found.data[0]!.id}`);
    await hasText(page.getByTestId('field-birthday'), '21/07/1990');

    // Year unknown: the day and month only, stored --MM-DD.
    await page.goto(`${server.url}/contacts?new=1`);
    await page.getByTestId('contact-given-name').fill('Năm Không Rõ');
    await page.getByTestId('contact-birthday-no-year').check();
    await page.getByTestId('contact-birthday-day-month').fill('02/09');
    await page.getByTestId('form-submit').click();
    await visible(page.getByTestId('form-open-record'));
    const yearless = await lan.get<{ data: { id: string; birthday: string | null }[] }>(`/contacts?q=${encodeURIComponent('Năm Không Rõ')}`);
    expect(yearless.data[0]?.birthday).toBe('--09-02');
    await page.goto(`${server.url}/contacts/${yearless.data[0]!.id}`);
    await hasText(page.getByTestId('field-birthday'), '2 tháng 9');
  }, JOURNEY_MS);

  it('the generated form of an object focuses its first error, takes a typed date and keeps its long text across a reload', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/inspections');
    await page.getByTestId('record-create').click();
    await page.getByTestId('field-input-findings').fill('Brake pads worn; replace before the trip');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => activeTestId(page)).toBe('field-input-name');

    await page.getByTestId('field-input-name').fill('Truck 51C-123.45');
    await page.getByTestId('field-input-due').fill('05/01/2027');
    await page.getByTestId('field-input-name').click();
    expect(await page.getByTestId('field-input-due').inputValue()).toBe('05/01/2027');

    // A reload asks first; agreeing reloads, and the long text comes back as a draft (the short fields do not).
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await visible(page.getByTestId('draft-restored'));
    expect(await page.getByTestId('field-input-findings').inputValue()).toBe('Brake pads worn; replace before the trip');
    await page.getByTestId('field-input-name').fill('Truck 51C-123.45');
    await page.getByTestId('field-input-due').fill('05/01/2027');
    await page.getByTestId('form-submit').click();
    await hidden(page.getByTestId('form-submit'));
    const list = await admin.get<{ data: { values: Record<string, unknown> }[] }>('/objects/inspections');
    expect(list.data[0]?.values).toMatchObject({ name: 'Truck 51C-123.45', due: '2027-01-05', findings: 'Brake pads worn; replace before the trip' });

    // Saved: a new form starts empty, with no draft.
    await page.getByTestId('record-create').click();
    await visible(page.getByTestId('field-input-findings'));
    expect(await page.getByTestId('field-input-findings').inputValue()).toBe('');
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
  }, JOURNEY_MS);
});
