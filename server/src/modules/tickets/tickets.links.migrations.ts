/** Migration of a ticket's links to a deal and an order (relation fields `deal` and `order` of tickets.definition.ts). */
import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const ticketLinksMigrations: MigrationSet = {
  '20261207_1600_tickets_deal_order_links': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await addObjectColumn(ex, dialect, 'tickets', 'deal', 'text');
      await addObjectColumn(ex, dialect, 'tickets', 'order_id', 'text');
      // The deal's and the order's pages list their tickets (by-relation walks these).
      await createFieldIndex(ex, dialect, 'tickets', 'deal', false);
      await createFieldIndex(ex, dialect, 'tickets', 'order_id', false);
    },
  },
};
