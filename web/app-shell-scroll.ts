/**
 * Vite plugin: Mantine's AppShell header, aside and footer import `react-remove-scroll` only to read the class names
 * `RemoveScroll.classNames.zeroRight|fullWidth` (so a scroll lock offsets them as it offsets the body). Importing
 * them brings the whole scroll-lock library (`RemoveScroll` and its side car, ~4 KiB gzip) into every signed-in
 * page's first load, long before any modal needs it. For the AppShell's files, this resolves the import to the same
 * names from `react-remove-scroll-bar/constants` (where `react-remove-scroll` takes them); modals and drawers keep
 * the real library.
 */
import type { Plugin } from 'vite';

const NAMES = '\0kith:remove-scroll-class-names';
const APP_SHELL = /@mantine[\\/]core[\\/]esm[\\/]components[\\/]AppShell[\\/]/;

export function appShellScrollNames(): Plugin {
  return {
    name: 'kith:app-shell-scroll-names',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === 'react-remove-scroll' && importer && APP_SHELL.test(importer) ? NAMES : null;
    },
    load(id) {
      if (id !== NAMES) return null;
      return [
        "import { fullWidthClassName, zeroRightClassName } from 'react-remove-scroll-bar/constants';",
        'export const RemoveScroll = { classNames: { fullWidth: fullWidthClassName, zeroRight: zeroRightClassName } };',
        '',
      ].join('\n');
    },
  };
}
