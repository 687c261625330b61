/**
 * Chromium for the journeys: one browser per spec file, a new context (cookies, storage) and page per
 * test, a screenshot in .tmp/e2e/<test>.png when a test fails, and small web-first assertions (there is
 * no @playwright/test `expect` with playwright-core: these poll the page until true or timeout).
 *
 * @example
 *   const b = useBrowser();
 *   it('signs in', async () => { await b.page().goto(url); await visible(b.page().getByTestId('page-title')); });
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { ROOT } from './server';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];
/** How long a web-first wait polls before failing (generous: CI machines are often shared and slow). */
export const WAIT_MS = 20_000;
/** Per-test limit of a journey; a journey takes well under a minute on an idle 2-core machine. */
export const JOURNEY_MS = 120_000;
const SHOTS = path.join(ROOT, '.tmp', 'e2e');

/** `describe` when Chromium is installed, `describe.skip` otherwise (never under CI=true: setup fails). */
export function chromiumPath(): string | null {
  return inject('chromium');
}

export interface BrowserFixture {
  browser: () => Browser;
  context: () => BrowserContext;
  page: () => Page;
  /** Opens one more page in a fresh context (another user at the same time); closed with the test. */
  newPage: () => Promise<Page>;
}

function safeName(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 100);
}

/** Registers the hooks of a spec file; call once at the top of its describe. */
export function useBrowser(opts: { viewport?: { width: number; height: number }; locale?: string } = {}): BrowserFixture {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let page: Page | undefined;
  let pageErrors: string[] = [];

  const openContext = async () => {
    if (!browser) throw new Error('browser not launched');
    const ctx = await browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      locale: opts.locale ?? 'en-US',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    ctx.setDefaultTimeout(WAIT_MS);
    contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    return p;
  };

  beforeAll(async () => {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium is not available');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    pageErrors = [];
    page = await openContext();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      fs.mkdirSync(SHOTS, { recursive: true });
      const file = path.join(SHOTS, `${safeName(`${ctx.task.suite?.name ?? ''} ${ctx.task.name}`)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`[e2e] screenshot: ${file} (url ${page.url()})${pageErrors.length ? '\n' + pageErrors.join('\n') : ''}`);
    }
    for (const c of contexts) await c.close().catch(() => undefined);
    contexts = [];
    page = undefined;
  });

  return {
    browser: () => browser!,
    context: () => page!.context(),
    page: () => {
      if (!page) throw new Error('no page: called outside a test');
      return page;
    },
    newPage: openContext,
  };
}

// ───────────────────────── web-first assertions ─────────────────────────

/** Waits until the locator is visible. */
export async function visible(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until the locator is gone (detached or hidden). */
export async function hidden(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** Waits until the locator's (first match's) text content contains `text` (as in the DOM, before CSS text-transform). */
export async function hasText(locator: Locator, text: string | RegExp, timeout = WAIT_MS): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) ? ((await locator.first().textContent()) ?? '') : ''), { timeout, interval: 100 })
    .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
}

/** Waits until the locator matches exactly `n` elements. */
export async function count(locator: Locator, n: number, timeout = WAIT_MS): Promise<void> {
  await expect.poll(() => locator.count(), { timeout, interval: 100 }).toBe(n);
}

/** Waits until the page's path (and query) matches. */
export async function atPath(page: Page, pathRe: RegExp, timeout = WAIT_MS): Promise<void> {
  await page.waitForURL((u) => pathRe.test(u.pathname + u.search), { timeout });
}

/**
 * Picks a kanban card up from the keyboard: focuses its link, presses Space and waits for the drag overlay (a second
 * card with the same id). dnd-kit listens for the arrows only from a timer after the pick-up, so keys pressed before
 * the overlay shows can be lost on a busy machine.
 */
export async function pickUpCard(page: Page, cardId: string): Promise<void> {
  const link = page.locator(`a:has([data-testid="kanban-card"][data-id="${cardId}"])`).first();
  await expect.poll(() => link.getAttribute('aria-disabled'), { timeout: WAIT_MS }).toBe('false');
  await link.focus();
  await page.keyboard.press('Space');
  await count(page.locator(`[data-testid="kanban-card"][data-id="${cardId}"]`), 2);
}
