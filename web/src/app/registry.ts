/**
 * What a web module contributes to the shell. Each module under web/src/modules/<name> exports one
 * `WebModule`; web/src/app/modules.ts lists them. Adding a module touches that one list.
 *
 * @example
 *   export const contactsModule: WebModule = {
 *     key: 'contacts',
 *     routes: [{ path: 'contacts', element: <ContactsPage /> }],
 *     nav: [{ key: 'contacts', label: 'nav.contacts', path: '/contacts', icon: IconUsers, order: 20,
 *             visible: (u) => can(u, 'contacts') }],
 *     search: [{ key: 'contacts', group: 'nav.contacts', search: async (q, signal) => [...] }],
 *   };
 */
import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { TimelineItem } from '../../../contracts/activities';
import type { SessionUser } from './session';
import { loadTranslations } from './translations';

export type Icon = ComponentType<{ size?: number | string; stroke?: number }>;
type Visible = (user: SessionUser) => boolean;

/** A link in the sidebar (and a "go to" action in the palette). `label` is an i18n key. */
export interface NavItem {
  key: string;
  label: string;
  path: string;
  icon: Icon;
  /** Position in the sidebar; lower first. Home is 0, Settings 1000. */
  order: number;
  visible?: Visible;
}

/** A section of the Settings area, rendered at /settings/<path>. */
export interface SettingsSection {
  key: string;
  label: string;
  description?: string;
  path: string;
  icon: Icon;
  order: number;
  /** Routes under /settings/<path>: index page first, nested pages after. */
  routes: RouteObject[];
  visible?: Visible;
}

/** Context handed to palette actions when run. */
export interface PaletteContext {
  navigate: (to: string) => void;
  user: SessionUser;
}

/** A command in the palette (Ctrl/Cmd+K). `label` and `description` are i18n keys. */
export interface PaletteAction {
  id: string;
  label: string;
  description?: string;
  icon?: Icon;
  keywords?: string[];
  visible?: Visible;
  run: (ctx: PaletteContext) => void;
}

/** One row found by an async palette search. Text is already user data, not an i18n key. */
export interface PaletteResult {
  id: string;
  label: string;
  description?: string;
  path: string;
  icon?: ReactNode;
}

/** Searches records as the user types in the palette (queries of 2+ characters, debounced). */
export interface PaletteSearchProvider {
  key: string;
  /** i18n key of the group title shown above this provider's results. */
  group: string;
  visible?: Visible;
  search: (query: string, signal: AbortSignal) => Promise<PaletteResult[]>;
}

/**
 * Sidebar entries a module computes at run time (e.g. one link per custom object): a component rendered
 * below the static links, given the same "is this path active" test they use.
 */
export type SidebarSection = ComponentType<{ isActive: (path: string) => boolean }>;

/**
 * A module's strings, registered under `key` (`t('<key>.…')`) when first needed (app/translations.ts), never with
 * the sign-in page: every page but the home page waits for every module's strings before it renders (router.tsx),
 * the home page for its own and its widgets' modules' strings, the signed-in shell for those marked `withShell`.
 * The sidebar's labels are the shell's own strings (web/src/i18n, `nav.*`), so the home page opens without the rest.
 */
export interface ModuleTranslations {
  key: string;
  load: () => Promise<{ en: object; vi: object }>;
  /** The strings of the header's items (the help menu): they load with the signed-in shell. */
  withShell?: boolean;
}

/**
 * A card on the home page. Its code is loaded when the home page renders it (never in the home chunk), inside its
 * own Suspense and error boundary, so one failing widget leaves the others standing.
 *
 * @example home: [{ key: 'my-tasks', order: 10, size: 'half', visible: (u) => can(u, 'tasks'),
 *                   load: () => import('./MyTasksWidget') }]
 */
export interface HomeWidget {
  key: string;
  /** Position on the home page; lower first. */
  order: number;
  /** 'full' spans the whole row on wide screens; 'half' (default) shares it. Both are full width on phones. */
  size?: 'full' | 'half';
  visible?: Visible;
  load: () => Promise<{ default: ComponentType }>;
}

/** The pages a RecordCard may sit on. */
export type RecordCardEntity = 'contact' | 'company';

/**
 * A card another module adds to the contact and company pages (the commerce module's purchases), in their main
 * column above the related records. Loaded when the page renders it, in its own Suspense and error boundary.
 *
 * @example recordCards: [{ key: 'purchases', order: 10, entities: ['contact', 'company'], load: () => import('./PurchasesCard') }]
 */
export interface RecordCard {
  key: string;
  /** Position among the cards; lower first. */
  order: number;
  entities: RecordCardEntity[];
  visible?: Visible;
  /** Objects the card already lists for the record (`['orders', 'invoices']`): the page's related records leave them out. */
  covers?: string[];
  load: () => Promise<{ default: ComponentType<{ entity: RecordCardEntity; id: string }> }>;
}

/**
 * How the contact and company timelines draw an item type another module adds (tasks' `task_record`, deals' `deal`):
 * the badge's words and a body loaded when such an item shows (never in the shell's chunk). A type without one is
 * drawn generically (its data in words); a body that fails falls back to that too.
 *
 * @example timelineItems: { task_record: { label: 'tasks.timeline.badge', load: () => import('./TimelineItem') } }
 */
export interface TimelineItemView {
  /** i18n key of the item's badge. */
  label: string;
  /** The item's icon and colour (a Mantine colour name); a sparkle in violet when left out. */
  icon?: Icon;
  color?: string;
  /** The body under the badge: its own headline (the item's title is not repeated) and details. */
  load: () => Promise<{ default: ComponentType<{ item: TimelineItem }> }>;
}

export interface WebModule {
  key: string;
  /** Pages inside the signed-in layout; paths are relative to '/'. */
  routes?: RouteObject[];
  /** Pages outside the layout and without a session (sign-in, password reset). */
  publicRoutes?: RouteObject[];
  nav?: NavItem[];
  settings?: SettingsSection[];
  palette?: PaletteAction[];
  search?: PaletteSearchProvider[];
  sidebar?: SidebarSection[];
  /** Buttons in the header, left of the notification bell (the help menu). */
  header?: ComponentType[];
  /** Strings of the module's signed-in screens, e.g. `[{ key: 'contacts', load: () => import('./i18n') }]`. */
  translations?: ModuleTranslations[];
  /** Cards of the home page (see HomeWidget); each loads its module's strings with its code. */
  home?: HomeWidget[];
  /**
   * Its pages use only its own strings and the shell's: they open without waiting for every module's (the home
   * page, so that its first load stays small: scripts/web-budgets.json).
   */
  ownStrings?: boolean;
  /** Cards of the contact and company pages (see RecordCard). */
  recordCards?: RecordCard[];
  /** Timeline item types this module draws on the contact and company pages, by type (see TimelineItemView). */
  timelineItems?: Record<string, TimelineItemView>;
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
const shown = <T extends { visible?: Visible }>(user: SessionUser) => (x: T) => !x.visible || x.visible(user);

/** Read-side helpers over the module list, so components never loop over modules themselves. */
export function createRegistry(modules: WebModule[]) {
  const keys = new Set<string>();
  for (const m of modules) {
    if (keys.has(m.key)) throw new Error(`web module "${m.key}" is listed twice`);
    keys.add(m.key);
  }
  // A widget's code comes with its module's strings (the home page does not wait for every module's). Built once:
  // the home page keeps each widget's loaded component by the widget object (WidgetSlot.tsx).
  const widgets = modules.flatMap((m) => (m.home ?? []).map((w): HomeWidget => (m.translations?.length
    ? { ...w, load: () => Promise.all([w.load(), loadTranslations(m.translations!)]).then(([c]) => c) }
    : w)));
  const timelineItems = new Map<string, TimelineItemView>();
  for (const m of modules) {
    for (const [type, view] of Object.entries(m.timelineItems ?? {})) {
      if (timelineItems.has(type)) throw new Error(`timeline item type "${type}" is drawn by two web modules`);
      timelineItems.set(type, view);
    }
  }
  return {
    modules,
    has: (key: string) => keys.has(key),
    routes: () => modules.flatMap((m) => m.routes ?? []),
    publicRoutes: () => modules.flatMap((m) => m.publicRoutes ?? []),
    nav: (user: SessionUser) => modules.flatMap((m) => m.nav ?? []).filter(shown(user)).sort(byOrder),
    /**
     * The sidebar entry a path belongs to (longest matching path, Home excluded), whether or not the user may see
     * it: a page under an entry the user may not see answers "You don't have access" (layout/AccessGate.tsx).
     */
    navFor: (pathname: string) =>
      modules.flatMap((m) => m.nav ?? [])
        .filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(`${n.path}/`)))
        .sort((a, b) => b.path.length - a.path.length)[0],
    settings: (user: SessionUser) => modules.flatMap((m) => m.settings ?? []).filter(shown(user)).sort(byOrder),
    allSettings: () => modules.flatMap((m) => m.settings ?? []).sort(byOrder),
    palette: (user: SessionUser) => modules.flatMap((m) => m.palette ?? []).filter(shown(user)),
    search: (user: SessionUser) => modules.flatMap((m) => m.search ?? []).filter(shown(user)),
    sidebar: () => modules.flatMap((m) => m.sidebar ?? []),
    header: () => modules.flatMap((m) => m.header ?? []),
    translations: () => modules.flatMap((m) => m.translations ?? []),
    /** The strings the signed-in shell waits for (ModuleTranslations.withShell). */
    shellTranslations: () => modules.flatMap((m) => m.translations ?? []).filter((t) => t.withShell),
    /** The home page's widgets the user may see, in order. */
    homeWidgets: (user: SessionUser) => widgets.filter(shown(user)).sort(byOrder),
    /** The cards of a contact's or company's page the user may see, in order. */
    recordCards: (user: SessionUser, entity: RecordCardEntity) =>
      modules.flatMap((m) => m.recordCards ?? []).filter((c) => c.entities.includes(entity)).filter(shown(user)).sort(byOrder),
    /** The objects the user's cards of a contact's or company's page cover (RecordCard.covers), each once. */
    coveredObjects: (user: SessionUser, entity: RecordCardEntity) =>
      [...new Set(modules.flatMap((m) => m.recordCards ?? []).filter((c) => c.entities.includes(entity)).filter(shown(user)).flatMap((c) => c.covers ?? []))],
    /** How a timeline item type from another module is drawn, if a module contributes a view for it. */
    timelineItem: (type: string): TimelineItemView | undefined => timelineItems.get(type),
  };
}

export type Registry = ReturnType<typeof createRegistry>;
