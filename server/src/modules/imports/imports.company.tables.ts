/**
 * The external_id column this module adds to companies (migration 20261201_2330_companies_external_id).
 * Optional in the type: the contacts module's own writes (CompanyValues) leave it to its NULL default.
 */
declare module '../contacts/contacts.tables.js' {
  interface CompaniesTable {
    external_id?: string | null;
  }
}
export {};
