/**
 * The workspace's date and number formats (Settings › Workspace), as the formatting helpers read them.
 * The workspace module sets them when its settings load; they are kept in localStorage so the next page
 * load formats right from its first render. No imports: the sign-in page's shell may read it.
 *
 * @example
 *   setWorkspaceFormats({ datePattern: 'YYYY-MM-DD', decimal: '.' });
 *   workspaceDatePattern()   // 'YYYY-MM-DD'
 */
export interface WorkspaceFormats {
  /** dayjs tokens: 'DD/MM/YYYY', 'MM/DD/YYYY' or 'YYYY-MM-DD'; null follows the UI language. */
  datePattern: string | null;
  /** Decimal separator: ',' writes 1.234,5, '.' writes 1,234.5; null follows the UI language. */
  decimal: ',' | '.' | null;
}

const STORAGE_KEY = 'kith.workspaceFormats';
let current: WorkspaceFormats = read();

function read(): WorkspaceFormats {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null') as Partial<WorkspaceFormats> | null;
    return { datePattern: typeof v?.datePattern === 'string' ? v.datePattern : null, decimal: v?.decimal === ',' || v?.decimal === '.' ? v.decimal : null };
  } catch {
    return { datePattern: null, decimal: null };
  }
}

/** Sets the formats (and remembers them for the next load); returns whether they changed. */
export function setWorkspaceFormats(next: WorkspaceFormats): boolean {
  if (next.datePattern === current.datePattern && next.decimal === current.decimal) return false;
  current = { ...next };
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {}
  return true;
}

/** The workspace's date pattern, or null to follow the UI language. */
export function workspaceDatePattern(): string | null {
  return current.datePattern;
}

/** The workspace's decimal separator, or null to follow the UI language. */
export function workspaceDecimal(): ',' | '.' | null {
  return current.decimal;
}
