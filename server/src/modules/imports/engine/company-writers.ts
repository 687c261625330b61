/**
 * Company export layout: CSV/XLSX columns (numbered slots like the contact layout: 3 phones, 2 addresses;
 * extra values share the last slot joined by ' ::: ') and vCard 4.0 cards with KIND:org.
 */
import { ADDRESS_PARTS, ADDRESS_SLOTS, SLOTS, esc, foldLine, pushAddresses, pushCustom, pushSlots } from './writers.js';

/** The fields an export needs of one company (the presented wire shape). */
export interface ExportCompany {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  phones: { number: string; label: string | null; primary: boolean }[];
  addresses: { label?: string | null | undefined; street?: string | null | undefined; city?: string | null | undefined; region?: string | null | undefined; postalCode?: string | null | undefined; country?: string | null | undefined }[];
  parent: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  tags: string[];
  externalId: string | null;
  custom: Record<string, unknown>;
}

/** Header row of a company export; custom fields come last as `custom.<key>`. */
export function companyHeaders(customKeys: string[]): string[] {
  return [
    'Name', 'Domain', 'Industry', 'Size',
    ...Array.from({ length: SLOTS }, (_, i) => [`Phone ${i + 1} - Label`, `Phone ${i + 1} - Value`]).flat(),
    ...Array.from({ length: ADDRESS_SLOTS }, (_, i) => [`Address ${i + 1} - Label`, ...ADDRESS_PARTS.map(([, h]) => `Address ${i + 1} - ${h}`)]).flat(),
    'Parent Company', 'Labels', 'External ID', 'Owner', 'Kith ID',
    ...customKeys.map((k) => `custom.${k}`),
  ];
}

const phone = (p: { number: string }) => p.number;

/** One company as export cells, in companyHeaders order. */
export function companyCells(c: ExportCompany, customKeys: string[]): string[] {
  const out: string[] = [c.name, c.domain ?? '', c.industry ?? '', c.size ?? ''];
  pushSlots(out, c.phones, phone, SLOTS);
  pushAddresses(out, c.addresses, ADDRESS_SLOTS);
  out.push(c.parent?.name ?? '', c.tags.join(' ::: '), c.externalId ?? '', c.owner?.name ?? '', c.id);
  pushCustom(out, c.custom, customKeys);
  return out;
}

const TEL_TYPES: Record<string, string> = { mobile: 'cell', work: 'work', fax: 'fax', main: 'voice', other: 'voice' };
const typeParam = (label: string | null | undefined, known: Record<string, string>) => (label && known[label] ? `;TYPE=${known[label]}` : '');

/** A company as a vCard 4.0 card (RFC 6350 KIND:org): FN and ORG carry the name; the domain becomes a URL. */
export function companyVcard(c: ExportCompany): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', 'KIND:org', `FN:${esc(c.name)}`, `ORG:${esc(c.name)}`];
  for (const p of c.phones) lines.push(`TEL;VALUE=uri${typeParam(p.label, TEL_TYPES)}${p.primary ? ';PREF=1' : ''}:tel:${p.number}`);
  for (const a of c.addresses) {
    lines.push(`ADR${typeParam(a.label, { work: 'work', home: 'home' })}:;;${[a.street, a.city, a.region, a.postalCode, a.country].map((x) => esc(x ?? '')).join(';')}`);
  }
  if (c.domain) lines.push(`URL:${esc(/^[a-z][a-z0-9+.-]*:/i.test(c.domain) ? c.domain : `https://${c.domain}`)}`);
  if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map(esc).join(',')}`);
  if (c.industry) lines.push(`X-KITH-INDUSTRY:${esc(c.industry)}`);
  if (c.externalId) lines.push(`UID:${esc(c.externalId)}`);
  lines.push(`X-KITH-ID:${c.id}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
