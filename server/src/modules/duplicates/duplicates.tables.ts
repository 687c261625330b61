/** Row types of the duplicates module (migrations 20261124_0300_contacts_merged_into, 20261124_0310_duplicates). */
export interface ContactDuplicatesTable {
  id: string;
  /** The pair in id order: a_id < b_id. */
  a_id: string;
  b_id: string;
  /** 0..1, higher is more likely the same person. */
  score: number;
  /** JSON string[]: email | phone | name_company. Codes only, never the matched values. */
  reasons: string;
  computed_at: string;
  dismissed_at: string | null;
  dismissed_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    contact_duplicates: ContactDuplicatesTable;
  }
}

// The merged_into column this module adds to contacts (soft-deleted merged contact → its survivor).
declare module '../contacts/contacts.tables.js' {
  interface ContactsTable {
    merged_into: string | null;
  }
}
