/**
 * `kith demo`: a catalogue of 20 products (English and Vietnamese names, VND prices, VAT 8 % or 10 %; laptops and
 * phones serial-tracked; two services), two warehouses (Hà Nội — the default — and TP HCM), stock receipts into both,
 * one adjustment, and the price list "Đại lý / Dealers" (customer group `dealer`) with quantity breaks.
 * Leaves a database that already has products as it is.
 */
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { inventoryService } from './inventory.service.js';
import { priceListsService } from './pricelists.service.js';
import { adjustStock, receiveStock } from './stock.js';

// sku, name, name_vi, category, unit, price (VND), cost (VND), VAT %, kind, serial-tracked, warranty months, reorder level
type Row = [string, string, string, string, string, number, number, string, 'stock' | 'service', boolean, number, number | null];
const CATALOGUE: Row[] = [
  ['LAP-14-PRO', 'Laptop 14" Pro', 'Máy tính xách tay 14" Pro', 'electronics', 'cái', 28_990_000, 23_500_000, '10', 'stock', true, 24, 3],
  ['LAP-15-OFF', 'Laptop 15" Office', 'Máy tính xách tay 15" Văn phòng', 'electronics', 'cái', 16_490_000, 13_200_000, '10', 'stock', true, 12, 5],
  ['PHN-A55', 'Smartphone A55', 'Điện thoại thông minh A55', 'electronics', 'cái', 9_990_000, 8_100_000, '10', 'stock', true, 12, 5],
  ['MON-27-4K', 'Monitor 27" 4K', 'Màn hình 27" 4K', 'electronics', 'cái', 8_490_000, 6_900_000, '10', 'stock', false, 36, 4],
  ['PRN-LSR-M', 'Laser printer', 'Máy in laser', 'electronics', 'cái', 4_290_000, 3_400_000, '10', 'stock', false, 12, 3],
  ['RTR-WIFI6', 'Wi-Fi 6 router', 'Bộ phát Wi-Fi 6', 'electronics', 'cái', 1_890_000, 1_350_000, '10', 'stock', false, 24, 10],
  ['AC-12K-INV', 'Inverter air conditioner 12,000 BTU', 'Điều hoà Inverter 12.000 BTU', 'appliances', 'bộ', 11_490_000, 9_200_000, '10', 'stock', true, 24, 2],
  ['FRG-300L', 'Refrigerator 300 L', 'Tủ lạnh 300 lít', 'appliances', 'cái', 9_290_000, 7_500_000, '10', 'stock', false, 24, 2],
  ['WM-9KG', 'Washing machine 9 kg', 'Máy giặt 9 kg', 'appliances', 'cái', 7_990_000, 6_400_000, '10', 'stock', false, 24, 2],
  ['RC-1L8', 'Rice cooker 1.8 L', 'Nồi cơm điện 1,8 lít', 'appliances', 'cái', 1_290_000, 880_000, '8', 'stock', false, 12, 10],
  ['FAN-STD-16', 'Standing fan 16"', 'Quạt đứng 16 inch', 'appliances', 'cái', 890_000, 610_000, '8', 'stock', false, 12, 15],
  ['KET-1L7', 'Electric kettle 1.7 L', 'Ấm siêu tốc 1,7 lít', 'appliances', 'cái', 450_000, 290_000, '8', 'stock', false, 12, 20],
  ['MOU-WL', 'Wireless mouse', 'Chuột không dây', 'accessories', 'cái', 350_000, 210_000, '8', 'stock', false, 12, 30],
  ['KBD-MECH', 'Mechanical keyboard', 'Bàn phím cơ', 'accessories', 'cái', 1_590_000, 1_050_000, '8', 'stock', false, 12, 10],
  ['CBL-USBC-2M', 'USB-C cable 2 m', 'Cáp USB-C 2 m', 'accessories', 'sợi', 190_000, 85_000, '8', 'stock', false, 6, 50],
  ['BAG-LAP-15', 'Laptop backpack 15"', 'Ba lô laptop 15 inch', 'accessories', 'cái', 690_000, 420_000, '8', 'stock', false, 6, 10],
  ['FLT-AC', 'Air conditioner filter', 'Lưới lọc điều hoà', 'spare_parts', 'cái', 250_000, 120_000, '10', 'stock', false, 3, 20],
  ['SW-OFFICE-1Y', 'Office suite, 1-year licence', 'Bộ phần mềm văn phòng, bản quyền 1 năm', 'software', 'bản', 2_190_000, 1_700_000, '10', 'stock', false, 0, null],
  ['SVC-INSTALL-AC', 'Air conditioner installation', 'Lắp đặt điều hoà', 'services', 'lần', 500_000, 300_000, '8', 'service', false, 0, null],
  ['SVC-CARE-1Y', 'Annual maintenance plan', 'Gói bảo trì hằng năm', 'services', 'gói', 1_200_000, 600_000, '8', 'service', false, 0, null],
];
// sku → [Hà Nội, TP HCM] units received.
const STOCK: Record<string, [number, number]> = {
  'LAP-14-PRO': [5, 3], 'LAP-15-OFF': [8, 6], 'PHN-A55': [10, 8], 'MON-27-4K': [12, 6], 'PRN-LSR-M': [6, 2], 'RTR-WIFI6': [30, 20],
  'AC-12K-INV': [4, 6], 'FRG-300L': [5, 5], 'WM-9KG': [6, 4], 'RC-1L8': [25, 25], 'FAN-STD-16': [40, 60], 'KET-1L7': [50, 30],
  'MOU-WL': [80, 60], 'KBD-MECH': [20, 10], 'CBL-USBC-2M': [150, 100], 'BAG-LAP-15': [25, 15], 'FLT-AC': [15, 10], 'SW-OFFICE-1Y': [40, 40],
};
// sku → dealer breaks [from quantity, unit price].
const DEALER: Record<string, [number, number][]> = {
  'LAP-14-PRO': [[1, 27_500_000], [5, 26_900_000]], 'LAP-15-OFF': [[1, 15_600_000], [10, 15_100_000]], 'PHN-A55': [[1, 9_490_000], [10, 9_190_000]],
  'MON-27-4K': [[1, 7_990_000], [5, 7_690_000]], 'RTR-WIFI6': [[1, 1_750_000], [20, 1_620_000]], 'FAN-STD-16': [[1, 820_000], [20, 760_000], [50, 720_000]],
  'MOU-WL': [[10, 300_000], [50, 270_000]], 'CBL-USBC-2M': [[20, 150_000], [100, 125_000]],
};

export async function loadProductsDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if (await db.selectFrom('products').select('id').limit(1).executeTakeFirst()) return 'products: the database already has products, left as they are';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'products: none added, there is no active administrator';

  const existing = await inventoryService.listWarehouses(db);
  const hn = existing.find((w) => w.code === 'HN') ?? await inventoryService.saveWarehouse(ctx.database, p, null, { name: 'Kho Hà Nội', code: 'HN', address: '12 Phạm Hùng, Nam Từ Liêm, Hà Nội', isDefault: true });
  const hcm = existing.find((w) => w.code === 'HCM') ?? await inventoryService.saveWarehouse(ctx.database, p, null, { name: 'Kho TP HCM', code: 'HCM', address: '45 Nguyễn Văn Linh, Quận 7, TP Hồ Chí Minh' });

  const { def, defs } = await definitionOf(db, 'products');
  const ids = new Map<string, string>();
  await db.transaction().execute(async (trx) => {
    for (const [sku, name, nameVi, category, unit, price, cost, tax, kind, serial, warranty, reorder] of CATALOGUE) {
      const id = await pipeline.create(trx, def, defs, p, {
        values: {
          sku, name, name_vi: nameVi, category, unit, price: { amount: price, currency: 'VND' }, cost: { amount: cost, currency: 'VND' }, tax_rate: tax, kind,
          serial_tracked: serial, warranty_months: warranty, reorder_level: reorder, description: `${nameVi}. ${name}.`,
        },
      });
      ids.set(sku, id);
    }
    let n = 0;
    for (const [sku, [north, south]] of Object.entries(STOCK)) {
      const row = CATALOGUE.find((r) => r[0] === sku)!;
      for (const [w, qty, prefix] of [[hn.id, north, 'HN'], [hcm.id, south, 'HCM']] as const) {
        const serials = row[9] ? Array.from({ length: qty }, () => `${sku}-${prefix}-${String(++n).padStart(5, '0')}`) : undefined;
        await receiveStock(trx, p, { productId: ids.get(sku)!, warehouseId: w, quantity: qty, serials, ref: `PN-${prefix}-2026-001`, note: 'Nhập hàng đầu kỳ / opening stock' });
      }
    }
    await adjustStock(trx, p, { productId: ids.get('FAN-STD-16')!, warehouseId: hcm.id, delta: -2, reason: 'Hư hỏng khi vận chuyển / damaged in transit' });
  });
  await priceListsService.save(ctx.database, p, null, {
    name: 'Đại lý / Dealers', currency: 'VND', customerGroup: 'dealer', validFrom: '2026-01-01', validTo: '2027-12-31', active: true,
    items: Object.entries(DEALER).flatMap(([sku, breaks]) => breaks.map(([minQuantity, unitPrice]) => ({ productId: ids.get(sku)!, minQuantity, unitPrice }))),
  });
  return `products: ${CATALOGUE.length} products (VND, VAT 8/10 %), warehouses Kho Hà Nội and Kho TP HCM with opening stock, price list "Đại lý / Dealers" with quantity breaks (API: /products, /warehouses, /inventory/levels, /price-lists)`;
}
