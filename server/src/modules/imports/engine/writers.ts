/**
 * Streaming export writers: CSV (own field encoder, optional BOM; csv-stringify for the failed-rows file),
 * XLSX (exceljs WorkbookWriter) and vCard 4.0, fed with batches of rows. The contact CSV/XLSX layout follows
 * Google Contacts' numbered columns, so an export imports back as is (companies: company-writers.ts).
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { displayPersonName, type NameOrder } from '../../../../../contracts/person-names.js';
import { loadExcel } from './xlsx-reader.js';

/** The fields an export needs of one contact (the presented wire shape). */
export interface ExportContact {
  id: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string;
  /** The order the name is written in (the contact's own, else detected); absent: detected from the parts. */
  effectiveNameOrder?: NameOrder | undefined;
  emails: { address: string; label: string | null; primary: boolean }[];
  phones: { number: string; label: string | null; primary: boolean }[];
  addresses: { label?: string | null | undefined; street?: string | null | undefined; city?: string | null | undefined; region?: string | null | undefined; postalCode?: string | null | undefined; country?: string | null | undefined }[];
  social: Record<string, string | null | undefined>;
  jobTitle: string | null;
  department: string | null;
  birthday: string | null;
  company: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  tags: string[];
  lifecycleStage: string;
  source: string | null;
  externalId: string | null;
  custom: Record<string, unknown>;
}

const SLOTS = 3;
const ADDRESS_SLOTS = 2;
const ADDRESS_PARTS = [['street', 'Street'], ['city', 'City'], ['region', 'Region'], ['postalCode', 'Postal Code'], ['country', 'Country']] as const;
const SOCIAL = [['website', 'Website'], ['linkedin', 'LinkedIn'], ['facebook', 'Facebook'], ['zalo', 'Zalo'], ['x', 'X (Twitter)']] as const;

/**
 * Header row of a contact export; custom fields come last as `custom.<key>`. `Full Name` is the name in its own
 * order (family first for a Vietnamese name: "Nguyễn Thị Lan"; "Henry Walker"); an import reads it only when
 * the first and last names are empty, so the file still imports back as is.
 */
export function exportHeaders(customKeys: string[]): string[] {
  return [
    'First Name', 'Last Name', 'Full Name', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Labels',
    ...Array.from({ length: SLOTS }, (_, i) => [`E-mail ${i + 1} - Label`, `E-mail ${i + 1} - Value`]).flat(),
    ...Array.from({ length: SLOTS }, (_, i) => [`Phone ${i + 1} - Label`, `Phone ${i + 1} - Value`]).flat(),
    ...Array.from({ length: ADDRESS_SLOTS }, (_, i) => [`Address ${i + 1} - Label`, ...ADDRESS_PARTS.map(([, h]) => `Address ${i + 1} - ${h}`)]).flat(),
    ...SOCIAL.map(([, h]) => h), 'Lifecycle Stage', 'Source', 'External ID', 'Owner', 'Kith ID',
    ...customKeys.map((k) => `custom.${k}`),
  ];
}

/**
 * Primary first, then stored order, into `n` label/value slot pairs appended to `out`; values beyond the
 * last slot share it, joined by ' ::: '. Written as loops: it runs for every exported row.
 */
export function pushSlots<T extends { label?: string | null | undefined; primary: boolean }>(out: string[], items: T[], value: (t: T) => string, n: number): void {
  let ordered = items;
  if (items.length > 1) {
    let other = false;
    let sorted = true;
    for (const t of items) {
      if (!t.primary) other = true;
      else if (other) sorted = false;
    }
    if (!sorted) ordered = [...items.filter((t) => t.primary), ...items.filter((t) => !t.primary)];
  }
  for (let i = 0; i < n; i++) {
    const first = ordered[i];
    out.push(first?.label ?? '');
    if (i < n - 1 || ordered.length <= n) out.push(first ? value(first) : '');
    else out.push(ordered.slice(i).map(value).join(' ::: '));
  }
}

function customText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(String).join(' ::: ');
  return String(v);
}

/** Address label + parts into `out`, `n` slots. */
export function pushAddresses(out: string[], addresses: ExportContact['addresses'], n: number): void {
  for (let i = 0; i < n; i++) {
    const a = addresses[i];
    out.push(a?.label ?? '');
    for (const [k] of ADDRESS_PARTS) out.push(a?.[k] ?? '');
  }
}

export function pushCustom(out: string[], custom: Record<string, unknown>, customKeys: string[]): void {
  for (const k of customKeys) out.push(customText(custom[k]));
}

const email = (e: { address: string }) => e.address;
const phone = (p: { number: string }) => p.number;
export { SLOTS, ADDRESS_SLOTS, ADDRESS_PARTS };

/** One contact as export cells, in exportHeaders order. */
export function exportCells(c: ExportContact, customKeys: string[]): string[] {
  const fullName = displayPersonName({ givenName: c.givenName, familyName: c.familyName, order: c.effectiveNameOrder });
  const out: string[] = [c.givenName ?? '', c.familyName ?? '', fullName, c.company?.name ?? '', c.jobTitle ?? '', c.department ?? '', c.birthday ?? '', c.tags.join(' ::: ')];
  pushSlots(out, c.emails, email, SLOTS);
  pushSlots(out, c.phones, phone, SLOTS);
  pushAddresses(out, c.addresses, ADDRESS_SLOTS);
  for (const [k] of SOCIAL) out.push(c.social[k] ?? '');
  out.push(c.lifecycleStage, c.source ?? '', c.externalId ?? '', c.owner?.name ?? '', c.id);
  pushCustom(out, c.custom, customKeys);
  return out;
}

/** A plus sign and digits only (an E.164 phone number): a spreadsheet reads it as a number, never a formula. */
const E164 = /^\+\d{1,20}$/;

/**
 * Formula neutralisation: a cell that a spreadsheet would run (= + - @, tab, CR) gets a leading apostrophe,
 * except a plus sign followed only by digits (an E.164 phone number: it cannot carry a formula, and other tools
 * would keep the apostrophe as part of the number). Example: neutralise('=HYPERLINK("x")') → "'=HYPERLINK(\"x\")",
 * neutralise('+84912345678') → '+84912345678'; the importer strips the apostrophe again.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !E164.test(cell) ? `'${cell}` : cell;
}

const NEEDS_QUOTES = /[\r\n",]/;
const QUOTE = /"/g;

/**
 * One CSV field: neutralised, then quoted (quotes doubled) when it holds CR, LF, a quote or a comma —
 * byte for byte what csv-stringify writes with csvStream's options (checked by writers.test.ts).
 */
export function csvField(cell: string): string {
  if (cell === '') return '';
  const c = cell.charCodeAt(0);
  // = + - @ tab CR
  const v = c === 61 || (c === 43 && !E164.test(cell)) || c === 45 || c === 64 || c === 9 || c === 13 ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(QUOTE, '""')}"` : v;
}

/**
 * One CSV record (without its CRLF) of neutralised fields. Encodes `cells` in place and joins them: one flat
 * string, where `+=` per field would build a rope that costs more to flatten than the fields to encode.
 */
export function csvRecord(cells: string[]): string {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell !== '') cells[i] = csvField(cell);
  }
  return cells.join(',');
}

export function csvStream(rows: AsyncIterable<string[]>, opts: { bom: boolean }): Readable {
  const out = stringify({ bom: opts.bom, record_delimiter: '\r\n', quoted_match: /[\r\n",]/ });
  Readable.from(rows).on('error', (e) => out.destroy(e)).pipe(out);
  return out;
}

/**
 * An export as CSV: the header, then one string chunk per batch of records (not one stream chunk per row:
 * a million rows would otherwise cost a million promise hops). Fields are neutralised (csvField).
 */
export function csvBatchStream<T>(headers: string[], batches: AsyncIterable<T[]>, cells: (row: T) => string[], opts: { bom: boolean }): Readable {
  return Readable.from((async function* () {
    yield (opts.bom ? '\ufeff' : '') + csvRecord([...headers]) + '\r\n';
    for await (const batch of batches) {
      if (!batch.length) continue;
      const lines = new Array<string>(batch.length);
      for (let i = 0; i < batch.length; i++) lines[i] = csvRecord(cells(batch[i]!));
      yield lines.join('\r\n') + '\r\n';
    }
  })(), { objectMode: false, highWaterMark: 1 << 20 });
}

export function xlsxStream(rows: AsyncIterable<string[]>, sheetName = 'Contacts'): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const Excel = await loadExcel();
      const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const ws = wb.addWorksheet(sheetName);
      for await (const r of rows) ws.addRow(r).commit();
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

/** An export as XLSX (first sheet `sheetName`): the header row, then each row's neutralised cells. */
export function xlsxBatchStream<T>(headers: string[], batches: AsyncIterable<T[]>, cells: (row: T) => string[], sheetName: string): Readable {
  return xlsxStream((async function* () {
    yield headers;
    for await (const batch of batches) for (const row of batch) yield cells(row).map(neutralise);
  })(), sheetName);
}

// ───────────── vCard 4.0 ─────────────

export const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '').replace(/,/g, '\\,').replace(/;/g, '\\;');
const TYPES: Record<string, string> = { mobile: 'cell', work: 'work', home: 'home', fax: 'fax', main: 'voice', pager: 'pager', other: 'voice' };

/** Folds a content line at 75 octets (RFC 6350 §3.2) without splitting a character. */
export function foldLine(line: string): string {
  if (line.length <= 25 || (line.length <= 75 && Buffer.byteLength(line) <= 75)) return line;
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (parts.length ? 74 : 75)) {
      parts.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

export function vcard(c: ExportContact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${esc(c.displayName)}`, `N:${esc(c.familyName ?? '')};${esc(c.givenName ?? '')};;;`];
  const typeParam = (label: string | null | undefined, known: Record<string, string>) => (label && known[label] ? `;TYPE=${known[label]}` : '');
  for (const e of c.emails) lines.push(`EMAIL${typeParam(e.label, { work: 'work', home: 'home' })}${e.primary ? ';PREF=1' : ''}:${esc(e.address)}`);
  for (const p of c.phones) lines.push(`TEL;VALUE=uri${typeParam(p.label, TYPES)}${p.primary ? ';PREF=1' : ''}:tel:${p.number}`);
  for (const a of c.addresses) {
    lines.push(`ADR${typeParam(a.label, { work: 'work', home: 'home' })}:;;${[a.street, a.city, a.region, a.postalCode, a.country].map((x) => esc(x ?? '')).join(';')}`);
  }
  if (c.company) lines.push(`ORG:${esc(c.company.name)}${c.department ? `;${esc(c.department)}` : ''}`);
  if (c.jobTitle) lines.push(`TITLE:${esc(c.jobTitle)}`);
  // vCard 4 (RFC 6350 §4.3.1): '1990-07-21' → BDAY:19900721, a year-less '--07-21' → BDAY:--0721.
  if (c.birthday) lines.push(`BDAY:${c.birthday.startsWith('--') ? `--${c.birthday.slice(2).replace('-', '')}` : c.birthday.replace(/-/g, '')}`);
  if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map(esc).join(',')}`);
  if (c.social.website) lines.push(`URL:${esc(c.social.website)}`);
  if (c.externalId) lines.push(`UID:${esc(c.externalId)}`);
  lines.push(`X-KITH-ID:${c.id}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** vCard 4.0 cards, one string chunk per batch. */
export function vcardBatchStream<T>(batches: AsyncIterable<T[]>, card: (row: T) => string): Readable {
  return Readable.from((async function* () {
    for await (const batch of batches) {
      let text = '';
      for (const row of batch) text += card(row);
      yield text;
    }
  })(), { objectMode: false, highWaterMark: 1 << 20 });
}
