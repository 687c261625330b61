import type { CompanySummaryRow, SummaryRow } from './duplicates.repository.js';

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

/** A company beside a duplicate pair (every outgoing field listed; phones are stored E.164). */
export function presentCompanySummary(r: CompanySummaryRow) {
  const phones = JSON.parse(r.phones) as { number: string; primary?: boolean }[];
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    primaryPhone: (phones.find((x) => x.primary) ?? phones[0])?.number ?? null,
    ownerId: r.owner_id,
    updatedAt: r.updated_at,
  };
}
