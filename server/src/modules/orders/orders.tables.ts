/** Row types of the orders module's own tables (the `orders` table is an engine table). */
declare module '../../platform/db/schema.js' {
  interface DB {
    order_lines: OrderLinesTable;
    order_shipments: OrderShipmentsTable;
    order_shipment_lines: OrderShipmentLinesTable;
  }
}

/** One ordered line; figures in minor units of the order's currency (rule: invoices.logic.ts `lineFigures`). */
export interface OrderLinesTable {
  id: string; order_id: string; position: number; product_id: string | null; description: string; quantity: number; unit_price: number;
  discount_percent: number; discount_amount: number; tax_rate: number; net: number; tax: number; total: number;
  /** Units shipped so far (sum of shipment lines not returned). */
  shipped: number;
}
/** One shipment of (part of) an order. `status`: shipped | delivered | returned. */
export interface OrderShipmentsTable {
  id: string; order_id: string; number: string; carrier: string; tracking: string | null; status: string; shipped_at: string; delivered_at: string | null;
  created_by: string | null;
}
/** `serials`: JSON array of the serial numbers shipped. */
export interface OrderShipmentLinesTable { id: string; shipment_id: string; order_line_id: string; quantity: number; serials: string }
