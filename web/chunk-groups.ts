/**
 * Chunks of what always loads together, for the production build (web/vite.config.ts `codeSplitting.groups`).
 *
 * Left to itself the bundler makes a chunk per set of lazy modules that share code: the home page opened on ~60
 * files (the signed-in shell's pieces, each widget's Mantine parts, each module's strings), and every file costs a
 * request and a gzip stream of its own (~13 KiB more than the same code in a few files). A group here takes the
 * modules that only its roots load (directly or through their static imports), so merging them costs no page any
 * byte it would not load anyway:
 * - `signed-in`: the shell every signed-in page opens on (SignedIn, the header's placeholders) and what only it uses;
 * - `home`: what only the home page and its widgets use (each widget stays a chunk of its own, loaded when shown);
 * - `strings-en`, `strings-vi`: every module's strings in one language (web/split-languages.ts), loaded together
 *   by app/translations.ts before the first page other than home; the strings the home page and the shell load
 *   without the rest (EARLY_STRINGS) stay chunks of their own.
 */
interface ModuleInfoLike {
  importers: readonly string[];
  dynamicImporters: readonly string[];
}
interface Context {
  getModuleInfo(id: string): ModuleInfoLike | null;
}

interface Group {
  name: string;
  /** The lazy modules (dynamic imports) whose code the group holds. */
  roots: RegExp[];
  /** Whether the roots themselves join the chunk (else each stays its own chunk, importing the group's). */
  withRoots: boolean;
}

export const GROUPS: Group[] = [
  { name: 'signed-in', roots: [/[\\/]src[\\/]app[\\/]layout[\\/]SignedIn\.tsx$/, /[\\/]src[\\/]modules[\\/]home[\\/]RecentTracker\.tsx$/, /[\\/]src[\\/]modules[\\/]help[\\/]HelpMenu\.tsx$/], withRoots: false },
  { name: 'home', roots: [/[\\/]src[\\/]modules[\\/]home[\\/]HomePage\.tsx$/, /[\\/]src[\\/]modules[\\/]home[\\/]widgets[\\/][^\\/]+\.tsx$/], withRoots: false },
];
const STRINGS = /[\\/](?:[\w-]+\.)?i18n\.ts\?(?:language|copy)=(en|vi)$/;
const STRINGS_PART = /[\\/]i18n\.(en|vi)\.ts$/;
/**
 * Strings loaded without the others: the header's help menu (with the shell), the home page's and its widgets'
 * (the tasks module's "My tasks"), app/router.tsx and registry.ts. In the group they would bring all of it along.
 */
const EARLY_STRINGS = /[\\/]src[\\/]modules[\\/](?:help|home|tasks)[\\/]i18n\.ts\?(?:language|copy)=/;

/**
 * `codeSplitting.groups[].name`: the group chunk `id` belongs in, or null (automatic chunking). `cache` lives for
 * one build.
 */
export function chunkGroup(id: string, ctx: Context, cache: Map<string, Set<string>> = new Map()): string | null {
  const strings = STRINGS.exec(id);
  if (strings) return EARLY_STRINGS.test(id) ? null : `strings-${strings[1]}`;
  // A language of a strings file kept in a file of its own (contacts/i18n.en.ts), when only a copy loads it.
  const part = STRINGS_PART.exec(id);
  const importers = part ? ctx.getModuleInfo(id)?.importers ?? [] : [];
  if (part && importers.length && importers.every((i) => STRINGS.exec(i)?.[1] === part[1])) return `strings-${part[1]}`;
  const roots = rootsOf(id, ctx, cache);
  if (!roots.size || roots.has('')) return null;
  const isRoot = roots.has(id);
  const group = GROUPS.find((g) => [...roots].every((r) => g.roots.some((re) => re.test(r))));
  if (!group || (isRoot && !group.withRoots)) return null;
  return group.name;
}

/**
 * The lazy modules (dynamically imported somewhere) from which `id` is loaded, through static imports; `''` among
 * them when the entry loads it statically.
 */
function rootsOf(id: string, ctx: Context, cache: Map<string, Set<string>>): Set<string> {
  const known = cache.get(id);
  if (known) return known;
  const roots = new Set<string>();
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length) {
    const m = queue.pop()!;
    const info = ctx.getModuleInfo(m);
    if (!info) continue;
    if (info.dynamicImporters.length) roots.add(m);
    if (!info.importers.length && !info.dynamicImporters.length) roots.add('');
    for (const importer of info.importers) {
      if (seen.has(importer)) continue;
      seen.add(importer);
      queue.push(importer);
    }
  }
  cache.set(id, roots);
  return roots;
}
