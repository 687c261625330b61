import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import { analyzeColumn, createPrefixIndex, createSearchIndex, setColumnStatistics, updateById } from '../../platform/db/search-ddl.js';
import { contactSearchText, displayPersonName, familyFirstKey, normaliseText, personParts, personSortKey } from './contacts.migrations.frozen.js';

/**
 * Contacts, companies, side tables, consent history, custom fields, saved views, and the search index
 * (platform/db/search-ddl.ts: SQLite FTS5 trigram tables kept by triggers, PostgreSQL pg_trgm GIN indexes).
 * Frozen once landed: add a new migration for any change. Data migrations compute with frozen copies
 * (contacts.migrations.frozen.ts), never the live contacts.logic.ts.
 */
export const contactsMigrations: MigrationSet = {
  '20261124_0200_contacts': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      await db.schema
        .createTable('companies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('domain', 'text')
        .addColumn('industry', 'text')
        .addColumn('size', 'text')
        .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('addresses', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('parent_id', 'text', (c) => c.references('companies.id').onDelete('set null'))
        .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_by', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      const idx = (name: string, table: string, cols: string[]) => db.schema.createIndex(name).on(table).columns(cols).execute();
      await idx('companies_live_updated_idx', 'companies', ['deleted_at', 'updated_at', 'id']);
      await idx('companies_live_name_idx', 'companies', ['deleted_at', 'name', 'id']);
      await idx('companies_owner_idx', 'companies', ['owner_id', 'deleted_at', 'updated_at', 'id']);
      await idx('companies_team_idx', 'companies', ['team_id', 'deleted_at', 'updated_at', 'id']);
      await idx('companies_parent_idx', 'companies', ['parent_id']);
      await idx('companies_domain_idx', 'companies', ['domain']);

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('given_name', 'text')
        .addColumn('family_name', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('primary_email', 'text')
        .addColumn('primary_phone', 'text')
        .addColumn('emails', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('addresses', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('social', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('job_title', 'text')
        .addColumn('department', 'text')
        .addColumn('birthday', 'text')
        .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('set null'))
        .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('lifecycle_stage', 'text', (c) => c.notNull().defaultTo('lead'))
        .addColumn('source', 'text')
        .addColumn('external_id', 'text')
        .addColumn('consent', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_by', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('erased_at', 'text')
        .execute();
      // Keyset sorts: each index matches "live rows (deleted_at null) [of an owner/team/stage] ordered by X, id".
      await idx('contacts_live_updated_idx', 'contacts', ['deleted_at', 'updated_at', 'id']);
      await idx('contacts_live_created_idx', 'contacts', ['deleted_at', 'created_at', 'id']);
      await idx('contacts_live_name_idx', 'contacts', ['deleted_at', 'display_name', 'id']);
      await idx('contacts_owner_idx', 'contacts', ['owner_id', 'deleted_at', 'updated_at', 'id']);
      await idx('contacts_owner_name_idx', 'contacts', ['owner_id', 'deleted_at', 'display_name', 'id']);
      await idx('contacts_team_idx', 'contacts', ['team_id', 'deleted_at', 'updated_at', 'id']);
      await idx('contacts_stage_idx', 'contacts', ['lifecycle_stage', 'deleted_at', 'updated_at', 'id']);
      await idx('contacts_company_idx', 'contacts', ['company_id']);
      await idx('contacts_external_idx', 'contacts', ['external_id']);
      await idx('contacts_deleted_idx', 'contacts', ['deleted_at']);

      await db.schema
        .createTable('contact_emails')
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_emails_pk', ['contact_id', 'email'])
        .execute();
      await idx('contact_emails_email_idx', 'contact_emails', ['email']);
      await db.schema
        .createTable('contact_phones')
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('phone_e164', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_phones_pk', ['contact_id', 'phone_e164'])
        .execute();
      await idx('contact_phones_phone_idx', 'contact_phones', ['phone_e164']);
      await db.schema
        .createTable('contact_tags')
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag'])
        .execute();
      await idx('contact_tags_tag_idx', 'contact_tags', ['tag', 'contact_id']);

      await db.schema
        .createTable('consent_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .execute();
      await idx('consent_history_contact_idx', 'consent_history', ['contact_id', 'at']);

      await db.schema
        .createTable('custom_fields')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('default_value', 'text')
        .addColumn('classification', 'text', (c) => c.notNull().defaultTo('internal'))
        .addColumn('relation_entity', 'text')
        .addColumn('currency', 'text')
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema.createIndex('custom_fields_entity_key_uq').on('custom_fields').columns(['entity', 'key']).unique().execute();

      await db.schema
        .createTable('saved_views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('filters', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('sort', 'text')
        .addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await idx('saved_views_owner_idx', 'saved_views', ['owner_id']);
      await idx('saved_views_team_idx', 'saved_views', ['team_id', 'visibility']);

      // Search index and short-query prefix indexes (their dialect-specific DDL is in platform/db/search-ddl.ts;
      // the index name and trigger layout are the ones this migration has always created).
      for (const t of ['contacts', 'companies']) {
        await createSearchIndex(db, dialect, t, { pgIndex: `${t}_search_trgm_idx`, triggerIndent: 14 });
        await createPrefixIndex(db, dialect, t, 'name_key', `${t}_name_key`);
      }
      await createPrefixIndex(db, dialect, 'contacts', 'primary_email', 'contacts_email');
    },
  },
  '20261124_0400_contacts_live_partial_idx': {
    // The first keyset indexes put deleted_at between the filter column and the sort columns. SQLite treats
    // "deleted_at IS NULL" as an equality and walks them in order, but PostgreSQL does not (IS NULL makes no
    // equivalence class), so every filtered+sorted page there was a sequential scan and a sort. PostgreSQL
    // gets partial indexes "WHERE deleted_at IS NULL" on (filter…, sort, id). SQLite keeps the originals:
    // measured at 100k contacts, with the partial ones its planner sorted a whole stage for
    // "stage IN (…) ORDER BY updated_at" (30 ms) instead of walking (deleted_at, updated_at, id) (2 ms).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      if (dialect !== 'postgres') return;
      const live: [string, string, string[]][] = [
        ['contacts_live_updated_idx', 'contacts', ['updated_at', 'id']],
        ['contacts_live_created_idx', 'contacts', ['created_at', 'id']],
        ['contacts_live_name_idx', 'contacts', ['display_name', 'id']],
        ['contacts_owner_idx', 'contacts', ['owner_id', 'updated_at', 'id']],
        ['contacts_owner_name_idx', 'contacts', ['owner_id', 'display_name', 'id']],
        ['contacts_team_idx', 'contacts', ['team_id', 'updated_at', 'id']],
        ['contacts_stage_idx', 'contacts', ['lifecycle_stage', 'updated_at', 'id']],
        ['companies_live_updated_idx', 'companies', ['updated_at', 'id']],
        ['companies_live_name_idx', 'companies', ['name', 'id']],
        ['companies_owner_idx', 'companies', ['owner_id', 'updated_at', 'id']],
        ['companies_team_idx', 'companies', ['team_id', 'updated_at', 'id']],
      ];
      for (const [name, table, columns] of live) {
        await db.schema.dropIndex(name).execute();
        // New name (a name is never reused): "contacts_stage_idx" → "contacts_stage_live_idx".
        await db.schema.createIndex(name.replace('_live_', '_').replace(/_idx$/, '_live_idx')).on(table).columns(columns)
          .where(sql.ref('deleted_at'), 'is', null).execute();
      }
    },
  },
  '20261201_2300_contacts_search_stats': {
    // Global search on PostgreSQL takes the first 200 live rows matching `search_text LIKE '%needle%'`; the
    // planner picks between a sequential scan that stops at 200 and a pg_trgm bitmap scan from its estimate
    // of how many rows match. With the default 100-entry histogram that estimate is blind at 1M contacts: a
    // full phone number was a 100 ms sequential scan (GIN: 11 ms) and "nguyen minh" 87 ms (GIN: 20 ms). A
    // 1,000-entry histogram on search_text gives estimates that choose well (every bench term ≤ 35 ms at
    // 1M under load). SQLite searches through FTS5 and needs nothing.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      for (const t of ['contacts', 'companies']) await setColumnStatistics(db, dialect, t, 'search_text', 1000);
    },
  },
  '20261202_0300_contacts_family_key': {
    // Prefix search in both name orders. name_key is given-name first ("van a nguyen"), so a Vietnamese name
    // typed family first ("nguyen van") had no prefix range and every such search was a trigram scan, whose
    // cost on PostgreSQL grows with how common the trigrams are (35 ms at 1M contacts). family_key holds the
    // family-first form; search takes its candidates from either B-tree range. Backfilled here in batches
    // (the key is computed in TypeScript, as every writer does), then indexed.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      await db.schema.alterTable('contacts').addColumn('family_key', 'text', (c) => c.notNull().defaultTo('')).execute();
      let after = '';
      for (;;) {
        const rows: { id: string; given_name: string | null; family_name: string | null; display_name: string }[] = await db
          .selectFrom('contacts').select(['id', 'given_name', 'family_name', 'display_name'])
          .where('id', '>', after).orderBy('id').limit(5000).execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        await updateById(db, dialect, 'contacts', ['family_key'],
          rows.map((r) => ({ id: r.id, family_key: familyFirstKey(r.given_name, r.family_name, r.display_name) })));
      }
      await createPrefixIndex(db, dialect, 'contacts', 'family_key', 'contacts_family_key');
      await analyzeColumn(db, dialect, 'contacts', 'family_key');
    },
  },
  '20261207_0400_contacts_name_order': {
    // Names in their own order (issue 14). display_name was "given family" for every name and the list sorted
    // by it, so "Nguyễn Văn An" showed as "Văn An Nguyễn" and sorted under V. Adds the user's override
    // (name_order, NULL = detected), a Vietnamese pronoun for greetings, and sort_key (personSortKey: Vietnamese
    // names by personal name, Western by family name), which the list's `name` sort walks through its own keyset
    // indexes (mirroring the display_name ones). name_key (given-first) and family_key (family-first) keep
    // their meaning. Backfilled in batches of 5,000 with the writers' own functions (as 20261202_0300 does).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      await db.schema.alterTable('contacts').addColumn('name_order', 'text').execute();
      await db.schema.alterTable('contacts').addColumn('pronoun', 'text').execute();
      await db.schema.alterTable('contacts').addColumn('sort_key', 'text', (c) => c.notNull().defaultTo('')).execute();
      let after = '';
      for (;;) {
        const rows: { id: string; given_name: string | null; family_name: string | null; display_name: string; addresses: string }[] = await db
          .selectFrom('contacts').select(['id', 'given_name', 'family_name', 'display_name', 'addresses'])
          .where('id', '>', after).orderBy('id').limit(5000).execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        await updateById(db, dialect, 'contacts', ['display_name', 'sort_key'], rows.map((r) => {
          const parts = personParts(r);
          const display = displayPersonName(parts) || r.display_name; // no name: keep the email/phone fallback
          return { id: r.id, display_name: display, sort_key: personSortKey(parts) || normaliseText(display) };
        }));
      }
      if (dialect === 'postgres') {
        await db.schema.createIndex('contacts_sort_key_live_idx').on('contacts').columns(['sort_key', 'id']).where(sql.ref('deleted_at'), 'is', null).execute();
        await db.schema.createIndex('contacts_owner_sort_key_live_idx').on('contacts').columns(['owner_id', 'sort_key', 'id']).where(sql.ref('deleted_at'), 'is', null).execute();
        await analyzeColumn(db, dialect, 'contacts', 'sort_key');
      } else {
        await db.schema.createIndex('contacts_live_sort_key_idx').on('contacts').columns(['deleted_at', 'sort_key', 'id']).execute();
        await db.schema.createIndex('contacts_owner_sort_key_idx').on('contacts').columns(['owner_id', 'deleted_at', 'sort_key', 'id']).execute();
      }
    },
  },
  '20261207_0430_contacts_search_text_without_company': {
    // Issue 12 (search oracle): a contact's search_text held its company's name, so a reader who may see the
    // contact but not the company found the contact by typing the hidden company's name. Rewritten in batches of
    // 5,000 with the writers' own function (contactSearchText, which no longer takes a company). Rows with an
    // empty search_text (erased contacts) stay empty. The indexes follow the column: SQLite's contacts_fts through
    // its `after update of search_text` trigger, PostgreSQL's pg_trgm GIN index by itself (then re-analysed).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      let after = '';
      for (;;) {
        const rows: { id: string; given_name: string | null; family_name: string | null; emails: string; phones: string; search_text: string }[] = await db
          .selectFrom('contacts').select(['id', 'given_name', 'family_name', 'emails', 'phones', 'search_text'])
          .where('id', '>', after).orderBy('id').limit(5000).execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        const out = rows.filter((r) => r.search_text !== '').map((r) => ({
          id: r.id, old: r.search_text,
          text: contactSearchText({
            givenName: r.given_name, familyName: r.family_name,
            emails: (JSON.parse(r.emails) as { address: string }[]).map((e) => e.address),
            phones: (JSON.parse(r.phones) as { number: string }[]).map((ph) => ph.number),
          }),
        })).filter((r) => r.text !== r.old);
        await updateById(db, dialect, 'contacts', ['search_text'], out.map((k) => ({ id: k.id, search_text: k.text })));
      }
      await analyzeColumn(db, dialect, 'contacts', 'search_text');
    },
  },
};
