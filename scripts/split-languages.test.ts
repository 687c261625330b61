import { describe, expect, it } from 'vitest';
import { chunkGroup } from '../web/chunk-groups';
import { splitImports } from '../web/split-languages';

describe('strings loaded one language at a time (web build)', () => {
  it('turns a dynamic import of a strings file into a loader per language, and leaves other imports alone', () => {
    const code = [
      "import { en } from './i18n';",
      "const t = [{ key: 'orders', load: () => import('./i18n') }, { key: 'records', load: () => import(\"../../ui/records/i18n\") }];",
      "const page = () => import('./pages');",
      "const mail = { key: 'ticketMail', load: () => import('./mail.i18n') };",
    ].join('\n');
    const out = splitImports(code)!;
    expect(out).toContain("import { en } from './i18n';");
    expect(out).toContain("const page = () => import('./pages');");
    expect(out).toContain('load: () => Promise.resolve({ en: undefined, vi: undefined, languages: { en: () => import("./i18n?language=en").then((m) => m.default), vi: () => import("./i18n?language=vi").then((m) => m.default) } })');
    expect(out).toContain('import("../../ui/records/i18n?language=vi")');
    expect(out).toContain('import("./mail.i18n?language=en")');
    expect(out).not.toMatch(/import\(['"][^'"]*i18n['"]\)/);
    expect(splitImports("const page = () => import('./pages');")).toBeNull();
  });
});

describe('chunk groups (web build)', () => {
  // A graph in miniature: the entry (main) loads the router; SignedIn and HomePage are lazy; Card is shared by the
  // home page and a list page; AppShell is the shell's alone; WidgetCard only the home's widgets'.
  const graph: Record<string, { importers: string[]; dynamicImporters: string[] }> = {
    '/w/src/main.tsx': { importers: [], dynamicImporters: [] },
    '/w/src/app/router.tsx': { importers: ['/w/src/main.tsx'], dynamicImporters: [] },
    '/w/src/app/layout/SignedIn.tsx': { importers: [], dynamicImporters: ['/w/src/app/router.tsx'] },
    '/w/node_modules/AppShell.mjs': { importers: ['/w/src/app/layout/SignedIn.tsx'], dynamicImporters: [] },
    '/w/src/modules/home/HomePage.tsx': { importers: [], dynamicImporters: ['/w/src/app/router.tsx'] },
    '/w/src/modules/home/widgets/RecentWidget.tsx': { importers: [], dynamicImporters: ['/w/src/app/router.tsx'] },
    '/w/src/modules/home/widgets/WidgetCard.tsx': { importers: ['/w/src/modules/home/widgets/RecentWidget.tsx'], dynamicImporters: [] },
    '/w/src/modules/contacts/ListPage.tsx': { importers: [], dynamicImporters: ['/w/src/app/router.tsx'] },
    '/w/node_modules/Card.mjs': { importers: ['/w/src/modules/home/widgets/WidgetCard.tsx', '/w/src/modules/contacts/ListPage.tsx'], dynamicImporters: [] },
    '/w/node_modules/Box.mjs': { importers: ['/w/src/app/router.tsx', '/w/node_modules/AppShell.mjs'], dynamicImporters: [] },
  };
  const ctx = { getModuleInfo: (id: string) => graph[id] ?? null };
  const group = (id: string) => chunkGroup(id, ctx);

  it('puts what only the shell or only the home page loads with it, and each language\'s strings together', () => {
    expect(group('/w/node_modules/AppShell.mjs')).toBe('signed-in');
    expect(group('/w/src/modules/home/widgets/WidgetCard.tsx')).toBe('home');
    expect(group('/w/src/modules/orders/i18n.ts?copy=vi')).toBe('strings-vi');
    expect(group('/w/src/modules/orders/i18n.ts?language=en')).toBe('strings-en');
    expect(group('/w/src/modules/tickets/mail.i18n.ts?copy=en')).toBe('strings-en');
  });

  it('leaves shared code, the entry\'s code and lazy pages of their own to the automatic split', () => {
    expect(group('/w/node_modules/Card.mjs')).toBeNull(); // the list page needs it without the home
    expect(group('/w/node_modules/Box.mjs')).toBeNull(); // the entry loads it
    expect(group('/w/src/modules/home/widgets/RecentWidget.tsx')).toBeNull(); // a widget stays its own chunk
    expect(group('/w/src/modules/contacts/ListPage.tsx')).toBeNull();
  });
});
