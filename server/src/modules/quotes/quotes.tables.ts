/** Row types of the quotes module's own tables (the `quotes` table itself is an engine table, read through the engine). */
declare module '../../platform/db/schema.js' {
  interface DB {
    quote_lines: QuoteLinesTable;
    quote_links: QuoteLinksTable;
    quote_series: QuoteSeriesTable;
  }
}

/** One line of a quote; figures in integer minor units of the quote's currency (platform/documents rule). */
export interface QuoteLinesTable {
  id: string; quote_id: string; position: number; product_id: string | null; description: string; unit: string | null;
  quantity: number; unit_price: number; discount_percent: number | null; discount_amount: number | null; tax_rate: number;
  gross: number; discount: number; net: number; tax: number; total: number;
}
/** A public accept/decline link: only the SHA-256 of its token is kept; `used_at` makes it work once. */
export interface QuoteLinksTable {
  id: string; quote_id: string; token_hash: string; email: string; created_at: string; used_at: string | null; revoked_at: string | null;
}
/** Numbering per series (Q-2026): the last number given. */
export interface QuoteSeriesTable { series: string; last: number }
