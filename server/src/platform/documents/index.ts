/**
 * Shared helpers for commercial documents (quotes, contracts, orders, invoices, credit notes): exact totals in
 * integer minor units, amounts in words (en/vi) and the PDF renderer. See README.md for the rounding rule.
 */
export { lineTotals, documentTotals, minorDigits, checkCurrency, toMinor, storedLineFigures } from './totals.js';
export type { LineInput, LineDiscount, LineTotals, DocumentTotals, TaxBucket, StoredLine } from './totals.js';
export { amountInWords, numberInWords } from './words.js';
export type { WordsLang, WordsOptions } from './words.js';
export { renderDocumentPdf, formatMoney, formatDocumentDate } from './pdf.js';
export type { DocumentKind, DocumentLang, DocumentParty, DocumentPdfInput, DocumentPdfLine } from './pdf.js';
