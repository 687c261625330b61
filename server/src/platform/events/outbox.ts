import { EventEmitter } from 'node:events';
import type { Executor } from '../db/db.js';
import { newId, nowIso } from '../ids.js';

export interface DomainEvent {
  /** `<entity>.<verb>`, e.g. `contact.created`. */
  type: string;
  entity: string;
  entityId?: string | null;
  actorId?: string | null;
  data?: unknown;
}

/** In-process signal: an emit wakes the local dispatcher loop at once instead of at its next poll. */
export const outboxSignals = new EventEmitter();
outboxSignals.setMaxListeners(0);

/**
 * Records a domain event in the same transaction as the change (transactional outbox). The dispatcher
 * (platform/events/dispatcher.ts) delivers it to listeners after commit, at least once.
 */
export async function emitEvent(trx: Executor, event: DomainEvent): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      id: newId(),
      type: event.type,
      entity: event.entity,
      entity_id: event.entityId ?? null,
      actor_id: event.actorId ?? null,
      data: JSON.stringify(event.data ?? {}),
      created_at: nowIso(),
    })
    .execute();
  outboxSignals.emit('emitted');
}
