/**
 * Accessibility checks for the journeys: axe-core (the engine behind Lighthouse and Playwright's own axe
 * integration) injected into the page, run against WCAG 2.1 A and AA, failing with every violated rule's id, help
 * text and the CSS targets of its nodes. `page.evaluate` runs outside the page's Content-Security-Policy, so the
 * app's CSP stays as strict as in production.
 *
 * @example
 *   await page.goto(server.url + '/contacts');
 *   await visible(page.getByTestId('contacts-table'));
 *   await expectNoAxeViolations(page, 'contacts list, en, 1440 px');
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** The axe tags of WCAG 2.1 level A and AA (2.0's rules included). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const require = createRequire(import.meta.url);
let source: string | undefined;
const axeSource = (): string => (source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** One violated rule, shortened for a failure message. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe on the page once its transitions have settled (injecting it once per document) and answers the WCAG
 * 2.1 A/AA violations. A dialog still fading in has half-transparent text, which axe would rate as low contrast.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    for (let i = 0; i < 10; i++) {
      await frame();
      await frame();
      const running = document.getAnimations().filter((a) => a.playState === 'running');
      if (!running.length) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.evaluate(axeSource());
  const results = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }).axe;
      return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    },
    WCAG_21_AA,
  );
  return results.violations.map((v: Result) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** Formats violations one rule a line: `color-contrast (serious) — Elements must meet…: .a, .b (+3 more)`. */
export function formatViolations(list: AxeViolation[], maxTargets = 6): string {
  return list
    .map((v) => {
      const more = v.targets.length > maxTargets ? ` (+${v.targets.length - maxTargets} more)` : '';
      return `  ${v.id} (${v.impact ?? 'n/a'}) — ${v.help}: ${v.targets.slice(0, maxTargets).join(' | ')}${more}`;
    })
    .join('\n');
}

/** Fails (throws) when the page has any WCAG 2.1 A/AA violation, naming each rule and its targets. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length) throw new Error(`axe: ${found.length} WCAG 2.1 A/AA violation(s) on ${where} (${page.url()}):\n${formatViolations(found)}`);
}
