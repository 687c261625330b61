/** Row types of the warranties module's own tables (the `warranties` table is an engine table). */
declare module '../../platform/db/schema.js' {
  interface DB {
    warranty_claims: WarrantyClaimsTable;
  }
}
/** A claim on a warranty: the service-desk ticket it opened. */
export interface WarrantyClaimsTable { id: string; warranty_id: string; ticket_id: string; created_at: string; created_by: string | null }
