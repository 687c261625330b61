/** Row types of the privacy module (migration 20261124_0320_privacy). */
export interface PersonalDataVaultTable {
  id: string;
  /** The person the data is about (a contact id); erasing the person deletes these rows. */
  subject_id: string;
  /** Entity of the audit entry that referenced it (contact, activity, attachment). */
  entity: string;
  /** JSON: the personal part of an audit entry's before or after. */
  data: string;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    personal_data_vault: PersonalDataVaultTable;
  }
}
