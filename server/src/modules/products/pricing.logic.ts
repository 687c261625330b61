/**
 * Choosing a unit price from price-list entries (pure; pricing.ts loads the entries).
 *
 * Rule: among the entries of the lists valid for the currency, day and customer group, a list made for the
 * customer's group wins over a list for every customer; within those, the largest quantity break ≤ the quantity wins;
 * on a tie (two lists with the same break) the lower unit price wins. No entry → null (the product's own price).
 */
export interface PriceEntry { priceListId: string; customerGroup: string | null; minQuantity: number; unitPrice: number }

export function pickEntry(entries: PriceEntry[], quantity: number, group: string | null | undefined): PriceEntry | null {
  const fit = entries.filter((e) => e.minQuantity <= quantity && (e.customerGroup === null || (group != null && e.customerGroup === group)));
  let best: PriceEntry | null = null;
  const rank = (e: PriceEntry) => (e.customerGroup !== null ? 1 : 0);
  for (const e of fit) {
    if (!best) { best = e; continue; }
    if (rank(e) !== rank(best)) { if (rank(e) > rank(best)) best = e; continue; }
    if (e.minQuantity !== best.minQuantity) { if (e.minQuantity > best.minQuantity) best = e; continue; }
    if (e.unitPrice < best.unitPrice) best = e;
  }
  return best;
}

/** Whether a list is valid on a day (YYYY-MM-DD; bounds inclusive, missing bounds open). */
export function validOn(list: { valid_from: string | null; valid_to: string | null; active: number }, on: string): boolean {
  return list.active === 1 && (!list.valid_from || list.valid_from <= on) && (!list.valid_to || list.valid_to >= on);
}
