/** Row types of the contracts module's own tables (the `contracts` table itself is an engine table). */
declare module '../../platform/db/schema.js' {
  interface DB {
    contract_files: ContractFilesTable;
  }
}

/** A signed file of a contract (PDF or image), its bytes base64 in `data` (at most 5 MiB). */
export interface ContractFilesTable {
  id: string; contract_id: string; filename: string; content_type: string; size: number; sha256: string; data: string;
  created_at: string; created_by: string | null;
}
