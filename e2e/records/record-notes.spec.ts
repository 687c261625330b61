/**
 * Issue 13 items 4 and 7 (notes, activities and attachments on any record), on SQLite: on a custom object's record
 * page, a user adds a note with a file through the timeline's composer, sees it in the timeline interleaved with the
 * record's field changes, reloads and still sees it (note, file link, change), then edits the note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../contracts/activities';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

(chromiumPath() !== null ? describe : describe.skip)('notes and files on a custom object record [sqlite]', () => {
  const b = useBrowser();
  let server: KithServer;
  let admin: ApiClient;
  let truck = '';

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.post('/record-types', {
      name: 'trucks', icon: 'car',
      labels: { en: { singular: 'Truck', plural: 'Trucks' }, vi: { singular: 'Xe tải', plural: 'Xe tải' } },
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true },
        { key: 'plate', type: 'text', labels: { en: 'Plate', vi: 'Biển số' } },
      ],
    });
    truck = (await admin.post<RecordData>('/objects/trucks', { values: { name: 'Hino 500', plate: '51C-111' } })).id;
    await admin.patch<RecordData>(`/objects/trucks/${truck}`, { values: { plate: '51C-222' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('adds a note with a file on the record page, sees it among the field changes, reloads, still sees it, edits it', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/objects/trucks/${truck}`);
    await hasText(page.getByTestId('page-title'), 'Hino 500');
    const timeline = page.getByTestId('record-timeline');
    await hasText(timeline.getByTestId('timeline-change'), 'Plate: 51C-111 → 51C-222');

    const editor = timeline.getByTestId('note-editor');
    await visible(editor);
    await editor.click();
    await page.keyboard.type('Brakes checked, invoice attached');
    await timeline.locator('[data-testid="attachment-dropzone"] input[type="file"]').setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: PNG });
    await hasText(timeline.getByTestId('attachment-pending'), 'invoice.png');
    await timeline.getByTestId('composer-submit').click();

    const note = timeline.locator('[data-testid="timeline-item"][data-type="note"]');
    await hasText(note, 'Brakes checked, invoice attached');
    await hasText(note.getByTestId('attachment-link'), 'invoice.png');
    const notes = await admin.get<{ data: Activity[] }>(`/activities?recordType=trucks&recordId=${truck}`);
    expect(notes.data.map((a) => [a.type, a.attachments.map((f) => f.filename)])).toEqual([['note', ['invoice.png']]]);

    await page.reload();
    const after = page.getByTestId('record-timeline');
    const kept = after.locator('[data-testid="timeline-item"][data-type="note"]');
    await hasText(kept, 'Brakes checked, invoice attached');
    await hasText(kept.getByTestId('attachment-link'), 'invoice.png');
    await hasText(after.getByTestId('timeline-change'), 'Plate: 51C-111 → 51C-222');
    // Newest first: the note above the change above the creation.
    expect(await after.locator('[data-testid="timeline-item"], [data-testid="timeline-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type'))))
      .toEqual(['note', 'updated', 'created']);

    // Edit one's own note in place.
    await kept.getByTestId('timeline-item-menu').click();
    await page.getByTestId('timeline-item-edit').click();
    const edit = kept.getByTestId('note-edit');
    await visible(edit);
    await edit.getByTestId('note-edit-editor').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (paid)');
    await edit.getByTestId('note-edit-save').click();
    await hasText(kept, 'Brakes checked, invoice attached (paid)');
    await expect.poll(async () => (await admin.get<{ data: Activity[] }>(`/activities?recordType=trucks&recordId=${truck}`)).data[0]?.body).toContain('(paid)');
  }, JOURNEY_MS);
});
