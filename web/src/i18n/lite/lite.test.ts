import { createInstance as createI18next } from 'i18next';
import { describe, expect, it } from 'vitest';
import { leaves } from '../translation-checks';
import { createInstance } from './i18next';

// Every strings file of the app: the shell's (en.ts, vi.ts) and each module's, registered under a key of its own.
const files = import.meta.glob<Record<string, object>>(['../en.ts', '../vi.ts', '../../**/i18n.ts', '../../**/*.i18n.ts'], { eager: true });
const resources: Record<'en' | 'vi', Record<string, object>> = { en: {}, vi: {} };
for (const [path, exports] of Object.entries(files)) {
  const key = path.replace(/^[./]+/, '').replace(/\.ts$/, '').replace(/[^\w]+/g, '_');
  for (const lng of ['en', 'vi'] as const) {
    if (!exports[lng]) continue;
    if (path === `../${lng}.ts`) Object.assign(resources[lng], structuredClone(exports[lng]));
    else resources[lng][key] = structuredClone(exports[lng]);
  }
}

async function both(lng: 'en' | 'vi') {
  const real = createI18next();
  await real.init({ resources: { en: { translation: structuredClone(resources.en) }, vi: { translation: structuredClone(resources.vi) } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false }, returnNull: false });
  const lite = createInstance();
  await lite.init({ resources: { en: { translation: structuredClone(resources.en) as never }, vi: { translation: structuredClone(resources.vi) as never } }, lng, fallbackLng: 'en' });
  return { real, lite };
}

/** The data a string is shown with: each of its placeholders filled, plus the cases around them. */
function dataFor(text: string): Record<string, unknown>[] {
  const names = [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());
  const filled = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 7 : `v${i}`]));
  return [{}, filled, { ...filled, count: 0 }, { ...filled, count: 1 }, { ...filled, count: 2 }, { ...filled, count: 21 }, { [names[0] ?? 'x']: undefined }, { defaultValue: 'fallback {{x}}', x: 1 }];
}

describe('the production build\'s i18next (i18n/lite) gives the same text as i18next', () => {
  const enKeys = leaves(resources.en);
  it('covers the app\'s strings', () => {
    expect(enKeys.length).toBeGreaterThan(2000);
  });

  for (const lng of ['en', 'vi'] as const) {
    it(`every string of the app, in ${lng}, with and without data and counts`, async () => {
      const { real, lite } = await both(lng);
      const bases = new Set(enKeys.map(([k]) => k.replace(/_(one|other|zero|few|many|two)$/, '')));
      let checked = 0;
      for (const [key, text] of enKeys) {
        for (const k of new Set([key, key.replace(/_(one|other)$/, '')])) {
          for (const data of dataFor(String(text))) {
            expect(lite.t(k, data), `${k} ${JSON.stringify(data)}`).toBe(real.t(k, data));
            checked++;
          }
          expect(lite.exists(k), k).toBe(real.exists(k));
          expect(lite.exists(k, { lng: 'vi', fallbackLng: false } as never), k).toBe(real.exists(k, { lng: 'vi', fallbackLng: false }));
        }
      }
      // Keys that are not strings: a missing one, a branch of the tree, a list of keys.
      const parent = [...bases][0]!.split('.').slice(0, -1).join('.');
      for (const k of ['no.such.key', 'nav', parent, 'nav.home.deeper']) {
        for (const data of [{}, { count: 2 }, { defaultValue: 'D' }]) expect(lite.t(k, data), k).toBe(real.t(k, data));
      }
      expect(lite.t(['no.such', 'nav.home'])).toBe(real.t(['no.such', 'nav.home']));
      expect(checked).toBeGreaterThan(10_000);
    });
  }

  it('adds bundles (deep, overwriting) and switches language as i18next does', async () => {
    const { real, lite } = await both('en');
    for (const i of [real, lite]) {
      i.addResourceBundle('en', 'translation', { added: { a: 'A', b: { c: 'C' } } }, true, true);
      i.addResourceBundle('en', 'translation', { added: { b: { d: 'D {{n}}' } } }, true, true);
      i.addResourceBundle('vi', 'translation', { added: { a: 'Á' } }, true, true);
    }
    const seen: unknown[] = [];
    lite.on('languageChanged', (l) => seen.push(l));
    for (const i of [real, lite]) await i.changeLanguage('vi');
    expect(seen).toEqual(['vi']);
    expect(lite.language).toBe(real.language);
    for (const k of ['added.a', 'added.b.c', 'added.b.d']) {
      expect(lite.t(k, { n: 2 })).toBe(real.t(k, { n: 2 }));
      expect(lite.getFixedT('en')(k)).toBe(real.getFixedT('en')(k));
    }
    expect(lite.exists('added.b.c', { lng: 'vi', fallbackLng: false } as never)).toBe(false);
    expect(lite.exists('added.a', { lng: 'vi', fallbackLng: false } as never)).toBe(true);
  });
});
