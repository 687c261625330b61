/**
 * Streaming export writers: CSV (csv-stringify, optional BOM), XLSX (exceljs WorkbookWriter) and vCard 4.0.
 * The CSV/XLSX column layout follows Google Contacts' numbered columns, so an export imports back as is.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { loadExcel } from './xlsx-reader.js';

/** The fields an export needs of one contact (the presented wire shape). */
export interface ExportContact {
  id: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string;
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

/** Header row of a contact export; custom fields come last as `custom.<key>`. */
export function exportHeaders(customKeys: string[]): string[] {
  return [
    'First Name', 'Last Name', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Labels',
    ...Array.from({ length: SLOTS }, (_, i) => [`E-mail ${i + 1} - Label`, `E-mail ${i + 1} - Value`]).flat(),
    ...Array.from({ length: SLOTS }, (_, i) => [`Phone ${i + 1} - Label`, `Phone ${i + 1} - Value`]).flat(),
    ...Array.from({ length: ADDRESS_SLOTS }, (_, i) => [`Address ${i + 1} - Label`, ...ADDRESS_PARTS.map(([, h]) => `Address ${i + 1} - ${h}`)]).flat(),
    ...SOCIAL.map(([, h]) => h), 'Lifecycle Stage', 'Source', 'External ID', 'Owner', 'Kith ID',
    ...customKeys.map((k) => `custom.${k}`),
  ];
}

/** Primary first, then stored order; values beyond the last slot share it, joined by ' ::: '. */
function slots<T>(items: T[], primary: (t: T) => boolean, n: number): T[][] {
  const ordered = [...items.filter(primary), ...items.filter((t) => !primary(t))];
  return Array.from({ length: n }, (_, i) => (i < n - 1 ? ordered.slice(i, i + 1) : ordered.slice(i)));
}

function customText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(String).join(' ::: ');
  return String(v);
}

/** One contact as export cells, in exportHeaders order. */
export function exportCells(c: ExportContact, customKeys: string[]): string[] {
  const emails = slots(c.emails, (e) => e.primary, SLOTS).flatMap((s) => [s[0]?.label ?? '', s.map((e) => e.address).join(' ::: ')]);
  const phones = slots(c.phones, (p) => p.primary, SLOTS).flatMap((s) => [s[0]?.label ?? '', s.map((p) => p.number).join(' ::: ')]);
  const addresses = Array.from({ length: ADDRESS_SLOTS }, (_, i) => {
    const a = c.addresses[i];
    return [a?.label ?? '', ...ADDRESS_PARTS.map(([k]) => a?.[k] ?? '')];
  }).flat();
  return [
    c.givenName ?? '', c.familyName ?? '', c.company?.name ?? '', c.jobTitle ?? '', c.department ?? '', c.birthday ?? '', c.tags.join(' ::: '),
    ...emails, ...phones, ...addresses, ...SOCIAL.map(([k]) => c.social[k] ?? ''),
    c.lifecycleStage, c.source ?? '', c.externalId ?? '', c.owner?.name ?? '', c.id,
    ...customKeys.map((k) => customText(c.custom[k])),
  ];
}

/**
 * Formula neutralisation: a cell that a spreadsheet would run (= + - @, tab, CR) gets a leading apostrophe.
 * Example: neutralise('=HYPERLINK("x")') → "'=HYPERLINK(\"x\")"; the importer strips it again.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvStream(rows: AsyncIterable<string[]>, opts: { bom: boolean }): Readable {
  const out = stringify({ bom: opts.bom, record_delimiter: '\r\n', quoted_match: /[\r\n",]/ });
  Readable.from(rows).on('error', (e) => out.destroy(e)).pipe(out);
  return out;
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

// ───────────── vCard 4.0 ─────────────

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '').replace(/,/g, '\\,').replace(/;/g, '\\;');
const TYPES: Record<string, string> = { mobile: 'cell', work: 'work', home: 'home', fax: 'fax', main: 'voice', pager: 'pager', other: 'voice' };

/** Folds a content line at 75 octets (RFC 6350 §3.2) without splitting a character. */
export function foldLine(line: string): string {
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
  if (c.birthday) lines.push(`BDAY:${c.birthday.replace(/-/g, '')}`);
  if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map(esc).join(',')}`);
  if (c.social.website) lines.push(`URL:${esc(c.social.website)}`);
  if (c.externalId) lines.push(`UID:${esc(c.externalId)}`);
  lines.push(`X-KITH-ID:${c.id}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function vcardStream(contacts: AsyncIterable<ExportContact>): Readable {
  return Readable.from((async function* () {
    for await (const c of contacts) yield vcard(c);
  })());
}
