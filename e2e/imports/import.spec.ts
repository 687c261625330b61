/**
 * Issue 4, in Chromium against the built server: a small Google Contacts CSV through the import wizard
 * — upload, the detected preset and suggested mapping, validation, start, progress to completion, the
 * report's counts — then revert, which removes what the import created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../contracts/contacts';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { atPath, chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

// Google Contacts export layout (current format). Rows: 3 new contacts, 1 already in Kith (same email:
// skipped with the default "skip duplicates"), 1 with an invalid email (fails).
const CSV = [
  'First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value',
  'Thảo,,Phạm,Công ty Sao Mai,Kế toán,* myContacts ::: Khách VIP,* Work,thao.pham@saomai.vn,Mobile,0912 345 678',
  'Jane,,Doe,Acme Inc,Engineer,* myContacts,* Home,jane.doe@example.com,Mobile,+1 415 555 0132',
  'Quang,,Lê,,,* myContacts,* Work,quang.le@example.vn,Mobile,0988 111 222',
  'Existing,,Person,,,* myContacts,* Work,existing@example.com,,',
  'Minh,,Vũ,,,* myContacts,* Work,not-an-email,,',
].join('\r\n') + '\r\n';

async function contactsMatching(api: ApiClient, q: string): Promise<Contact[]> {
  return (await api.get<{ data: Contact[] }>(`/contacts?q=${encodeURIComponent(q)}`)).data;
}

(chromiumPath() ? describe : describe.skip)('import journey', () => {
  const b = useBrowser();
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.createContact({ givenName: 'Existing', familyName: 'Person', emails: [{ address: 'existing@example.com' }] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('imports a Google Contacts CSV through the wizard and reverts it', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/imports');
    await page.getByTestId('imports-new').click();
    await atPath(page, /^\/imports\/new$/);

    // Upload
    await page.locator('[data-testid="import-dropzone"] input[type="file"]').setInputFiles({
      name: 'google-contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8'),
    });
    await atPath(page, /^\/imports\/(?!new$)[^/]+$/);
    const importId = new URL(page.url()).pathname.split('/').pop()!;

    // Mapping: the Google preset is recognised and its columns are mapped.
    await hasText(page.getByTestId('import-preset-detected'), 'Google Contacts');
    await hasText(page.getByTestId('import-preview'), 'Thảo');
    const emailSelect = page.locator('[data-testid="mapping-row"][data-header="E-mail 1 - Value"] [data-testid="mapping-select"]');
    await expect.poll(() => emailSelect.inputValue()).toBe('Email');
    const phoneSelect = page.locator('[data-testid="mapping-row"][data-header="Phone 1 - Value"] [data-testid="mapping-select"]');
    await expect.poll(() => phoneSelect.inputValue()).toBe('Phone');
    await page.getByTestId('import-next').click();

    // Check, then start.
    await page.getByTestId('import-validate').click();
    await hasText(page.getByTestId('validation-total'), '5');
    await hasText(page.getByTestId('validation-valid'), '4');
    await hasText(page.getByTestId('validation-invalid'), '1');
    await hasText(page.getByTestId('validation-errors'), 'not-an-email');
    // The preview of the outcome says what the run below does (one row matches an existing contact).
    await hasText(page.getByTestId('outcome-created'), '3');
    await hasText(page.getByTestId('outcome-skipped'), '1');
    await hasText(page.getByTestId('outcome-failed'), '1');
    await page.getByTestId('import-start').click();

    // Progress runs to the end; the report shows what happened to each row.
    await hasText(page.getByTestId('import-status'), 'Completed', 30_000);
    await visible(page.getByTestId('import-finished'));
    await hasText(page.getByTestId('count-created'), '3');
    await hasText(page.getByTestId('count-skipped'), '1');
    await hasText(page.getByTestId('count-failed'), '1');
    await hasText(page.getByTestId('count-updated'), '0');

    const thao = await contactsMatching(admin, 'thao.pham@saomai.vn');
    expect(thao).toHaveLength(1);
    expect(thao[0]).toMatchObject({ givenName: 'Thảo', familyName: 'Phạm', jobTitle: 'Kế toán' });
    expect(thao[0]!.phones[0]?.number).toBe('+84912345678');
    expect(thao[0]!.tags).toContain('Khách VIP');
    expect(await contactsMatching(admin, 'existing@example.com')).toHaveLength(1);

    // Revert: what the import created is gone, what was there before stays.
    await page.getByTestId('import-revert').click();
    await page.getByTestId('confirm-ok').click();
    await hasText(page.getByTestId('import-status'), 'Reverted', 30_000);
    const run = await admin.get<{ status: string; revertedAt: string | null }>(`/imports/${importId}`);
    expect(run.status).toBe('reverted');
    expect(run.revertedAt).not.toBeNull();
    for (const q of ['thao.pham@saomai.vn', 'jane.doe@example.com', 'quang.le@example.vn']) {
      expect(await contactsMatching(admin, q)).toHaveLength(0);
    }
    expect(await contactsMatching(admin, 'existing@example.com')).toHaveLength(1);
  }, JOURNEY_MS);
});
