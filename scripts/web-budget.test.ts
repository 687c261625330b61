import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetViolations, closure, KiB, measureBuild, pageLoads, pageWeights, readBudgets, type Budgets, type Manifest } from './web-budget.mjs';

// A build in miniature: the entry (sign-in) imports a shared chunk; home and contacts are lazy and share one.
const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_react.js'], dynamicImports: ['src/Home.tsx', 'src/List.tsx'] },
  '_react.js': { file: 'assets/react.js' },
  'src/Home.tsx': { file: 'assets/Home.js', isDynamicEntry: true, imports: ['_card.js', 'index.html'] },
  'src/List.tsx': { file: 'assets/List.js', isDynamicEntry: true, imports: ['_card.js', '_table.js', '_react.js'] },
  '_card.js': { file: 'assets/card.js' },
  '_table.js': { file: 'assets/table.js' },
};
const budgets: Budgets = {
  pages: {
    'sign-in': { load: [], totalKiB: 100, ownKiB: 0 },
    home: { load: ['src/Home.tsx'], totalKiB: 120, ownKiB: 20 },
    contacts: { load: ['src/List.tsx'], ownKiB: 50 },
  },
};
const sizes = (over: Record<string, number> = {}) => (file: string) =>
  ({ 'assets/index.js': 60 * KiB, 'assets/react.js': 30 * KiB, 'assets/Home.js': 8 * KiB, 'assets/card.js': 4 * KiB, 'assets/List.js': 30 * KiB, 'assets/table.js': 10 * KiB, ...over })[file] ?? 0;

describe('page budgets (checker)', () => {
  it('counts the shell once and a page\'s own chunks beyond it', () => {
    expect([...closure(manifest, ['src/List.tsx'])].sort()).toEqual(['_card.js', '_react.js', '_table.js', 'src/List.tsx']);
    const w = pageWeights(manifest, budgets, sizes());
    expect(w['sign-in']).toMatchObject({ shell: 90 * KiB, own: 0, total: 90 * KiB });
    expect(w.home).toMatchObject({ own: 12 * KiB, total: 102 * KiB });
    expect(w.contacts!.own).toBe(44 * KiB);
    expect(w.contacts!.chunks).toEqual(['assets/List.js', 'assets/table.js', 'assets/card.js']);
    expect(budgetViolations(w, budgets)).toEqual([]);
  });

  it('fails when a page\'s chunk grows past its budget', () => {
    const problems = budgetViolations(pageWeights(manifest, budgets, sizes({ 'assets/table.js': 17 * KiB })), budgets);
    expect(problems).toEqual(['contacts: its own chunks are 51.0 KiB (gzip), budget 50 KiB']);
  });

  it('fails when the sign-in page\'s JavaScript grows past its budget, and a shared chunk counts for every page', () => {
    const problems = budgetViolations(pageWeights(manifest, budgets, sizes({ 'assets/react.js': 41 * KiB })), budgets);
    // 101 KiB of shell: sign-in fails; home's total (101 + 12) is still within its 120.
    expect(problems).toEqual(['sign-in: 101.0 KiB of JavaScript (gzip) in all, budget 100 KiB']);
    const shared = budgetViolations(pageWeights(manifest, budgets, sizes({ 'assets/card.js': 13 * KiB })), budgets);
    expect(shared).toEqual(['home: its own chunks are 21.0 KiB (gzip), budget 20 KiB', 'contacts: its own chunks are 53.0 KiB (gzip), budget 50 KiB']);
  });

  it('adds what every signed-in page loads, and the chunks matching a pattern, to a signed-in page', () => {
    const withShell: Budgets = {
      signedIn: { load: ['src/Shell.tsx'], loadMatching: ['\\?language=vi$'] },
      pages: { home: { signedIn: true, load: ['src/Home.tsx'] }, 'sign-in': { load: [] } },
    };
    const m: Manifest = {
      ...manifest,
      'src/Shell.tsx': { file: 'assets/Shell.js', isDynamicEntry: true },
      'src/a/i18n.ts?language=en': { file: 'assets/a-en.js', isDynamicEntry: true },
      'src/a/i18n.ts?language=vi': { file: 'assets/a-vi.js', isDynamicEntry: true },
    };
    expect(pageLoads(m, withShell, withShell.pages.home!)).toEqual(['src/Home.tsx', 'src/Shell.tsx', 'src/a/i18n.ts?language=vi']);
    expect(pageLoads(m, withShell, withShell.pages['sign-in']!)).toEqual([]);
    expect(() => pageLoads(manifest, withShell, withShell.pages.home!)).toThrow(/no chunk of the build manifest matches/);
  });

  it('adds every module\'s strings to a signed-in page, but not to one with its own strings only (the home page)', () => {
    const split: Budgets = {
      signedIn: { load: ['src/Shell.tsx'] },
      allStrings: { loadMatching: ['\\?language=vi$'] },
      pages: { home: { signedIn: true, ownStrings: true, load: ['src/Home.tsx'] }, contacts: { signedIn: true, load: ['src/List.tsx'] } },
    };
    const m: Manifest = {
      ...manifest,
      'src/Shell.tsx': { file: 'assets/Shell.js', isDynamicEntry: true },
      'src/a/i18n.ts?language=vi': { file: 'assets/a-vi.js', isDynamicEntry: true },
    };
    expect(pageLoads(m, split, split.pages.home!)).toEqual(['src/Home.tsx', 'src/Shell.tsx']);
    expect(pageLoads(m, split, split.pages.contacts!)).toEqual(['src/List.tsx', 'src/Shell.tsx', 'src/a/i18n.ts?language=vi']);
  });

  it('names a page whose module left the build', () => {
    expect(() => pageWeights(manifest, { pages: { gone: { load: ['src/Gone.tsx'] } } }, sizes())).toThrow(/src\/Gone.tsx is not in the build manifest/);
  });
});

describe('page budgets (production build in dist/web)', () => {
  const webDir = path.resolve(import.meta.dirname, '../dist/web');
  it('every page is within its budget in scripts/web-budgets.json', () => {
    expect(fs.existsSync(path.join(webDir, '.vite/manifest.json')), 'build first: node scripts/build.mjs --force').toBe(true);
    const all = readBudgets();
    const weights = measureBuild(webDir, all);
    expect(weights['sign-in']!.total).toBeLessThanOrEqual(200 * KiB);
    expect(budgetViolations(weights, all)).toEqual([]);
  });

  it('heavy libraries load on first use: the note editor and the kanban board are chunks of their own', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(webDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    for (const lazy of ['src/ui/activities/NoteEditor.tsx', 'src/modules/contacts/kanban/KanbanBoard.tsx']) {
      expect(manifest[lazy]?.isDynamicEntry, lazy).toBe(true);
      for (const page of ['src/modules/contacts/record/pages.ts', 'src/modules/contacts/list/ListPage.tsx', 'index.html']) {
        expect(closure(manifest, [page]).has(lazy), `${page} loads ${lazy} up front`).toBe(false);
      }
    }
    // The header's popups load on first use (app/layout/on-demand.ts), the confirm dialog with the first confirm:
    // neither the entry nor the signed-in shell every page opens on carries Menu, Popover, Spotlight or Modal.
    for (const lazy of ['src/app/layout/UserMenuDropdown.tsx', 'src/app/layout/NotificationPanel.tsx', 'src/app/layout/PaletteDialog.tsx', 'src/ui/ConfirmDialog.tsx',
      'src/modules/help/HelpMenuDropdown.tsx', 'src/modules/tasks/OutcomeDialog.tsx']) {
      expect(manifest[lazy]?.isDynamicEntry, lazy).toBe(true);
      for (const page of ['index.html', 'src/app/layout/SignedIn.tsx', 'src/modules/home/HomePage.tsx', 'src/modules/help/HelpMenu.tsx', 'src/modules/tasks/MyTasksWidget.tsx']) {
        expect(closure(manifest, [page]).has(lazy), `${page} loads ${lazy} up front`).toBe(false);
      }
    }
    // The toast host (Mantine Notifications and its transitions) loads with the first toast (app/Toasts.tsx).
    expect(manifest['src/app/ToastHost.tsx']?.isDynamicEntry, 'ToastHost is lazy').toBe(true);
    expect(closure(manifest, ['index.html']).has('src/app/ToastHost.tsx'), 'the entry loads the toast host up front').toBe(false);
    // A module's strings load one language at a time (web/split-languages.ts), the modules' English strings together
    // in one chunk (web/chunk-groups.ts) with no Vietnamese in it.
    expect(manifest['src/modules/home/i18n.ts']?.isDynamicEntry ?? false, 'a whole strings file is loaded lazily').toBe(false);
    const strings = Object.values(manifest).find((c) => /^assets\/strings-en-/.test(c.file));
    expect(strings, 'the English strings chunk').toBeDefined();
    const english = fs.readFileSync(path.join(webDir, strings!.file), 'utf8');
    expect(english).toContain('Download failed rows (CSV)');
    expect(english).not.toContain('Tải các dòng lỗi (CSV)');
    // The home page's strings are not in it: the home page opens without every module's strings (app/router.tsx).
    expect(english).not.toContain('This card could not be loaded.');
    expect(manifest['src/modules/home/i18n.ts?language=vi']?.isDynamicEntry, 'the home page\'s strings are a chunk of their own').toBe(true);
    // No zod in the browser: the contracts' schemas are dropped (web/pure-contracts.ts).
    const js = fs.readdirSync(path.join(webDir, 'assets')).filter((f) => f.endsWith('.js'));
    const withZod = js.filter((f) => fs.readFileSync(path.join(webDir, 'assets', f), 'utf8').includes('ZodError'));
    expect(withZod).toEqual([]);
  });
});
