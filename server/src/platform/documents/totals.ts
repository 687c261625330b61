/**
 * Document totals (quotes, orders, invoices, credit notes) in integer minor units, computed exactly.
 *
 * The rounding rule, applied once per line and never to the sums (so the document always equals the sum of its
 * printed lines):
 *   gross    = round-half-up(quantity × unitPrice)
 *   discount = percent: round-half-up(gross × percent / 100); amount: the amount as given (≤ gross)
 *   net      = gross − discount
 *   tax      = round-half-up(net × taxRate / 100)
 *   total    = net + tax
 * and the document's subtotal, discount, net, tax and total are plain sums of the lines' rounded figures
 * (tax also per rate, as Vietnamese VAT invoices print it).
 *
 * Quantities may carry up to 3 decimals (2.5 kg, 0.125 h), percents (discount, tax) up to 2; unit prices and
 * discount amounts are integer minor units of the document's currency (VND has none, USD cents). The arithmetic
 * runs on BigInt over scaled integers (quantity × 1,000, percent × 100), so no binary fraction creeps in.
 */
import { invalid } from '../http/errors.js';

export type LineDiscount = { percent: number } | { amount: number };

export interface LineInput {
  /** Up to 3 decimals, > 0. */
  quantity: number;
  /** Integer minor units, ≥ 0. */
  unitPrice: number;
  /** A percent of the line (0–100, up to 2 decimals) or an amount in minor units (≤ the line's gross). */
  discount?: LineDiscount | null;
  /** Percent, 0–100, up to 2 decimals (Vietnam's VAT: 0, 5, 8, 10). */
  taxRate?: number | null;
}

export interface LineTotals {
  currency: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number | null;
  taxRate: number;
  gross: number;
  discount: number;
  net: number;
  tax: number;
  total: number;
}

export interface TaxBucket { rate: number; base: number; tax: number }

export interface DocumentTotals {
  currency: string;
  /** Σ gross (before discounts). */
  subtotal: number;
  discount: number;
  /** Σ net (after discounts, before tax). */
  net: number;
  tax: number;
  total: number;
  /** Per tax rate, ascending: the taxed base and its tax. */
  taxes: TaxBucket[];
}

/** Decimal places of a currency's minor unit (VND 0, USD 2, KWD 3), from the platform's ICU data. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw invalid('currency', 'expected an ISO 4217 code such as VND or USD');
  }
}

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** Checks an ISO 4217 code; a 400 naming `path` otherwise. */
export function checkCurrency(currency: unknown, path = 'currency'): string {
  if (typeof currency !== 'string' || !currencies.has(currency)) throw invalid(path, 'expected an ISO 4217 code such as VND or USD');
  return currency;
}

/**
 * A price in major units (e.g. 12.5 USD) to minor units (1250); more decimals than the currency allows is a 400
 * naming `path`. Example: toMinor(1200000, 'VND') → 1200000; toMinor(1.5, 'VND') → 400.
 */
export function toMinor(major: number, currency: string, path = 'unitPrice'): number {
  const digits = minorDigits(currency);
  const scaled = scaledInt(major, digits);
  if (scaled === null) throw invalid(path, `${currency} allows at most ${digits} decimal${digits === 1 ? '' : 's'}`);
  return scaled;
}

/** `value × 10^digits` when `value` has at most `digits` decimals (as written in JSON), else null. */
function scaledInt(value: number, digits: number): number | null {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return null;
  const fixed = value.toFixed(digits);
  if (Number(fixed) !== value) return null;
  const scaled = Number(fixed.replace('.', ''));
  return Number.isSafeInteger(scaled) ? scaled : null;
}

/** round-half-up(num / den) for num ≥ 0, den > 0. */
function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

function safe(value: bigint, path: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(path, 'the amount is too large');
  return Number(value);
}

/**
 * One line's figures under the rule above. Bad input is a 400 naming `${path}.<field>`.
 * Example: lineTotals({ quantity: 3, unitPrice: 333_333, discount: { percent: 10 }, taxRate: 8 }, 'VND')
 *   → gross 999_999, discount 100_000, net 899_999, tax 72_000, total 971_999.
 */
export function lineTotals(line: LineInput, currency: string, path = 'line'): LineTotals {
  checkCurrency(currency);
  const qMilli = typeof line.quantity === 'number' && line.quantity > 0 ? scaledInt(line.quantity, 3) : null;
  if (qMilli === null || qMilli <= 0 || line.quantity > 1_000_000_000) {
    throw invalid(`${path}.quantity`, 'expected a number above 0 with at most 3 decimals');
  }
  if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
    throw invalid(`${path}.unitPrice`, `expected integer minor units of ${currency}, 0 or more (${currency} allows ${minorDigits(currency)} decimals)`);
  }
  const taxRate = line.taxRate ?? 0;
  const taxHundredths = percentHundredths(taxRate);
  if (taxHundredths === null) throw invalid(`${path}.taxRate`, 'expected a percent from 0 to 100 with at most 2 decimals');

  const gross = roundHalfUp(BigInt(qMilli) * BigInt(line.unitPrice), 1000n);
  let discount = 0n;
  let discountPercent: number | null = null;
  const d = line.discount;
  if (d && 'percent' in d && d.percent !== undefined) {
    const hundredths = percentHundredths(d.percent);
    if (hundredths === null) throw invalid(`${path}.discount.percent`, 'expected a percent from 0 to 100 with at most 2 decimals');
    discount = roundHalfUp(gross * BigInt(hundredths), 10_000n);
    discountPercent = d.percent;
  } else if (d && 'amount' in d && d.amount !== undefined) {
    if (!Number.isSafeInteger(d.amount) || d.amount < 0) throw invalid(`${path}.discount.amount`, `expected integer minor units of ${currency}, 0 or more`);
    if (BigInt(d.amount) > gross) throw invalid(`${path}.discount.amount`, 'the discount is larger than the line');
    discount = BigInt(d.amount);
  }
  const net = gross - discount;
  const tax = roundHalfUp(net * BigInt(taxHundredths), 10_000n);
  return {
    currency, quantity: qMilli / 1000, unitPrice: line.unitPrice, discountPercent, taxRate,
    gross: safe(gross, `${path}.quantity`), discount: Number(discount), net: safe(net, `${path}.quantity`),
    tax: safe(tax, `${path}.quantity`), total: safe(net + tax, `${path}.quantity`),
  };
}

/** round-half-up(|num| / den) with num's sign: half away from zero, so a negated line rounds to the negated figures. */
function roundSigned(num: bigint, den: bigint): bigint {
  return num < 0n ? -roundHalfUp(-num, den) : roundHalfUp(num, den);
}

/** `value × 10^digits` rounded, when `value` is that within 1e-6 (a binary fraction such as 0.021000000000000001); else null. */
function scaledNear(value: number, digits: number): bigint | null {
  const scaled = value * 10 ** digits;
  const near = Math.round(scaled);
  return Number.isFinite(scaled) && Math.abs(scaled - near) < 1e-6 && Number.isSafeInteger(near) ? BigInt(near) : null;
}

/** A line as invoices and orders store it: a percent and an amount off (the amount after the percent), any sign. */
export interface StoredLine { quantity: number; unitPrice: number; discountPercent: number; discountAmount: number; taxRate: number }

/**
 * The rule above for stored invoice and order lines (modules/invoices `lineFigures`): gross = round(quantity × unit
 * price), net = gross − round(gross × discount %) − discount amount, tax = round(net × rate %), total = net + tax —
 * the same round-half-up per step, exact on scaled integers. A negative quantity (a credit note's line) gives the
 * positive line's figures negated (half away from zero), so a credit note is exactly its invoice negated. Quantities
 * up to 3 decimals, percents up to 6 (400 naming `quantity`/`discountPercent`/`taxRate` beyond).
 *
 * @example storedLineFigures({ quantity: 3, unitPrice: 33_333, discountPercent: 10, discountAmount: 0, taxRate: 8 })
 *   → { gross: 99_999, net: 89_999, tax: 7_200, total: 97_199 }
 */
export function storedLineFigures(l: StoredLine): { gross: number; net: number; tax: number; total: number } {
  const qMilli = scaledNear(l.quantity, 3);
  if (qMilli === null) throw invalid('quantity', 'expected a number with at most 3 decimals');
  const pct = scaledNear(l.discountPercent, 6);
  if (pct === null) throw invalid('discountPercent', 'expected a percent with at most 6 decimals');
  const rate = scaledNear(l.taxRate, 6);
  if (rate === null) throw invalid('taxRate', 'expected a percent with at most 6 decimals');
  if (!Number.isSafeInteger(l.unitPrice) || !Number.isSafeInteger(l.discountAmount)) throw invalid('unitPrice', 'expected integer minor units');
  // Figures of the positive line, then the quantity's sign on each.
  const sign = qMilli < 0n ? -1n : 1n;
  const gross = roundSigned(sign * qMilli * BigInt(l.unitPrice), 1000n);
  const net = gross - roundSigned(gross * pct, 100_000_000n) - BigInt(l.discountAmount);
  const tax = roundSigned(net * rate, 100_000_000n);
  const n = (v: bigint) => safe(sign * v, 'quantity');
  return { gross: n(gross), net: n(net), tax: n(tax), total: n(net + tax) };
}

function percentHundredths(value: unknown): number | null {
  if (typeof value !== 'number' || value < 0 || value > 100) return null;
  return scaledInt(value, 2);
}

/**
 * Sums of the lines' rounded figures; lines in different currencies are a 400 naming `lines.<i>.currency`.
 * An empty document is all zeros in `currency` (required then).
 */
export function documentTotals(lines: readonly LineTotals[], currency?: string): DocumentTotals {
  const cur = currency ?? lines[0]?.currency;
  if (!cur) throw invalid('currency', 'a document without lines needs a currency');
  const buckets = new Map<number, TaxBucket>();
  const out: DocumentTotals = { currency: cur, subtotal: 0, discount: 0, net: 0, tax: 0, total: 0, taxes: [] };
  lines.forEach((l, i) => {
    if (l.currency !== cur) throw invalid(`lines.${i}.currency`, `every line must be in ${cur} (mixed currencies in one document)`);
    out.subtotal += l.gross; out.discount += l.discount; out.net += l.net; out.tax += l.tax; out.total += l.total;
    const b = buckets.get(l.taxRate) ?? { rate: l.taxRate, base: 0, tax: 0 };
    b.base += l.net; b.tax += l.tax;
    buckets.set(l.taxRate, b);
  });
  if (!Number.isSafeInteger(out.total) || !Number.isSafeInteger(out.subtotal)) throw invalid('lines', 'the total is too large');
  out.taxes = [...buckets.values()].sort((a, b) => a.rate - b.rate);
  return out;
}
