/**
 * The part of i18next the app uses, in the production build (web/vite.config.ts aliases `i18next` to this file):
 * nested keys, `{{placeholders}}`, plurals by `count` (`key_one`, `key_other`, by Intl.PluralRules), `defaultValue`,
 * one fallback language, resource bundles added at run time, `exists`, `getFixedT`, `changeLanguage` with its
 * `languageChanged` event. i18next itself is ~15 KiB of every page's first load; this is under 1 KiB. The dev server
 * and the unit tests use the real one; lite.test.ts checks that both give the same text for every string of the app.
 */
type Tree = { [key: string]: unknown };
export type TOptions = { [key: string]: unknown } & { count?: unknown; defaultValue?: unknown; lng?: string };
export type TFunction = (key: string | string[], options?: TOptions) => string;
type Listener = (...args: unknown[]) => void;
export interface InitOptions {
  resources?: Record<string, Record<string, Tree>>;
  lng?: string;
  fallbackLng?: string;
}
interface Plugin {
  type: string;
  init(instance: I18n): void;
}

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(target: Tree, source: Tree, deep: boolean, overwrite: boolean): void {
  for (const [k, v] of Object.entries(source)) {
    const old = target[k];
    if (deep && isTree(old) && isTree(v)) merge(old, v, deep, overwrite);
    else if (overwrite || old === undefined) target[k] = deep && isTree(v) ? structuredClone(v) : v;
  }
}

const plurals = new Map<string, Intl.PluralRules>();
function pluralSuffix(lng: string, count: number): string {
  let rules = plurals.get(lng);
  if (!rules) plurals.set(lng, (rules = new Intl.PluralRules(lng)));
  return `_${rules.select(count)}`;
}

function get(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) {
    if (!isTree(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** `{{name}}` (or `{{a.b}}`) from `data`; a placeholder the data does not name stays as it is, as in i18next. */
function interpolate(text: string, data: TOptions): string {
  return text.replace(/\{\{(.+?)\}\}/g, (match, raw: string) => {
    const name = raw.trim();
    const value = name in data ? data[name] : get(data, name);
    if (value === undefined || value === null) return Object.prototype.hasOwnProperty.call(data, name) ? '' : match;
    return String(value);
  });
}

export class I18n {
  language = 'en';
  languages: string[] = ['en'];
  isInitialized = false;
  private fallbackLng = 'en';
  private store: Record<string, Record<string, Tree>> = {};
  private listeners = new Map<string, Set<Listener>>();

  use(plugin: Plugin): this {
    plugin.init(this);
    return this;
  }

  init(options: InitOptions = {}): Promise<TFunction> {
    for (const [lng, namespaces] of Object.entries(options.resources ?? {})) {
      for (const [ns, tree] of Object.entries(namespaces)) this.addResourceBundle(lng, ns, tree, true, true);
    }
    this.fallbackLng = options.fallbackLng ?? 'en';
    this.setLanguage(options.lng ?? this.fallbackLng);
    this.isInitialized = true;
    this.emit('initialized', options);
    return Promise.resolve(this.t);
  }

  on(event: string, listener: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  private emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.forEach((l) => l(...args));
  }

  private setLanguage(lng: string): void {
    this.language = lng;
    this.languages = lng === this.fallbackLng ? [lng] : [lng, this.fallbackLng];
  }

  changeLanguage(lng?: string): Promise<TFunction> {
    if (lng && lng !== this.language) {
      this.setLanguage(lng);
      this.emit('languageChanged', lng);
    }
    return Promise.resolve(this.t);
  }

  addResourceBundle(lng: string, ns: string, resources: Tree, deep = false, overwrite = false): this {
    const namespaces = (this.store[lng] ??= {});
    merge((namespaces[ns] ??= {}), resources, deep, overwrite);
    this.emit('added', lng, ns);
    return this;
  }

  /** The string of `key` in `lng` or the fallback language, plural by `count`; undefined when there is none. */
  private find(keys: string[], options: TOptions): string | undefined {
    const lng = options.lng ?? this.language;
    const lngs = lng === this.fallbackLng ? [lng] : [lng, this.fallbackLng];
    const count = options.count;
    for (const key of keys) {
      for (const l of lngs) {
        const tree = this.store[l]?.translation;
        const candidates = typeof count === 'number' ? [key + pluralSuffix(l, count), key] : [key];
        for (const c of candidates) {
          const value = get(tree, c);
          if (typeof value === 'string') return value;
          if (value !== undefined && value !== null) return `key '${c} (${lng})' returned an object instead of string.`;
        }
      }
    }
    return undefined;
  }

  exists = (key: string | string[], options: TOptions & { fallbackLng?: unknown } = {}): boolean => {
    const keys = Array.isArray(key) ? key : [key];
    if (options.fallbackLng === false) {
      const tree = this.store[options.lng ?? this.language]?.translation;
      return keys.some((k) => typeof get(tree, k) === 'string');
    }
    return this.find(keys, options) !== undefined;
  };

  t: TFunction = (key, options = {}) => {
    const keys = Array.isArray(key) ? key : [key];
    const found = this.find(keys, options);
    if (found !== undefined) return interpolate(found, options);
    if (options.defaultValue !== undefined) return interpolate(String(options.defaultValue), options);
    return keys[keys.length - 1] ?? '';
  };

  getFixedT(lng: string): TFunction {
    return (key, options = {}) => this.t(key, { ...options, lng });
  }
}

export function createInstance(): I18n {
  return new I18n();
}

const i18n = new I18n();
export default i18n;
