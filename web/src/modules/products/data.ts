/** Queries of the products web module: warehouses, stock levels, ledger, a product's price-list entries and images. */
import { useQuery } from '@tanstack/react-query';
import type { LedgerEntry, StockLevel, Warehouse } from '../../../../contracts/inventory';
import type { ProductImage } from '../../../../contracts/product-images';
import type { ProductPriceEntry } from '../../../../contracts/products';
import { api } from '../../app/api';

export interface Levels { data: StockLevel[]; totals: { onHand: number; reserved: number; available: number }; reorderLevel: number | null; low: boolean }

export const useWarehouses = () => useQuery({ queryKey: ['/warehouses'], queryFn: ({ signal }) => api.get<{ data: Warehouse[] }>('/warehouses', undefined, { signal }), select: (d) => d.data });
export const useLevels = (productId: string) => useQuery({ queryKey: ['/inventory/levels', productId], queryFn: ({ signal }) => api.get<Levels>('/inventory/levels', { productId }, { signal }) });
export const useLedger = (productId: string) => useQuery({
  queryKey: ['/inventory/ledger', productId],
  queryFn: ({ signal }) => api.get<{ data: LedgerEntry[]; nextBefore: string | null }>('/inventory/ledger', { productId, limit: 10 }, { signal }),
});
export const usePriceEntries = (productId: string) => useQuery({
  queryKey: ['/products/price-list-items', productId],
  queryFn: ({ signal }) => api.get<{ data: ProductPriceEntry[] }>(`/products/${productId}/price-list-items`, undefined, { signal }),
  select: (d) => d.data,
});
export const useSerialsInStock = (productId: string, enabled: boolean) => useQuery({
  queryKey: ['/inventory/serials', productId],
  enabled,
  queryFn: ({ signal }) => api.get<{ data: { serial: string; warehouseId: string }[] }>('/inventory/serials', { productId, status: 'in_stock' }, { signal }),
  select: (d) => d.data,
});
/** Serial numbers typed one per line (commas too) → the list the API takes. */
export const serialLines = (text: string): string[] => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
/** A product's uploaded images, the primary first. */
export const useProductImages = (productId: string) => useQuery({
  queryKey: ['/products/images', productId],
  queryFn: ({ signal }) => api.get<{ data: ProductImage[] }>(`/products/${productId}/images`, undefined, { signal }),
  select: (d) => d.data,
});
