/**
 * Issues 4 and 11, in Chromium against the built server: a small Google Contacts CSV through the import wizard
 * — upload, the detected preset and suggested mapping, validation, start, progress to completion, the
 * report's counts and warnings (a bad email or birthday costs the value, not the contact; the value stays on the
 * contact's timeline; a year-less birthday shows as a day and month; a "Notes" column becomes a note on the contact;
 * a "Hạng" column with no field becomes a new custom field from the mapping step) — then the failed row and a warning
 * are corrected in the report's grid, re-checked and imported as a follow-up of the batch, and revert removes both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../contracts/contacts';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { atPath, chromiumPath, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

// Google Contacts export layout (current format). Rows: 4 new contacts (Minh with an invalid email and Quang with an
// impossible birthday are imported without those values: 2 warnings), 1 already in Kith (same email: skipped with the
// default "skip duplicates"), 1 naming no one (fails). Thảo's birthday has no year, as Google writes it. "Hạng" (a
// membership tier) has no field in Kith: the journey makes one from the column.
const CSV = [
  'First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Notes,Hạng',
  'Thảo,,Phạm,Công ty Sao Mai,Kế toán,--07-21,* myContacts ::: Khách VIP,* Work,thao.pham@saomai.vn,Mobile,0912 345 678,Gọi lại vào thứ Hai,Vàng',
  'Jane,,Doe,Acme Inc,Engineer,,* myContacts,* Home,jane.doe@example.com,Mobile,+1 415 555 0132,,Bạc',
  'Quang,,Lê,,,31/02/1990,* myContacts,* Work,quang.le@example.vn,Mobile,0988 111 222,,',
  'Existing,,Person,,,,* myContacts,* Work,existing@example.com,,,,',
  'Minh,,Vũ,,,,* myContacts,* Work,not-an-email,,,,',
  ',,,,,,* myContacts,* Work,nobody-at-all,,,,',
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
    // A column with no field of its own ("Notes") goes to a note on each contact.
    const notesSelect = page.locator('[data-testid="mapping-row"][data-header="Notes"] [data-testid="mapping-select"]');
    await expect.poll(() => notesSelect.inputValue()).toBe('Note on the record');
    // "Hạng" has no field: a new custom field (a select of the column's values) is made from it and mapped there.
    const tierRow = page.locator('[data-testid="mapping-row"][data-header="Hạng"]');
    await expect.poll(() => tierRow.getByTestId('mapping-select').inputValue()).toBe('');
    await tierRow.getByTestId('mapping-new-field').click();
    const fieldForm = page.getByTestId('new-field-form');
    await expect.poll(() => fieldForm.getByTestId('new-field-name').inputValue()).toBe('Hạng');
    await chooseOption(page, fieldForm.getByTestId('new-field-type'), "Select (from the column's values)");
    await page.screenshot({ path: '/tmp/kith-import-new-field.png' });
    await fieldForm.getByTestId('new-field-create').click();
    await expect.poll(() => tierRow.getByTestId('mapping-select').inputValue()).toBe('Hạng');
    await hidden(tierRow.getByTestId('mapping-new-field'));
    await page.getByTestId('import-next').click();

    // Check, then start.
    await page.getByTestId('import-validate').click();
    await hasText(page.getByTestId('validation-total'), '6');
    await hasText(page.getByTestId('validation-valid'), '5');
    await hasText(page.getByTestId('validation-invalid'), '1');
    await hasText(page.getByTestId('validation-errors'), 'nobody-at-all');
    await hasText(page.getByTestId('validation-warnings'), 'not-an-email');
    await hasText(page.getByTestId('validation-warnings'), '31/02/1990');
    // The preview of the outcome says what the run below does (one row matches an existing contact).
    await hasText(page.getByTestId('outcome-created'), '4');
    await hasText(page.getByTestId('outcome-skipped'), '1');
    await hasText(page.getByTestId('outcome-failed'), '1');
    await page.getByTestId('import-start').click();

    // Progress runs to the end; the report shows what happened to each row.
    await hasText(page.getByTestId('import-status'), 'Completed', 30_000);
    await visible(page.getByTestId('import-finished'));
    await hasText(page.getByTestId('count-created'), '4');
    await hasText(page.getByTestId('count-skipped'), '1');
    await hasText(page.getByTestId('count-failed'), '1');
    await hasText(page.getByTestId('count-updated'), '0');
    await hasText(page.getByTestId('count-warnings'), '2');
    // The report lists each warning: row, column, value and why.
    const warnings = page.getByTestId('import-warnings');
    await hasText(warnings, 'E-mail 1 - Value');
    await hasText(warnings, 'not-an-email');
    await hasText(warnings, '31/02/1990');
    await hasText(warnings, 'is not a date');
    await visible(page.getByTestId('import-warnings-csv'));

    const thao = await contactsMatching(admin, 'thao.pham@saomai.vn');
    expect(thao).toHaveLength(1);
    expect(thao[0]).toMatchObject({ givenName: 'Thảo', familyName: 'Phạm', jobTitle: 'Kế toán' });
    expect(thao[0]!.phones[0]?.number).toBe('+84912345678');
    expect(thao[0]!.tags).toContain('Khách VIP');
    expect(thao[0]!.birthday).toBe('--07-21');
    expect(thao[0]!.custom).toMatchObject({ hang: 'vang' });
    expect(await contactsMatching(admin, 'existing@example.com')).toHaveLength(1);
    const minh = await contactsMatching(admin, 'Minh Vũ');
    expect(minh).toHaveLength(1);
    expect(minh[0]!.emails).toEqual([]);

    // The warning's row opens Minh's page: the email that could not be used is on his timeline.
    await page.getByTestId('import-warning').filter({ hasText: 'not-an-email' }).getByRole('link').click();
    await atPath(page, new RegExp(`^/contacts/${minh[0]!.id}$`));
    await hasText(page.locator('[data-testid="timeline-item"][data-type="import_warning"]'), 'not-an-email');
    // A birthday without a year shows as a day and month; the Notes cell is a note on her timeline.
    await page.goto(`${server.url}/contacts/${thao[0]!.id}`);
    await hasText(page.getByTestId('field-birthday'), '21 July');
    await hasText(page.locator('[data-testid="timeline-item"][data-type="note"]'), 'Gọi lại vào thứ Hai');
    await page.goto(`${server.url}/imports/${importId}`);
    await hasText(page.getByTestId('import-status'), 'Completed');

    // Correct in the grid: the failed row gets a real email, Quang a possible birthday; re-check, then import them.
    const line = (row: number, column: string) => page.locator(`[data-testid="correction-line"][data-row="${row}"][data-column="${column}"]`);
    await line(7, 'E-mail 1 - Value').getByTestId('correction-value').fill('nobody@example.vn');
    await line(4, 'Birthday').getByTestId('correction-value').fill('28/02/1990');
    await hasText(page.getByTestId('import-corrections-start'), '(2)');
    await page.getByTestId('import-recheck').click();
    await hasText(line(7, 'E-mail 1 - Value').getByTestId('correction-check'), 'OK');
    await hasText(line(4, 'Birthday').getByTestId('correction-check'), 'OK');
    await hasText(page.getByTestId('recheck-outcome'), '1 created, 1 updated, 0 still failing');
    await page.getByTestId('import-corrections').screenshot({ path: '/tmp/kith-import-corrections.png' });
    await page.getByTestId('import-corrections-start').click();
    // The follow-up's counts roll into the batch's report: the failed row is a contact now, Quang's warning resolved.
    await hasText(page.getByTestId('count-created'), '5', 30_000);
    await hasText(page.getByTestId('count-failed'), '0');
    await hasText(page.getByTestId('count-updated'), '1');
    await hasText(page.getByTestId('count-warnings'), '1');
    await visible(page.getByTestId('import-follow-ups'));
    expect(await contactsMatching(admin, 'nobody@example.vn')).toHaveLength(1);
    expect((await contactsMatching(admin, 'quang.le@example.vn'))[0]!.birthday).toBe('1990-02-28');

    // Revert: what the import created is gone, what was there before stays.
    await page.getByTestId('import-revert').click();
    await page.getByTestId('confirm-ok').click();
    await hasText(page.getByTestId('import-status'), 'Reverted', 30_000);
    const run = await admin.get<{ status: string; revertedAt: string | null }>(`/imports/${importId}`);
    expect(run.status).toBe('reverted');
    expect(run.revertedAt).not.toBeNull();
    for (const q of ['thao.pham@saomai.vn', 'jane.doe@example.com', 'quang.le@example.vn', 'Minh Vũ', 'nobody@example.vn']) {
      expect(await contactsMatching(admin, q)).toHaveLength(0);
    }
    expect(await contactsMatching(admin, 'existing@example.com')).toHaveLength(1);
  }, JOURNEY_MS);
});
