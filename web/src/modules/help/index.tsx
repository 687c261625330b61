/**
 * The user guide in the app: a question mark in the header lists the guide's pages in the user's language
 * (HelpMenu), /help lists them all and /help/:slug shows one, rendered by the server from docs/guide (module `help`).
 */
import { lazy, Suspense } from 'react';
import { IconHelp } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';

const pages = () => import('./pages');
// The menu loads with the signed-in shell, not with the sign-in page (whose JavaScript has a budget).
const LazyHelpMenu = lazy(() => import('./HelpMenu').then((m) => ({ default: m.HelpMenu })));

function HelpMenu() {
  return <Suspense fallback={null}><LazyHelpMenu /></Suspense>;
}

export const helpModule: WebModule = {
  key: 'help',
  // With the shell: the header's help menu shows them on every page.
  translations: [{ key: 'help', load: () => import('./i18n'), withShell: true }],
  routes: [
    { path: 'help', element: lazyPage(pages, 'GuideIndexPage') },
    { path: 'help/:slug', element: lazyPage(pages, 'GuidePage') },
  ],
  header: [HelpMenu],
  palette: [
    { id: 'help', label: 'help.paletteOpen', icon: IconHelp, keywords: ['help', 'guide', 'how', 'trợ giúp', 'hướng dẫn'], run: ({ navigate }) => navigate('/help') },
  ],
};
