/**
 * Renders a commercial document (quote, order, invoice, credit note, contract) as an A4 PDF with pdfkit.
 * Text is set in DejaVu Sans, embedded (subset) from the `dejavu-fonts-ttf` package, which has every Vietnamese
 * glyph (ă â đ ê ô ơ ư and the five tone marks on each, ₫); nothing is fetched at run time. pdfkit writes a
 * ToUnicode map, so the text can be searched and extracted (the tests parse it back).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DocumentTotals, LineTotals } from './totals.js';
import { minorDigits } from './totals.js';

export type DocumentKind = 'quote' | 'order' | 'invoice' | 'credit_note' | 'contract' | 'receipt';
export type DocumentLang = 'en' | 'vi';

export interface DocumentParty {
  name: string;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  taxCode?: string | null;
  /** PNG or JPEG bytes (the workspace logo); only for the company. */
  logo?: Buffer | null;
}

export type DocumentPdfLine = Pick<LineTotals, 'quantity' | 'unitPrice' | 'discount' | 'discountPercent' | 'taxRate' | 'net'>
  & { description: string; unit?: string | null };

export interface DocumentPdfInput {
  kind: DocumentKind;
  /** Overrides the kind's title ("Quote" / "Báo giá"). */
  title?: string;
  number: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  company: DocumentParty;
  customer: DocumentParty;
  lines: DocumentPdfLine[];
  totals: DocumentTotals;
  /** The total in words (amountInWords). */
  words: string;
  notes?: string | null;
  lang: DocumentLang;
  /** Extra header rows, e.g. [{ label: 'Valid until', value: '31/12/2026' }]. */
  details?: Array<{ label: string; value: string }>;
}

const LABELS = {
  en: {
    quote: 'Quote', order: 'Order', invoice: 'Invoice', credit_note: 'Credit note', contract: 'Contract', receipt: 'Receipt',
    number: 'No.', date: 'Date', customer: 'Customer', taxCode: 'Tax code', index: '#', description: 'Description', qty: 'Qty',
    unitPrice: 'Unit price', discount: 'Discount', tax: 'Tax', amount: 'Amount', subtotal: 'Subtotal', net: 'Total before tax',
    vat: (rate: string) => `Tax ${rate}`, total: 'Total', words: 'Amount in words', notes: 'Notes',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  vi: {
    quote: 'Báo giá', order: 'Đơn hàng', invoice: 'Hóa đơn', credit_note: 'Phiếu điều chỉnh giảm', contract: 'Hợp đồng', receipt: 'Phiếu thu',
    number: 'Số', date: 'Ngày', customer: 'Khách hàng', taxCode: 'Mã số thuế', index: 'STT', description: 'Diễn giải', qty: 'SL',
    unitPrice: 'Đơn giá', discount: 'Chiết khấu', tax: 'Thuế', amount: 'Thành tiền', subtotal: 'Cộng tiền hàng', net: 'Tiền trước thuế',
    vat: (rate: string) => `Thuế GTGT ${rate}`, total: 'Tổng cộng', words: 'Số tiền bằng chữ', notes: 'Ghi chú',
    page: (n: number, of: number) => `Trang ${n}/${of}`,
  },
} as const;

let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = {
      regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return fonts;
}

/** A money amount for print: formatMoney(1_200_000, 'VND', 'vi') → "1.200.000 ₫"; (12_345, 'USD', 'en') → "$123.45". */
export function formatMoney(minor: number, currency: string, lang: DocumentLang): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(minor / 10 ** digits);
}

function formatNumber(n: number, lang: DocumentLang, maxDigits = 3): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: maxDigits }).format(n);
}

/** dd/mm/yyyy for Vietnamese, "7 Dec 2026" for English. */
export function formatDocumentDate(iso: string, lang: DocumentLang): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  if (lang === 'vi') return `${d}/${m}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
// # | description | qty | unit price | discount | tax | amount — 515 pt wide.
const COLS = [28, 172, 45, 80, 65, 35, 90] as const;

/** Renders the document; resolves with the PDF bytes. */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const L = LABELS[input.lang];
  const cur = input.totals.currency;
  const money = (n: number) => formatMoney(n, cur, input.lang);
  const title = input.title ?? L[input.kind];
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, bufferPages: true, info: { Title: `${title} ${input.number}`, Author: input.company.name } });
  const { regular, bold } = loadFonts();
  doc.registerFont('Regular', regular);
  doc.registerFont('Bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = PAGE.margin, right = PAGE.width - PAGE.margin, width = right - left;
  const bottom = PAGE.height - PAGE.margin - 20;

  // Header: logo and company on the left, title, number, date and details on the right.
  let y = PAGE.margin;
  let textX = left;
  if (input.company.logo) {
    try {
      doc.image(input.company.logo, left, y, { fit: [110, 50] });
      textX = left + 120;
    } catch { /* an unreadable logo is left out rather than failing the document */ }
  }
  doc.font('Bold').fontSize(13).fillColor('#111').text(input.company.name, textX, y, { width: 250 });
  doc.font('Regular').fontSize(8.5).fillColor('#444');
  for (const line of [input.company.address, input.company.taxCode ? `${L.taxCode}: ${input.company.taxCode}` : null, input.company.phone, input.company.email]) {
    if (line) doc.text(line, textX, doc.y, { width: 250 });
  }
  const companyBottom = Math.max(doc.y, input.company.logo ? y + 55 : y);
  doc.font('Bold').fontSize(20).fillColor('#1c4e80').text(title.toLocaleUpperCase(input.lang), left + 260, y, { width: width - 260, align: 'right' });
  doc.font('Regular').fontSize(9).fillColor('#111');
  const head = [{ label: L.number, value: input.number }, { label: L.date, value: formatDocumentDate(input.date, input.lang) }, ...(input.details ?? [])];
  for (const row of head) doc.text(`${row.label}: ${row.value}`, left + 260, doc.y + 1, { width: width - 260, align: 'right' });
  y = Math.max(companyBottom, doc.y) + 18;

  // Customer.
  doc.font('Bold').fontSize(9).fillColor('#1c4e80').text(L.customer.toLocaleUpperCase(input.lang), left, y);
  doc.font('Bold').fontSize(10.5).fillColor('#111').text(input.customer.name, left, doc.y + 2, { width: 300 });
  doc.font('Regular').fontSize(9).fillColor('#333');
  for (const line of [input.customer.address, input.customer.taxCode ? `${L.taxCode}: ${input.customer.taxCode}` : null, input.customer.email, input.customer.phone]) {
    if (line) doc.text(line, left, doc.y + 1, { width: 300 });
  }
  y = doc.y + 16;

  // Lines.
  const xs: number[] = [];
  COLS.reduce((x, w) => (xs.push(x), x + w), left);
  const cell = (text: string, col: number, top: number, align: 'left' | 'right' = 'right') =>
    doc.text(text, xs[col]! + 3, top, { width: COLS[col]! - 6, align });
  const header = () => {
    doc.rect(left, y, width, 20).fill('#1c4e80');
    doc.font('Bold').fontSize(8).fillColor('#fff');
    const labels = [L.index, L.description, L.qty, L.unitPrice, L.discount, L.tax, L.amount];
    labels.forEach((label, i) => cell(label, i, y + 6, i === 1 ? 'left' : 'right'));
    y += 20;
    doc.font('Regular').fontSize(8.5).fillColor('#111');
  };
  header();
  input.lines.forEach((line, i) => {
    const desc = line.unit ? `${line.description} (${line.unit})` : line.description;
    const h = Math.max(doc.heightOfString(desc, { width: COLS[1] - 6 }), 11) + 8;
    if (y + h > bottom) {
      doc.addPage();
      y = PAGE.margin;
      header();
    }
    if (i % 2 === 1) doc.rect(left, y, width, h).fill('#f3f6f9').fillColor('#111');
    const top = y + 4;
    cell(String(i + 1), 0, top);
    cell(desc, 1, top, 'left');
    cell(formatNumber(line.quantity, input.lang), 2, top);
    cell(money(line.unitPrice), 3, top);
    cell(line.discount ? (line.discountPercent != null ? `${formatNumber(line.discountPercent, input.lang, 2)}%` : money(line.discount)) : '—', 4, top);
    cell(`${formatNumber(line.taxRate, input.lang, 2)}%`, 5, top);
    cell(money(line.net), 6, top);
    y += h;
  });
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor('#999').stroke();
  y += 8;

  // Totals.
  const t = input.totals;
  const rows: Array<[string, string, boolean]> = [[L.subtotal, money(t.subtotal), false]];
  if (t.discount) rows.push([L.discount, `−${money(t.discount)}`, false]);
  rows.push([L.net, money(t.net), false]);
  for (const b of t.taxes) rows.push([L.vat(`${formatNumber(b.rate, input.lang, 2)}%`), money(b.tax), false]);
  rows.push([L.total, money(t.total), true]);
  const need = rows.length * 15 + 60 + (input.notes ? doc.heightOfString(input.notes, { width }) + 30 : 0);
  if (y + need > bottom) {
    doc.addPage();
    y = PAGE.margin;
  }
  for (const [label, value, strong] of rows) {
    doc.font(strong ? 'Bold' : 'Regular').fontSize(strong ? 11 : 9).fillColor('#111');
    doc.text(label, right - 300, y, { width: 170, align: 'right' });
    doc.text(value, right - 125, y, { width: 125, align: 'right' });
    y += strong ? 17 : 14;
  }
  y += 6;
  doc.font('Bold').fontSize(9).text(`${L.words}: `, left, y, { continued: true }).font('Regular').text(input.words, { width });
  y = doc.y + 12;
  if (input.notes) {
    doc.font('Bold').fontSize(9).text(L.notes, left, y);
    doc.font('Regular').fontSize(9).fillColor('#333').text(input.notes, left, doc.y + 2, { width });
  }

  // Page numbers.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font('Regular').fontSize(7.5).fillColor('#777')
      .text(`${title} ${input.number} — ${L.page(p - range.start + 1, range.count)}`, left, PAGE.height - PAGE.margin - 8, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
