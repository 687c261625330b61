/** Pure helpers for personal-data export. */

/** Neutralises spreadsheet formulas (= + - @ tab CR at the start) so a CSV cannot run code when opened. */
export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** CSV text (RFC 4180 quoting) of rows with the given columns; every cell neutralised. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map(quote).join(',')];
  for (const r of rows) lines.push(columns.map((c) => quote(safeCell(r[c]))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Name of an attachment inside the export zip: unique by id, no path separators. */
export function zipEntryName(id: string, filename: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return `attachments/${id}-${filename.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}`;
}

/** The placeholder an erased contact keeps as its name. */
export const ERASED_NAME = 'Erased contact';
