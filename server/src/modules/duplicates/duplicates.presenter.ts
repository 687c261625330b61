import type { SummaryRow } from './duplicates.repository.js';

/** A contact beside a duplicate warning (every outgoing field listed). */
export function presentSummary(r: SummaryRow) {
  return {
    id: r.id,
    displayName: r.display_name,
    primaryEmail: r.primary_email,
    primaryPhone: r.primary_phone,
    companyId: r.company_id,
    ownerId: r.owner_id,
    updatedAt: r.updated_at,
  };
}
