/**
 * Steps through the app shell that every journey repeats: sign in on the sign-in page, sign out from
 * the user menu, pick an option of a Mantine Select, open the command palette.
 */
import type { Locator, Page } from 'playwright-core';
import { ApiClient } from './api';
import { atPath, visible } from './browser';

/** Opens `next` (default /), lands on /sign-in, signs in through the form and waits for `next`. */
export async function signInThroughUi(page: Page, baseUrl: string, email: string, password: string, next = '/'): Promise<void> {
  await page.goto(baseUrl + next);
  await atPath(page, /^\/sign-in/);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await atPath(page, new RegExp(`^${next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await visible(page.getByTestId('user-menu'));
}

/**
 * Signs in through the API and gives the browser the session cookie, then opens `path`: for journeys
 * whose subject is not the sign-in page (that one is covered by signInThroughUi).
 */
export async function signInWithCookie(page: Page, baseUrl: string, email: string, password: string, path = '/'): Promise<ApiClient> {
  const client = await ApiClient.signIn(baseUrl, email, password);
  await page.context().addCookies(client.cookies().map((c) => ({ ...c, url: baseUrl })));
  await page.goto(baseUrl + path);
  await visible(page.getByTestId('user-menu'));
  return client;
}

/**
 * Opens the user menu as a person does: the pointer reaches the button first (its menu's code loads on the way,
 * `data-ready` marks the real button), then the click. A click that lands while the real button replaces the
 * placeholder is a race no person runs into, and a loaded machine made it one in the journeys.
 */
export async function openUserMenu(page: Page): Promise<void> {
  const button = page.getByTestId('user-menu');
  await button.hover();
  await visible(page.locator('[data-testid="user-menu"][data-ready]'));
  await button.click();
}

export async function signOutThroughUi(page: Page): Promise<void> {
  await openUserMenu(page);
  await page.getByTestId('sign-out').click();
  await atPath(page, /^\/sign-in/);
  await visible(page.getByTestId('signin-email'));
}

/** Chooses the option labelled `label` in a Mantine Select whose input is `select`. */
export async function chooseOption(page: Page, select: Locator, label: string | RegExp): Promise<void> {
  await select.click();
  const option = page.getByRole('option', { name: label, exact: typeof label === 'string' ? true : undefined });
  await visible(option);
  await option.first().click();
}

/** Opens the command palette with Ctrl+K and answers its search input. */
export async function openPalette(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+KeyK');
  const input = page.getByTestId('palette-input');
  await visible(input);
  return input;
}
