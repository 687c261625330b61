/**
 * The server's per-line rule (server/src/platform/documents/totals.ts), for live totals while editing:
 * gross = round-half-up(qty × price), discount = round-half-up(gross × % / 100) or the amount, net = gross − discount,
 * tax = round-half-up(net × rate / 100). Saving returns the server's exact figures.
 */
export interface EditLine {
  productId: string | null; productTitle: string | null; description: string; unit: string; quantity: number;
  /** Minor units. */
  unitPrice: number; discountMode: 'percent' | 'amount';
  /** Percent, or minor units. */
  discount: number; taxRate: number;
}

const half = (x: number) => Math.floor(x + 0.5 + 1e-9);

export function lineFigures(l: EditLine) {
  const gross = half(l.quantity * l.unitPrice);
  const discount = l.discountMode === 'percent' ? half((gross * l.discount) / 100) : Math.min(l.discount, gross);
  const net = gross - discount;
  const tax = half((net * l.taxRate) / 100);
  return { gross, discount, net, tax, total: net + tax };
}

export function sumFigures(lines: EditLine[]) {
  return lines.map(lineFigures).reduce((s, f) => ({ subtotal: s.subtotal + f.gross, discount: s.discount + f.discount, tax: s.tax + f.tax, total: s.total + f.total }),
    { subtotal: 0, discount: 0, tax: 0, total: 0 });
}
