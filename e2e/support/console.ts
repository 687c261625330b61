/**
 * What a page says in the browser console, for journeys that promise a quiet console: errors and warnings (a
 * refused request shows as "Failed to load resource: … 403") and every API answer of 400 or more.
 *
 * @example
 *   const noise = watchConsole(page);
 *   await page.goto(url + '/contacts');
 *   expect(noise.take()).toEqual([]);
 */
import type { Page } from 'playwright-core';

export interface ConsoleWatch {
  /** Lines gathered since the last call (and clears them). */
  take: () => string[];
}

export function watchConsole(page: Page): ConsoleWatch {
  let lines: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') lines.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname.startsWith('/api/')) lines.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return {
    take: () => {
      const out = lines;
      lines = [];
      return out;
    },
  };
}
