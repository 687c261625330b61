/**
 * vCard 2.1 / 3.0 / 4.0 reader. Cards become rows in the Google Contacts column layout, so the Google
 * preset maps them. Handles line unfolding, 2.1 bare parameters (TEL;CELL), QUOTED-PRINTABLE with
 * CHARSET and soft line breaks (Android exports), 3.0/4.0 escaping and 4.0 `tel:` URIs.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import iconv from 'iconv-lite';
import { decodeToText, type TextEncoding } from './encoding.js';
import type { SourceRow } from './source.js';

const SLOTS = 3;
const ADDRESS_SLOTS = 2;
const ADDRESS_PARTS = ['Street', 'City', 'Region', 'Postal Code', 'Country'] as const;

export const VCARD_HEADERS: readonly string[] = [
  'Full Name', 'First Name', 'Middle Name', 'Last Name', 'Name Prefix', 'Name Suffix', 'Nickname',
  'Organization Name', 'Organization Department', 'Organization Title', 'Birthday', 'Notes', 'Labels',
  ...Array.from({ length: SLOTS }, (_, i) => [`E-mail ${i + 1} - Label`, `E-mail ${i + 1} - Value`]).flat(),
  ...Array.from({ length: SLOTS }, (_, i) => [`Phone ${i + 1} - Label`, `Phone ${i + 1} - Value`]).flat(),
  ...Array.from({ length: ADDRESS_SLOTS }, (_, i) => [`Address ${i + 1} - Label`, ...ADDRESS_PARTS.map((p) => `Address ${i + 1} - ${p}`)]).flat(),
  'Website 1 - Value', 'UID',
];

export interface VProperty {
  name: string;
  params: Record<string, string[]>;
  /** Bare 2.1 parameters and TYPE values, lowercased. */
  types: string[];
  value: string;
}

/** Splits on a separator that is not backslash-escaped (and not inside double quotes when quoted=true). */
function splitUnescaped(s: string, sep: string, quoted = false): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length && !quoted) {
      cur += ch + s[i + 1];
      i++;
    } else if (quoted && ch === '"') {
      inQ = !inQ;
    } else if (ch === sep && !inQ) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unescapeText(s: string): string {
  return s.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Decodes QUOTED-PRINTABLE to bytes, then the bytes in the declared charset. */
export function decodeQuotedPrintable(s: string, charset = 'utf-8'): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '=' && i === s.length - 1) {
      // trailing soft break
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  const enc = iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(Buffer.from(bytes), enc).normalize('NFC');
}

/** Parses one unfolded content line, e.g. `item1.TEL;TYPE=CELL:+84 912 345 678`. */
export function parseProperty(line: string): VProperty | null {
  let colon = -1;
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQ = !inQ;
    else if (line[i] === ':' && !inQ) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [rawName, ...rawParams] = splitUnescaped(line.slice(0, colon), ';', true);
  const name = (rawName ?? '').replace(/^.*\./, '').toUpperCase();
  const params: Record<string, string[]> = {};
  const types: string[] = [];
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq < 0) {
      const bare = p.trim().toLowerCase();
      if (bare === 'quoted-printable' || bare === 'base64') params.ENCODING = [bare];
      else if (bare) types.push(bare);
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    const values = p.slice(eq + 1).replace(/"/g, '').split(',').map((v) => v.trim());
    params[key] = [...(params[key] ?? []), ...values];
    if (key === 'TYPE') types.push(...values.map((v) => v.toLowerCase()));
  }
  if (params.PREF) types.push('pref');
  let value = line.slice(colon + 1);
  const encoding = params.ENCODING?.[0]?.toLowerCase();
  if (encoding === 'quoted-printable') value = decodeQuotedPrintable(value, params.CHARSET?.[0] ?? 'utf-8');
  else if (encoding === 'b' || encoding === 'base64') value = '';
  return { name, params, types, value };
}

const LABELS: Record<string, string> = { cell: 'mobile', mobile: 'mobile', iphone: 'mobile', work: 'work', home: 'home', fax: 'fax', main: 'main', other: 'other', pager: 'pager' };
function labelOf(types: string[]): string {
  for (const t of types) if (LABELS[t]) return LABELS[t]!;
  return '';
}

/** Turns one card's properties into a row in VCARD_HEADERS order. */
export function cardToRow(props: VProperty[]): string[] {
  const cell = new Map<string, string>();
  const set = (h: string, v: string) => {
    if (v.trim() && !cell.get(h)) cell.set(h, v.trim());
  };
  const slotted = (kind: 'E-mail' | 'Phone', items: { label: string; value: string; pref: boolean }[]) => {
    // Preferred value first, so it becomes the primary one.
    items.sort((a, b) => Number(b.pref) - Number(a.pref));
    items.forEach((it, i) => {
      const slot = Math.min(i + 1, SLOTS);
      const key = `${kind} ${slot} - Value`;
      if (i < SLOTS) {
        cell.set(`${kind} ${slot} - Label`, it.label);
        cell.set(key, it.value);
      } else cell.set(key, `${cell.get(key)} ::: ${it.value}`);
    });
  };
  const emails: { label: string; value: string; pref: boolean }[] = [];
  const phones: { label: string; value: string; pref: boolean }[] = [];
  let addresses = 0;
  for (const p of props) {
    const parts = splitUnescaped(p.value, ';').map(unescapeText);
    const text = unescapeText(p.value);
    switch (p.name) {
      case 'FN': set('Full Name', text); break;
      case 'N':
        set('Last Name', parts[0] ?? ''); set('First Name', parts[1] ?? ''); set('Middle Name', parts[2] ?? '');
        set('Name Prefix', parts[3] ?? ''); set('Name Suffix', parts[4] ?? '');
        break;
      case 'NICKNAME': set('Nickname', text); break;
      case 'ORG': set('Organization Name', parts[0] ?? ''); set('Organization Department', parts[1] ?? ''); break;
      case 'TITLE': set('Organization Title', text); break;
      case 'BDAY': set('Birthday', text); break;
      case 'NOTE': set('Notes', text); break;
      case 'CATEGORIES': set('Labels', splitUnescaped(p.value, ',').map(unescapeText).join(' ::: ')); break;
      case 'URL': set('Website 1 - Value', text); break;
      case 'UID': set('UID', text.replace(/^urn:uuid:/i, '')); break;
      case 'EMAIL': if (text.trim()) emails.push({ label: labelOf(p.types), value: text.trim(), pref: p.types.includes('pref') }); break;
      case 'TEL': if (text.trim()) phones.push({ label: labelOf(p.types), value: text.trim().replace(/^tel:/i, ''), pref: p.types.includes('pref') }); break;
      case 'ADR':
        if (addresses < ADDRESS_SLOTS) {
          addresses++;
          const n = addresses;
          cell.set(`Address ${n} - Label`, labelOf(p.types));
          const street = [parts[1], parts[2]].filter((x) => x && x.trim()).join(', ');
          const values = [street, parts[3] ?? '', parts[4] ?? '', parts[5] ?? '', parts[6] ?? ''];
          ADDRESS_PARTS.forEach((part, i) => set(`Address ${n} - ${part}`, values[i]!));
        }
        break;
    }
  }
  slotted('E-mail', emails);
  slotted('Phone', phones);
  return VCARD_HEADERS.map((h) => cell.get(h) ?? '');
}

/** Unfolds physical lines into content lines (RFC 6350 folding and 2.1 QUOTED-PRINTABLE soft breaks). */
export async function* contentLines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let current: string | null = null;
  let softBreak = false;
  for await (const physical of lines) {
    if (current !== null && softBreak) {
      current = current.slice(0, -1) + physical;
    } else if (current !== null && (physical.startsWith(' ') || physical.startsWith('\t'))) {
      current += physical.slice(1);
    } else {
      if (current !== null) yield current;
      current = physical;
    }
    const head = current.slice(0, Math.max(0, current.indexOf(':')));
    softBreak = /QUOTED-PRINTABLE/i.test(head) && current.endsWith('=');
  }
  if (current !== null) yield current;
}

/** Streams cards as rows; rowNumber is the card's position (1 = first card). */
export async function* vcardRows(file: string, encoding: TextEncoding): AsyncGenerator<SourceRow> {
  const bytes = fs.createReadStream(file);
  const rl = readline.createInterface({ input: decodeToText(bytes, encoding), crlfDelay: Infinity });
  let props: VProperty[] | null = null;
  let n = 0;
  try {
    for await (const line of contentLines(rl)) {
      if (!line.trim()) continue;
      const upper = line.trim().toUpperCase();
      if (upper === 'BEGIN:VCARD') {
        props = [];
      } else if (upper === 'END:VCARD') {
        if (props) yield { rowNumber: ++n, values: cardToRow(props) };
        props = null;
      } else if (props) {
        const p = parseProperty(line);
        if (p) props.push(p);
      }
    }
  } finally {
    rl.close();
    bytes.destroy();
  }
}
