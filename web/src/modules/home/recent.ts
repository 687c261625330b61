/**
 * "My recent records": record pages the user opened, kept in this browser (localStorage, one list per user, newest
 * first, at most MAX). Nothing on the server tracks views; opening a record is also how one changes it.
 *
 * @example recordOfPath('/contacts/0193ab…') → { kind: 'contact', id: '0193ab…', path: '/contacts/0193ab…' }
 */
export interface RecentRecord {
  kind: 'contact' | 'company' | 'record';
  id: string;
  /** The engine object's API name (deals, leads, a custom object) when kind is 'record'. */
  object?: string;
  path: string;
  /** When it was last opened (ISO). */
  at: string;
}

export const MAX_RECENT = 12;
const ID = '([0-9A-Za-z][0-9A-Za-z_-]{7,63})';
const patterns: [RegExp, (m: RegExpMatchArray) => Omit<RecentRecord, 'path' | 'at'>][] = [
  [new RegExp(`^/contacts/${ID}$`), (m) => ({ kind: 'contact', id: m[1]! })],
  [new RegExp(`^/companies/${ID}$`), (m) => ({ kind: 'company', id: m[1]! })],
  [new RegExp(`^/objects/([a-z][a-z0-9_]*)/${ID}$`), (m) => ({ kind: 'record', object: m[1]!, id: m[2]! })],
  // Standard objects with pages of their own (deals, leads, tickets…) at /<object>/<id>.
  [new RegExp(`^/(deals|leads|tickets|tasks|campaigns)/${ID}$`), (m) => ({ kind: 'record', object: m[1]!, id: m[2]! })],
];
const NOT_IDS = new Set(['new', 'kanban', 'board', 'merge', 'import', 'settings']);

/** The record a path shows, or null when it is not a record page. */
export function recordOfPath(pathname: string, now = new Date()): RecentRecord | null {
  const path = pathname.replace(/\/+$/, '');
  for (const [re, make] of patterns) {
    const m = path.match(re);
    if (!m) continue;
    const r = make(m);
    if (NOT_IDS.has(r.id)) return null;
    return { ...r, path, at: now.toISOString() };
  }
  return null;
}

/** `list` with `r` moved (or added) to the front, at most MAX_RECENT long. */
export function remember(list: RecentRecord[], r: RecentRecord): RecentRecord[] {
  return [r, ...list.filter((x) => x.path !== r.path)].slice(0, MAX_RECENT);
}

const storageKey = (userId: string) => `kith.home.recent.${userId}`;

export function readRecent(userId: string): RecentRecord[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(raw) ? (raw as RecentRecord[]).filter((r) => r && typeof r.path === 'string' && typeof r.id === 'string') : [];
  } catch {
    return [];
  }
}

export function writeRecent(userId: string, list: RecentRecord[]): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(list));
  } catch {
    // Storage full or disabled (private window): the widget just stays empty.
  }
}

/** Removes a record that no longer opens (deleted, or no longer visible to the user). */
export function forgetRecent(userId: string, path: string): void {
  writeRecent(userId, readRecent(userId).filter((r) => r.path !== path));
}
