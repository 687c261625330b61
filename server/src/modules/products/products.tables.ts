/** Row types of the products module's own tables, and the columns of the engine's `products` table it reads itself. */
declare module '../../platform/db/schema.js' {
  interface DB {
    products: ProductsTable;
    price_lists: PriceListsTable;
    price_list_items: PriceListItemsTable;
    warehouses: WarehousesTable;
    stock_levels: StockLevelsTable;
    stock_ledger: StockLedgerTable;
    stock_serials: StockSerialsTable;
    stock_alerts: StockAlertsTable;
    product_images: ProductImagesTable;
  }
}

/** The engine table of the products object (written only through the engine's pipeline; read here). */
export interface ProductsTable {
  id: string; owner_id: string | null; deleted_at: string | null; sku: string | null; name: string | null; name_vi: string | null;
  price: number | null; price_currency: string | null; kind: string | null; serial_tracked: number | null; allow_backorder: number | null;
  reorder_level: number | null; status: string | null; warranty_months: number | null; tax_rate: string | null; unit: string | null;
}
/** A price list: for one currency, optionally one customer group, valid between two days (inclusive). */
export interface PriceListsTable {
  id: string; name: string; currency: string; customer_group: string | null; valid_from: string | null; valid_to: string | null;
  active: number; created_at: string; updated_at: string;
}
/** A product's unit price (minor units of the list's currency) from `min_quantity` units on. */
export interface PriceListItemsTable { id: string; price_list_id: string; product_id: string; min_quantity: number; unit_price: number }
export interface WarehousesTable {
  id: string; name: string; code: string; address: string | null; is_default: number; active: number; created_at: string; updated_at: string;
}
/** Stock of one product in one warehouse; `available` = `on_hand` − `reserved`. */
export interface StockLevelsTable { product_id: string; warehouse_id: string; on_hand: number; reserved: number; available: number; updated_at: string }
/** One movement. `serials`: JSON array of the serial numbers it moved. */
export interface StockLedgerTable {
  id: string; product_id: string; warehouse_id: string; kind: string; quantity: number; on_hand_delta: number; reserved_delta: number;
  on_hand_after: number; reserved_after: number; reason: string | null; ref: string | null; serials: string; actor_id: string | null; at: string;
}
/** A serial-tracked unit: `in_stock` in a warehouse, or `withdrawn` (shipped or written off) once. */
export interface StockSerialsTable {
  product_id: string; serial: string; warehouse_id: string; status: string; received_at: string; withdrawn_at: string | null; ref: string | null;
}
export interface StockAlertsTable { product_id: string; low_since: string }
/** An uploaded product image; the bytes live at `<dataDir>/<path>`; the lowest `position` is the primary image. */
export interface ProductImagesTable {
  id: string; product_id: string; position: number; filename: string; content_type: string; size: number; path: string; sha256: string;
  created_by: string | null; created_at: string;
}
