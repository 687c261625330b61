import type { Generated } from 'kysely';

/** Row types of the contacts module (migration 20261124_0200_contacts). JSON columns are text. */
export interface ContactsTable {
  id: string;
  given_name: string | null;
  family_name: string | null;
  /** The name in its own order (displayPersonName: "Nguyễn Văn An", "Henry Walker"), else email, phone, "(no name)". */
  display_name: string;
  /** The user's name-order override (`given_first` | `family_first`); null = detected from the name (migration 20261207_0400). */
  name_order: string | null;
  /** Vietnamese form of address (anh, chi, ong, ba, em) used in greetings; null = the name alone. */
  pronoun: string | null;
  /** personSortKey(): what the list's `name` sort orders by ("an nguyen van", "walker henry"). */
  sort_key: string;
  /** Normalised given-first name (else the display name's key): short-query prefix search. */
  name_key: string;
  /** familyFirstKey(): the name key family name first, for prefix search in Vietnamese order. */
  family_key: string;
  primary_email: string | null;
  primary_phone: string | null;
  emails: string; phones: string; addresses: string; social: string;
  job_title: string | null; department: string | null; birthday: string | null;
  company_id: string | null; owner_id: string | null; team_id: string | null;
  tags: string; lifecycle_stage: string; source: string | null; external_id: string | null;
  consent: string; custom: string; search_text: string;
  version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
  deleted_at: string | null; erased_at: string | null;
}
export interface CompaniesTable {
  id: string; name: string; name_key: string; domain: string | null; industry: string | null; size: string | null;
  phones: string; addresses: string; parent_id: string | null; owner_id: string | null; team_id: string | null;
  tags: string; custom: string; search_text: string;
  version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null; deleted_at: string | null;
}
export interface ContactEmailsTable { contact_id: string; email: string }
export interface ContactPhonesTable { contact_id: string; phone_e164: string }
export interface ContactTagsTable { contact_id: string; tag: string }
export interface ConsentHistoryTable {
  id: string; contact_id: string; channel: string; status: string; source: string | null; at: string; actor_id: string | null;
}
export interface CustomFieldsTable {
  id: string; entity: string; key: string; type: string; label: string; options: string; required: number;
  default_value: string | null; classification: string; relation_entity: string | null; currency: string | null;
  position: number; version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
}
export interface SavedViewsTable {
  id: string; entity: string; name: string; filters: string; sort: string | null; columns: string;
  visibility: string; team_id: string | null; owner_id: string; version: Generated<number>;
  created_at: string; updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    contacts: ContactsTable;
    companies: CompaniesTable;
    contact_emails: ContactEmailsTable;
    contact_phones: ContactPhonesTable;
    contact_tags: ContactTagsTable;
    consent_history: ConsentHistoryTable;
    custom_fields: CustomFieldsTable;
    saved_views: SavedViewsTable;
  }
}
