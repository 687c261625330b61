/**
 * Inventory wire shapes (products module): warehouses, stock levels per product × warehouse, the stock ledger,
 * receipts, adjustments and serial numbers. Quantities are whole units. Imports only zod.
 */
import { z } from 'zod';

export const warehouseInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(40),
  address: z.string().trim().max(500).nullish(),
  isDefault: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type WarehouseInput = z.infer<typeof warehouseInput>;
export const warehouseSchema = z.object({
  id: z.string(), name: z.string(), code: z.string(), address: z.string().nullable(), isDefault: z.boolean(), active: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(),
});
export type Warehouse = z.infer<typeof warehouseSchema>;
export const warehouseList = z.object({ data: z.array(warehouseSchema) });

/** The most units one movement may move (levels are 32-bit integers on PostgreSQL). */
export const MAX_UNITS = 1_000_000;

const serials = z.array(z.string().trim().min(1).max(100)).max(10_000);

/** POST /inventory/receipts: goods in. A serial-tracked product lists exactly `quantity` new serial numbers. */
export const receiptInput = z.strictObject({
  productId: z.string().min(1).max(64),
  warehouseId: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(MAX_UNITS),
  serials: serials.optional(),
  note: z.string().trim().max(500).optional(),
  ref: z.string().trim().max(200).optional(),
});
export type ReceiptInput = z.infer<typeof receiptInput>;

/**
 * POST /inventory/adjustments: a count correction, `delta` units (negative removes), with a required `reason`
 * (400 naming `reason`). A serial-tracked product names the serials added or removed.
 */
export const adjustmentInput = z.strictObject({
  productId: z.string().min(1).max(64),
  warehouseId: z.string().min(1).max(64),
  delta: z.number().int().min(-MAX_UNITS).max(MAX_UNITS),
  reason: z.string().trim().max(500).optional(),
  serials: serials.optional(),
});
export type AdjustmentInput = z.infer<typeof adjustmentInput>;

export const stockLevelSchema = z.object({
  productId: z.string(), warehouseId: z.string(), warehouseName: z.string(), warehouseCode: z.string(),
  onHand: z.number(), reserved: z.number(), available: z.number(), updatedAt: z.string(),
});
export type StockLevel = z.infer<typeof stockLevelSchema>;
export const stockLevels = z.object({
  data: z.array(stockLevelSchema),
  totals: z.object({ onHand: z.number(), reserved: z.number(), available: z.number() }),
  reorderLevel: z.number().nullable(),
  low: z.boolean(),
});
export const levelsQuery = z.object({ productId: z.string().min(1).max(64) });

export const movementKinds = ['receipt', 'reservation', 'release', 'withdrawal', 'return', 'adjustment'] as const;
export type MovementKind = (typeof movementKinds)[number];
/** One movement: `onHandDelta`/`reservedDelta` change the level; `onHandAfter`/`reservedAfter` are the level after it. */
export const ledgerEntrySchema = z.object({
  id: z.string(), productId: z.string(), warehouseId: z.string(), kind: z.enum(movementKinds), quantity: z.number(),
  onHandDelta: z.number(), reservedDelta: z.number(), onHandAfter: z.number(), reservedAfter: z.number(),
  reason: z.string().nullable(), ref: z.string().nullable(), serials: z.array(z.string()), actorId: z.string().nullable(), at: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
/** GET /inventory/ledger: newest first; `before` (an entry id: ids grow with time) pages back, `nextBefore` is the next page's. */
export const ledgerQuery = z.object({
  productId: z.string().max(64).optional(),
  warehouseId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(64).optional(),
});
export const ledgerPage = z.object({ data: z.array(ledgerEntrySchema), nextBefore: z.string().nullable() });

export const serialStatuses = ['in_stock', 'withdrawn'] as const;
export const serialSchema = z.object({
  serial: z.string(), productId: z.string(), warehouseId: z.string(), status: z.enum(serialStatuses),
  receivedAt: z.string(), withdrawnAt: z.string().nullable(), ref: z.string().nullable(),
});
export const serialsQuery = z.object({
  productId: z.string().min(1).max(64),
  status: z.enum(serialStatuses).optional(),
  warehouseId: z.string().max(64).optional(),
});
export const serialList = z.object({ data: z.array(serialSchema) });
/** The answer of a receipt or adjustment: the level after it and the ledger entry. */
export const movementAnswer = z.object({ level: stockLevelSchema, entry: ledgerEntrySchema });
