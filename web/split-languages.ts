/**
 * Vite plugin: a module's strings (`translations: [{ key, load: () => import('./i18n') }]`, en + vi in one file)
 * load one language at a time in the production build.
 *
 * The signed-in shell loads every module's strings before it renders (app/translations.ts); with both languages in
 * each file that was ~46 KiB gzip of the home page's first load, half of it in the language not shown. Each dynamic
 * `import('…/i18n')` in the app's code becomes `{ languages: { en: () => import(…), vi: () => import(…) } }` at
 * once (no extra request before the language's own), each loader a chunk with that language alone: a copy of the
 * file of which only that language is imported, so the other is dropped. Static imports (the public pages') are
 * untouched; loadTranslations takes either shape, so the dev server and the tests behave as before.
 */
import fs from 'node:fs';
import type { Plugin } from 'vite';

export const LANGUAGES = ['en', 'vi'] as const;
/** `import('./i18n')`, `import('./mail.i18n')`, `import("../../ui/records/i18n")`: a dynamic import of a strings file. */
const DYNAMIC_STRINGS_IMPORT = /\bimport\((['"])((?:\.{1,2}\/)+(?:[\w-]+\/)*(?:[\w-]+\.)?i18n)\1\)/g;
const ONE = /\?language=(en|vi)$/;
const COPY = /\?copy=(en|vi)$/;

/** `code` with each dynamic import of a strings file replaced by per-language loaders; null when it has none. */
export function splitImports(code: string): string | null {
  if (!DYNAMIC_STRINGS_IMPORT.test(code)) return null;
  return code.replace(DYNAMIC_STRINGS_IMPORT, (_m, _q, spec: string) => {
    const loaders = LANGUAGES.map((l) => `${l}: () => import(${JSON.stringify(`${spec}?language=${l}`)}).then((m) => m.default)`);
    return `Promise.resolve({ en: undefined, vi: undefined, languages: { ${loaders.join(', ')} } })`;
  });
}

export function splitLanguages(): Plugin {
  return {
    name: 'kith:split-languages',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]web[\\/]src[\\/].*\.tsx?$/.test(id) || id.includes('?')) return null;
      const out = splitImports(code);
      return out === null ? null : { code: out, map: null };
    },
    async resolveId(source, importer, options) {
      const lang = ONE.exec(source);
      if (!lang) return null;
      const resolved = await this.resolve(source.replace(ONE, ''), importer, { ...options, skipSelf: true });
      return resolved && /[\\/](?:[\w-]+\.)?i18n\.ts$/.test(resolved.id) ? `${resolved.id}?language=${lang[1]}` : null;
    },
    load(id) {
      // The chunk a language loads: that language of a copy of the file, so the other is dropped.
      const one = ONE.exec(id);
      if (one) return `export { ${one[1]} as default } from ${JSON.stringify(id.replace(ONE, `?copy=${one[1]}`))};\n`;
      if (COPY.test(id)) return fs.readFileSync(id.replace(COPY, ''), 'utf8');
      return null;
    },
  };
}
