/**
 * Issue 13 item 1 (records platform), on SQLite and on PostgreSQL: an administrator adds a many-to-many relation
 * ("Parts", to another custom object) and an attachments field ("Documents") to a custom object in Settings; sets
 * two parts on a record through the form's multi-picker and sees them as chips; sees the record listed on a part's
 * page (back-reference); uploads a PDF by the drop zone's picker on the record's page and downloads it; filters
 * the list by "includes any of".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData, RecordType } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

const PDF = Buffer.from('%PDF-1.4\n% kith journey\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const labels = (en: string, vi: string) => ({ en: { singular: en, plural: `${en}s` }, vi: { singular: vi, plural: vi } });

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`many-to-many and files journey [${dialect}]`, () => {
    const b = useBrowser();
    let server: KithServer;
    let admin: ApiClient;
    let wheel = '';
    let brake = '';
    let drone = '';

    beforeAll(async () => {
      server = await startServer(dialect);
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      await admin.post('/record-types', { name: 'parts', labels: labels('Part', 'Linh kiện'), icon: 'box', fields: [] });
      await admin.post('/record-types', { name: 'gadgets', labels: labels('Gadget', 'Thiết bị'), icon: 'box', fields: [] });
      wheel = (await admin.post<RecordData>('/objects/parts', { values: { name: 'Wheel hub' } })).id;
      brake = (await admin.post<RecordData>('/objects/parts', { values: { name: 'Brake disc' } })).id;
      await admin.post<RecordData>('/objects/parts', { values: { name: 'Light bar' } });
      drone = (await admin.post<RecordData>('/objects/gadgets', { values: { name: 'Survey drone' } })).id;
      await admin.post<RecordData>('/objects/gadgets', { values: { name: 'Spare kit' } });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('adds a many-to-many field and an attachments field in Settings', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/objects/gadgets');
      for (const [en, vi, type] of [['Parts', 'Linh kiện', 'Relation (many)'], ['Documents', 'Tài liệu', 'Files']] as const) {
        await page.getByTestId('field-new').click();
        const form = page.getByTestId('field-form');
        await visible(form);
        await form.getByTestId('field-label-en').fill(en);
        await form.getByTestId('field-label-vi').fill(vi);
        await chooseOption(page, form.getByTestId('field-type'), type);
        if (type === 'Relation (many)') await chooseOption(page, form.getByTestId('field-target'), 'Parts');
        await form.getByTestId('field-submit').click();
        await hidden(form);
      }
      await visible(page.locator('[data-testid="field-row"][data-key="documents"]'));
      const gadgets = (await admin.get<{ data: RecordType[] }>('/record-types')).data.find((t) => t.name === 'gadgets')!;
      const byKey = Object.fromEntries(gadgets.fields.map((f) => [f.key, f]));
      expect(byKey.parts).toMatchObject({ type: 'relations', relation: { target: 'parts', kind: 'many_to_many' } });
      expect(byKey.documents).toMatchObject({ type: 'attachments' });
    }, JOURNEY_MS);

    it('sets two parts with the multi-picker, shows chips, and the gadget on a part\'s page', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/objects/gadgets/${drone}`);
      await hasText(page.getByTestId('page-title'), 'Survey drone');
      await page.getByTestId('record-edit').click();
      const form = page.getByTestId('record-form');
      await visible(form);
      // Files go to the record on its page and in this edit form; none yet.
      await visible(form.getByTestId('files-documents'));
      for (const [typed, title] of [['whee', 'Wheel hub'], ['brak', 'Brake disc']] as const) {
        await form.getByTestId('field-input-parts').fill(typed);
        const option = page.getByRole('option', { name: title });
        await visible(option);
        await option.click();
      }
      await form.getByTestId('form-submit').click();
      await hidden(form);
      const chips = page.getByTestId('relations-parts').getByTestId('relation-chip');
      await count(chips, 2);
      await hasText(chips.first(), 'Wheel hub');
      const saved = await admin.get<RecordData>(`/objects/gadgets/${drone}`);
      expect(saved.values.parts).toEqual([wheel, brake]);
      // The timeline names the linked parts by title, not by id.
      const change = page.getByTestId('record-timeline').getByTestId('timeline-change').filter({ hasText: 'Brake disc' });
      await hasText(change, 'Wheel hub, Brake disc');

      // The other side: the part's page lists the gadget (one-to-many back-reference).
      await chips.nth(1).click();
      await atPath(page, new RegExp(`^/objects/parts/${brake}$`));
      const panel = page.getByTestId('related-records');
      await hasText(panel.getByTestId('related-record'), 'Survey drone');
      await panel.getByTestId('related-record').click();
      await atPath(page, new RegExp(`^/objects/gadgets/${drone}$`));
    }, JOURNEY_MS);

    it('uploads a file on the record page and downloads it; filters by "includes any of"', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/objects/gadgets/${drone}`);
      const files = page.getByTestId('files-documents');
      await visible(files);
      await page.getByTestId('files-drop-documents').locator('input[type="file"]').setInputFiles({ name: 'manual.pdf', mimeType: 'application/pdf', buffer: PDF });
      const link = files.getByTestId('file-link');
      await hasText(link, 'manual.pdf');
      const href = await link.getAttribute('href');
      expect(href).toMatch(new RegExp(`^/api/v1/objects/gadgets/${drone}/fields/documents/files/`));
      const got = await page.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        return { status: res.status, type: res.headers.get('content-type'), body: Array.from(new Uint8Array(await res.arrayBuffer())) };
      }, href!);
      expect(got.status).toBe(200);
      expect(got.type).toBe('application/pdf');
      expect(Buffer.from(got.body).equals(PDF)).toBe(true);
      await hasText(page.getByTestId('relations-parts'), 'Wheel hub');
      await expectNoAxeViolations(page, 'record page with many-to-many chips and files');
      await page.screenshot({ path: `/tmp/kith-records-many-files-${dialect}.png`, fullPage: true });
      const rec = await admin.get<RecordData>(`/objects/gadgets/${drone}`);
      expect(rec.values.documents).toMatchObject([{ name: 'manual.pdf', size: PDF.length, contentType: 'application/pdf' }]);

      // The list, filtered in the filter builder by parts "includes any of" Wheel hub: only the drone.
      await page.getByTestId('record-back').click();
      await atPath(page, /^\/objects\/gadgets$/);
      await count(page.getByTestId('record-row'), 2);
      await page.getByTestId('filter-open').click();
      await page.getByTestId('filter-add').click();
      const row = page.getByTestId('filter-row');
      await chooseOption(page, row.getByTestId('filter-field'), 'Parts');
      expect(await row.getByTestId('filter-op').inputValue()).toBe('includes any of');
      await row.getByTestId('filter-value').fill('whee');
      const option = page.getByRole('option', { name: 'Wheel hub' });
      await visible(option);
      await option.click();
      await page.getByTestId('filter-apply').click();
      await hasText(page.getByTestId('filter-chip'), /Parts includes any of/);
      await count(page.getByTestId('record-row'), 1);
      await hasText(page.getByTestId('row-title'), 'Survey drone');
    }, JOURNEY_MS);
  });
}
