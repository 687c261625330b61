/**
 * Row types of the duplicates module (migrations 20261124_0300_contacts_merged_into, 20261124_0310_duplicates,
 * 20261207_0700_duplicates_background).
 */
export interface ContactDuplicatesTable {
  id: string;
  /** The pair in id order: a_id < b_id. */
  a_id: string;
  b_id: string;
  /** 0..1, higher is more likely the same person. */
  score: number;
  /** JSON string[]: email | phone | name | name_company. Codes only, never the matched values. */
  reasons: string;
  computed_at: string;
  dismissed_at: string | null;
  dismissed_by: string | null;
}

/** Same shape for companies; reasons: domain | company_name | phone. */
export type CompanyDuplicatesTable = ContactDuplicatesTable;

/** A record whose candidates must be recomputed; queued_at moves on when it changes again before the job ran. */
export interface DuplicateQueueTable {
  entity: string;
  record_id: string;
  queued_at: string;
}

/** A company's lookup values (kind domain | name | phone), rewritten whenever the company is refreshed. */
export interface DuplicateKeysTable {
  entity: string;
  record_id: string;
  kind: string;
  value: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    contact_duplicates: ContactDuplicatesTable;
    company_duplicates: CompanyDuplicatesTable;
    duplicate_queue: DuplicateQueueTable;
    duplicate_keys: DuplicateKeysTable;
  }
}

// The merged_into column this module adds to contacts (soft-deleted merged contact → its survivor).
declare module '../contacts/contacts.tables.js' {
  interface ContactsTable {
    merged_into: string | null;
  }
}
