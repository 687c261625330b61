/**
 * The products object's domain hook, run by the engine's write pipeline inside every write (API, bulk, import):
 * the SKU is trimmed and upper-cased, price and cost are not negative and share one currency (400 `values.cost`),
 * a service is not serial-tracked (400 `values.serial_tracked`), warranty months are a whole number ≥ 0 and the
 * reorder level is ≥ 0.
 */
import { AppError } from '../../platform/http/errors.js';
import type { ObjectHooks } from '../../platform/records/index.js';

const fieldError = (key: string, message: string) => new AppError('validation_failed', `values.${key}: ${message}`, [{ path: `values.${key}`, message }]);
type Money = { amount: number; currency: string } | null | undefined;

export const productHooks: ObjectHooks = {
  async beforeWrite(ctx) {
    if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
    const v = ctx.values;
    if (typeof v.sku === 'string') {
      const sku = v.sku.trim().toUpperCase();
      if (!sku) throw fieldError('sku', 'is required');
      if (/\s/.test(sku)) throw fieldError('sku', 'must not contain spaces');
      v.sku = sku;
    }
    const after = { ...(ctx.before ?? {}), ...v };
    const price = after.price as Money;
    const cost = after.cost as Money;
    if ('price' in v && price && price.amount < 0) throw fieldError('price', 'must not be negative');
    if ('cost' in v && cost && cost.amount < 0) throw fieldError('cost', 'must not be negative');
    if (price && cost && cost.currency !== price.currency) throw fieldError('cost', `must be in the price's currency (${price.currency})`);
    if (after.kind === 'service' && after.serial_tracked === true) throw fieldError('serial_tracked', 'a service has no serial numbers');
    const warranty = after.warranty_months;
    if ('warranty_months' in v && warranty !== null && warranty !== undefined && (!Number.isInteger(warranty) || (warranty as number) < 0)) {
      throw fieldError('warranty_months', 'must be a whole number of months, 0 or more');
    }
    if ('reorder_level' in v && typeof v.reorder_level === 'number' && v.reorder_level < 0) throw fieldError('reorder_level', 'must not be negative');
  },
};
