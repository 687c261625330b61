/**
 * Issue 14 item 9, "keyboard drag works", on the contacts kanban (the records engine's board is covered in
 * a11y.spec.ts): a card is a link; Space picks it up, an arrow carries it to the next column, Space drops it there and
 * the contact's stage changes on the server; Escape while carrying puts it back. Chromium, SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { chromiumPath, count, pickUpCard, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() ? describe : describe.skip)('kanban keyboard journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('Space picks a contact card up, the arrows carry it to the next stage, Space drops it; Escape cancels a carry', async () => {
    const contact = await admin.post<{ id: string; lifecycleStage: string }>('/contacts', { givenName: 'Bàn Phím', familyName: 'Nguyễn', lifecycleStage: 'lead' });
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts?view=kanban');
    const columns = page.getByTestId('kanban-column');
    const cardIn = (stage: string) => page.locator(`[data-testid="kanban-column"][data-stage="${stage}"] [data-testid="kanban-card"][data-id="${contact.id}"]`);
    await visible(cardIn('lead'));
    const stages = await columns.evaluateAll((els) => els.map((el) => el.getAttribute('data-stage') ?? ''));
    const next = stages[stages.indexOf('lead') + 1];
    expect(next, `a stage after lead in ${stages.join(', ')}`).toBeTruthy();
    const stageOf = async () => (await admin.get<{ lifecycleStage: string }>(`/contacts/${contact.id}`)).lifecycleStage;

    // Escape while carrying: nothing moves.
    await pickUpCard(page, contact.id);
    await page.keyboard.press('ArrowRight');
    await visible(page.locator(`[data-testid="kanban-column"][data-stage="${next}"][data-over]`));
    await page.keyboard.press('Escape');
    await visible(cardIn('lead'));
    expect(await stageOf()).toBe('lead');

    // Space, arrows, Space: the card lands in the next column and the server has the new stage.
    await pickUpCard(page, contact.id);
    await page.keyboard.press('ArrowRight');
    await visible(page.locator(`[data-testid="kanban-column"][data-stage="${next}"][data-over]`));
    await page.keyboard.press('Space');
    await visible(cardIn(next!));
    await count(cardIn('lead'), 0);
    await expect.poll(stageOf, { timeout: 10_000 }).toBe(next);
  }, JOURNEY_MS);
});
