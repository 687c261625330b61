/**
 * Issue 13 (records platform), on SQLite and on PostgreSQL: an administrator creates the custom object
 * "Vehicle" in Settings with a select, a money field and a relation to contacts (a bad field key is refused
 * under its input); adds vehicles through the generated form; filters the list and saves the view; drags a
 * card on the kanban (the change reaches the server and the record's history); exports the list as CSV;
 * sees the vehicle on its contact's page and finds it from the command palette; reads it all in Vietnamese.
 * Screenshots at 1440 and 390 px wide go to /tmp/kith-records-*.png.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecordData, RecordType } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, openUserMenu, openPalette, signInWithCookie } from '../support/app';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

const CONTACT = { givenName: 'Văn Bình', familyName: 'Trần' };

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `/tmp/kith-records-${name}-1440.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  // The sidebar slides out of view on a phone (a CSS transition): shoot once it is gone.
  await expect.poll(async () => { const box = await page.getByTestId('sidebar').boundingBox(); return !box || box.x + box.width <= 0; }).toBe(true);
  await page.screenshot({ path: `/tmp/kith-records-${name}-390.png`, fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  // …and back in view before the test goes on measuring the page (kanban drags use coordinates).
  await expect.poll(async () => (await page.getByTestId('sidebar').boundingBox())?.x ?? -1).toBe(0);
}

/** Adds a field through the Settings form (type picked by its English name). */
async function addField(page: Page, en: string, vi: string, type: string, more?: () => Promise<void>): Promise<void> {
  await page.getByTestId('field-new').click();
  const form = page.getByTestId('field-form');
  await visible(form);
  await form.getByTestId('field-label-en').fill(en);
  await form.getByTestId('field-label-vi').fill(vi);
  await chooseOption(page, form.getByTestId('field-type'), type);
  await more?.();
  await form.getByTestId('field-submit').click();
  await hidden(form);
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`custom object journey [${dialect}]`, () => {
    const b = useBrowser();
    let server: KithServer;
    let admin: ApiClient;
    let contactId = '';
    let hondaId = '';

    beforeAll(async () => {
      server = await startServer(dialect);
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      contactId = (await admin.post<{ id: string }>('/contacts', CONTACT)).id;
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('creates the Vehicle object with a select, a money field and a relation to contacts in Settings', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/objects');
      await page.getByTestId('object-new').click();
      const form = page.getByTestId('object-form');
      await form.getByTestId('object-en-singular').fill('Vehicle');
      await form.getByTestId('object-en-plural').fill('Vehicles');
      await form.getByTestId('object-vi-singular').fill('Xe');
      await form.getByTestId('object-vi-plural').fill('Xe');
      // The API name follows the English plural.
      expect(await form.getByTestId('object-name').inputValue()).toBe('vehicles');
      await chooseOption(page, form.getByTestId('object-icon'), 'car');
      await form.getByTestId('object-submit').click();
      await atPath(page, /^\/settings\/objects\/vehicles$/);

      await addField(page, 'Status', 'Trạng thái', 'Select', async () => {
        const form2 = page.getByTestId('field-form');
        for (const [en, vi] of [['In service', 'Đang chạy'], ['Repair', 'Đang sửa']]) {
          await form2.getByTestId('option-add').click();
          await form2.getByTestId('option-en').last().fill(en!);
          await form2.getByTestId('option-vi').last().fill(vi!);
        }
        expect(await form2.getByTestId('option-value').last().inputValue()).toBe('repair');
      });
      await addField(page, 'Price', 'Giá', 'Money', async () => {
        await chooseOption(page, page.getByTestId('field-form').getByTestId('field-currency'), 'VND');
      });
      await addField(page, 'Driver', 'Tài xế', 'Relation', async () => {
        await chooseOption(page, page.getByTestId('field-form').getByTestId('field-target'), 'Contacts');
      });

      // Edit the select: a third option with its colour; add a long-text field, then archive it (data kept, form hides it).
      await page.locator('[data-testid="field-row"][data-key="status"]').getByTestId('field-edit').click();
      const edit = page.getByTestId('field-form');
      await edit.getByTestId('option-add').click();
      await edit.getByTestId('option-en').last().fill('Sold');
      await edit.getByTestId('option-vi').last().fill('Đã bán');
      await chooseOption(page, edit.getByTestId('option-color').last(), 'red');
      await edit.getByTestId('field-submit').click();
      await hidden(edit);
      await addField(page, 'Notes', 'Ghi chú', 'Long text');
      await page.locator('[data-testid="field-row"][data-key="notes"]').getByTestId('field-archive').click();
      await visible(page.locator('[data-testid="field-row"][data-key="notes"]').getByTestId('field-archived'));

      // A key the object already has is refused by the server, and the message sits under the key input.
      await page.getByTestId('field-new').click();
      const bad = page.getByTestId('field-form');
      await bad.getByTestId('field-label-en').fill('Status');
      await bad.getByTestId('field-label-vi').fill('Trạng thái');
      await bad.getByTestId('field-submit').click();
      await visible(bad.locator('[data-testid="field-key"][aria-invalid="true"]'));
      await page.keyboard.press('Escape');

      const types = await admin.get<{ data: RecordType[] }>('/record-types');
      const vehicles = types.data.find((t) => t.name === 'vehicles')!;
      expect(vehicles.labels.vi.singular).toBe('Xe');
      const byKey = Object.fromEntries(vehicles.fields.map((f) => [f.key, f]));
      expect(byKey.status?.options?.map((o) => o.value)).toEqual(['in_service', 'repair', 'sold']);
      expect(byKey.status?.options?.[2]).toMatchObject({ labels: { en: 'Sold', vi: 'Đã bán' }, color: 'red' });
      expect(byKey.notes).toMatchObject({ type: 'long_text', archived: true });
      expect(byKey.price).toMatchObject({ type: 'money', currency: 'VND' });
      expect(byKey.driver).toMatchObject({ type: 'relation', relation: { target: 'contacts' } });
      expect(vehicles.kanbanFields).toContain('status');
      await count(page.getByTestId('field-row'), vehicles.fields.length);
      await shoot(page, 'settings-fields');
    }, JOURNEY_MS);

    it('adds vehicles through the generated form, with its required field checked first', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password);
      await page.getByTestId('nav-object-vehicles').click();
      await atPath(page, /^\/objects\/vehicles$/);
      await hasText(page.getByTestId('page-title'), 'Vehicles');

      await page.getByTestId('record-create').click();
      const form = page.getByTestId('record-form');
      await visible(form);
      await form.getByTestId('form-submit').click();
      await visible(form.locator('[data-testid="field-input-name"][aria-invalid="true"]'));

      await count(form.getByTestId('field-input-notes'), 0);
      await form.getByTestId('field-input-name').fill('Honda Wave');
      await chooseOption(page, form.getByTestId('field-input-status'), 'In service');
      await form.getByTestId('field-input-price').fill('15000000');
      await form.getByTestId('field-input-driver').fill('tran van binh');
      await chooseOption(page, page.getByTestId('record-form').getByTestId('field-input-driver'), /Trần/);
      await form.getByTestId('form-submit').click();
      await hidden(form);
      await count(page.getByTestId('record-row'), 1);

      const list = await admin.get<{ data: RecordData[] }>('/objects/vehicles?include=driver');
      const honda = list.data[0]!;
      hondaId = honda.id;
      expect(honda.values).toMatchObject({ name: 'Honda Wave', status: 'in_service', price: { amount: 15000000, currency: 'VND' }, driver: contactId });

      // Two more through the API; the list shows all three with the money in VND.
      await admin.post('/objects/vehicles', { values: { name: 'Toyota Vios', status: 'repair', price: { amount: 520000000, currency: 'VND' } } });
      await admin.post('/objects/vehicles', { values: { name: 'VinFast VF8', status: 'in_service', price: { amount: 1100000000, currency: 'VND' } } });
      await page.reload();
      await count(page.getByTestId('record-row'), 3);
      await hasText(page.getByTestId('list-total'), '3 records');
      await hasText(page.locator('[data-testid="record-row"][data-id="' + hondaId + '"] [data-col="price"]'), /15,000,000/);
    }, JOURNEY_MS);

    it('filters by the select field, saves the view and finds it after a reload', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles');
      await count(page.getByTestId('record-row'), 3);
      await page.getByTestId('filter-open').click();
      await page.getByTestId('filter-add').click();
      await chooseOption(page, page.getByTestId('filter-field'), 'Status');
      await chooseOption(page, page.getByTestId('filter-value'), 'Repair');
      await page.getByTestId('filter-apply').click();
      await count(page.getByTestId('record-row'), 1);
      await hasText(page.getByTestId('record-row'), 'Toyota Vios');
      await hasText(page.getByTestId('filter-chip'), 'Status is Repair');

      await page.getByTestId('view-menu').click();
      await page.getByTestId('view-save-as').click();
      await page.getByTestId('view-name').fill('In the workshop');
      await page.getByTestId('view-submit').click();
      await atPath(page, /saved=/);
      await page.reload();
      await count(page.getByTestId('record-row'), 1);
      expect(await page.getByTestId('view-select').inputValue()).toBe('In the workshop');
      await shoot(page, 'list-filtered');
    }, JOURNEY_MS);

    it('drags a vehicle to another column on the kanban; the server and the history have the change', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles?view=kanban');
      const from = page.locator('[data-testid="kanban-column"][data-value="in_service"]');
      const to = page.locator('[data-testid="kanban-column"][data-value="repair"]');
      const card = from.locator(`[data-testid="kanban-card"][data-id="${hondaId}"]`);
      await visible(card);
      await count(to.getByTestId('kanban-card'), 1);
      await shoot(page, 'kanban');
      const a = (await card.boundingBox())!;
      const z = (await to.boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2, { steps: 4 });
      await page.mouse.move(z.x + z.width / 2, z.y + 60, { steps: 12 });
      await page.mouse.up();
      await count(to.getByTestId('kanban-card'), 2);
      await expect.poll(async () => (await admin.get<RecordData>(`/objects/vehicles/${hondaId}`)).values.status, { timeout: 10_000 }).toBe('repair');

      // The record page's history shows the move, old → new in the option labels.
      await page.goto(`${server.url}/objects/vehicles/${hondaId}`);
      await hasText(page.getByTestId('page-title'), 'Honda Wave');
      await hasText(page.getByTestId('timeline-change'), 'Status: In service → Repair');
      await hasText(page.getByTestId('field-driver'), 'Trần');
      await shoot(page, 'record');
    }, JOURNEY_MS);

    it('exports the list as CSV', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles');
      await count(page.getByTestId('record-row'), 3);
      await page.getByTestId('export-open').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.split(/\r?\n/)[0]).toContain('name');
      for (const name of ['Honda Wave', 'Toyota Vios', 'VinFast VF8']) expect(csv).toContain(name);
    }, JOURNEY_MS);

    it("shows the vehicle on its contact's page and finds it from the command palette", async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/contacts/${contactId}`);
      const panel = page.getByTestId('related-records');
      await visible(panel);
      await hasText(panel, 'Vehicles');
      await hasText(panel.getByTestId('related-record'), 'Honda Wave');
      await shoot(page, 'contact');
      await panel.getByTestId('related-record').click();
      await atPath(page, new RegExp(`^/objects/vehicles/${hondaId}$`));

      // The same panel on a company's page, for a relation to companies (added through the API).
      const company = await admin.post<{ id: string }>('/companies', { name: 'Công ty Vận tải Sao Mai' });
      await admin.post('/record-types/vehicles/fields', { key: 'fleet', type: 'relation', labels: { en: 'Fleet', vi: 'Đội xe' }, relation: { target: 'companies' } });
      const honda = await admin.get<RecordData>(`/objects/vehicles/${hondaId}`);
      await admin.patch(`/objects/vehicles/${hondaId}`, { values: { fleet: company.id } }, honda.version);
      await page.goto(`${server.url}/companies/${company.id}`);
      await hasText(page.getByTestId('related-records'), 'Fleet');
      await hasText(page.getByTestId('related-records').getByTestId('related-record'), 'Honda Wave');

      const input = await openPalette(page);
      await input.fill('vios');
      const result = page.getByRole('dialog').getByRole('button', { name: /Toyota Vios/ });
      await visible(result);
      await result.first().click();
      await atPath(page, /^\/objects\/vehicles\/[^/]+$/);
      await hasText(page.getByTestId('page-title'), 'Toyota Vios');
    }, JOURNEY_MS);

    it('edits a cell in place, bulk-edits two rows, deletes and restores one, and imports a CSV', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles');
      const list = await admin.get<{ data: RecordData[] }>('/objects/vehicles');
      const idOf = (name: string) => list.data.find((r) => r.values.name === name)!.id;
      const row = (name: string) => page.locator(`[data-testid="record-row"][data-id="${idOf(name)}"]`);

      // Inline edit: click the price cell, type, Enter; the server has the new amount.
      await row('VinFast VF8').locator('[data-col="price"]').click();
      const editor = page.getByTestId('inline-editor').locator('input');
      await visible(editor);
      await editor.fill('1200000000');
      await editor.press('Enter');
      await hasText(row('VinFast VF8').locator('[data-col="price"]'), /1,200,000,000/);
      // The cell shows the value at once (optimistic); the server has it once the PATCH returns.
      await expect.poll(async () => (await admin.get<RecordData>(`/objects/vehicles/${idOf('VinFast VF8')}`)).values.price).toEqual({ amount: 1200000000, currency: 'VND' });

      // Bulk edit: two rows to "Repair" in one request.
      await row('VinFast VF8').getByTestId('row-select').click();
      await row('Toyota Vios').getByTestId('row-select').click();
      await hasText(page.getByTestId('bulk-bar'), '2 selected');
      await page.getByTestId('bulk-edit').click();
      await chooseOption(page, page.getByTestId('bulk-field'), 'Status');
      await chooseOption(page, page.getByTestId('bulk-value'), 'Repair');
      await page.getByTestId('bulk-apply').click();
      await hidden(page.getByTestId('bulk-bar'));
      for (const name of ['VinFast VF8', 'Toyota Vios']) {
        expect((await admin.get<RecordData>(`/objects/vehicles/${idOf(name)}`)).values.status).toBe('repair');
      }

      // Delete from the record page (recycle bin), then restore.
      await row('Toyota Vios').getByTestId('row-title').click();
      await hasText(page.getByTestId('page-title'), 'Toyota Vios');
      await page.getByTestId('record-delete').click();
      await page.getByTestId('confirm-ok').click();
      await visible(page.getByTestId('deleted-badge'));
      expect((await admin.get<{ count: number }>('/objects/vehicles/count')).count).toBe(2);
      // It waits in the list's recycle bin, and is restored from its page.
      await page.getByTestId('record-back').click();
      await count(page.getByTestId('record-row'), 2);
      await page.getByTestId('bin-toggle').click();
      await count(page.getByTestId('record-row'), 1);
      await page.getByTestId('row-title').click();
      await hasText(page.getByTestId('page-title'), 'Toyota Vios');
      await page.getByTestId('record-restore').click();
      await hidden(page.getByTestId('deleted-badge'));
      expect((await admin.get<{ count: number }>('/objects/vehicles/count')).count).toBe(3);
      await hasText(page.getByTestId('record-timeline'), 'restored it');

      // Import: two good rows, one with a bad status (reported by row, the others kept).
      await page.getByTestId('record-back').click();
      await count(page.getByTestId('record-row'), 3);
      const csv = 'name,status,price\nMazda CX-5,in_service,900000000\nKia Morning,broken,300000000\nFord Ranger,repair,\n';
      await page.locator('input[type="file"]').setInputFiles({ name: 'vehicles.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const report = page.getByTestId('import-report');
      await hasText(report, '2 records created, 1 rows failed.');
      await hasText(report, 'Row 3');
      await page.keyboard.press('Escape');
      await count(page.getByTestId('record-row'), 5);
    }, JOURNEY_MS);

    it('a drag on a stale card is refused with a 412, said so, and the board reloads', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles?view=kanban');
      const from = page.locator('[data-testid="kanban-column"][data-value="repair"]');
      const to = page.locator('[data-testid="kanban-column"][data-value="in_service"]');
      const card = from.locator(`[data-testid="kanban-card"][data-id="${hondaId}"]`);
      await visible(card);
      // Someone else changes the vehicle after the board was read.
      const before = await admin.get<RecordData>(`/objects/vehicles/${hondaId}`);
      await admin.patch(`/objects/vehicles/${hondaId}`, { values: { price: { amount: 16000000, currency: 'VND' } } }, before.version);
      const a = (await card.boundingBox())!;
      const z = (await to.boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2, { steps: 4 });
      await page.mouse.move(z.x + z.width / 2, z.y + 60, { steps: 12 });
      await page.mouse.up();
      await visible(page.getByText('Someone else changed this record; the board was reloaded.'));
      // Back in its column with the other person's change; the server kept "repair".
      await hasText(from.locator(`[data-testid="kanban-card"][data-id="${hondaId}"]`), /16,000,000/);
      expect((await admin.get<RecordData>(`/objects/vehicles/${hondaId}`)).values.status).toBe('repair');
    }, JOURNEY_MS);

    it('reads the object in Vietnamese', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles');
      await openUserMenu(page);
      await page.getByTestId('language-vi').click();
      await hasText(page.getByTestId('nav-object-vehicles'), 'Xe');
      await hasText(page.getByTestId('record-create'), 'Thêm Xe');
      await hasText(page.getByTestId('list-total'), '5 bản ghi');
      await hasText(page.locator(`[data-testid="record-row"][data-id="${hondaId}"] [data-col="status"]`), 'Đang sửa');
      await hasText(page.locator(`[data-testid="record-row"][data-id="${hondaId}"] [data-col="price"]`), /16\.000\.000/);
      await shoot(page, 'list-vi');
      await openUserMenu(page);
      await page.getByTestId('language-en').click();
      await hasText(page.getByTestId('record-create'), 'New Vehicle');
    }, JOURNEY_MS);
  });
}
