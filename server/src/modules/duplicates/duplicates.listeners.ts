/**
 * Keeps duplicate candidates current: every change to a contact or company (create, update, delete, restore,
 * merge, erase, purge, import batch) queues the records it touched, and one refresh job scores them against their
 * candidates. Runs in the event's delivery transaction, so the queue row exists exactly when the delivery commits;
 * a redelivered event queues the same rows again (idempotent).
 */
import type { AppContext } from '../../platform/context.js';
import type { DispatchedEvent, EventListener } from '../../platform/events/dispatcher.js';
import { ensureRefreshJob } from './duplicates.jobs.js';
import { refreshRepository, type DuplicateEntity } from './refresh.repository.js';
import { queueRecords } from './refresh.service.js';

const CHANGES = ['created', 'updated', 'deleted', 'restored', 'merged', 'erased', 'purged'];

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The records an event touched, by entity. Example: contact.merged → survivor and merged contact. */
export function touchedBy(e: Pick<DispatchedEvent, 'type' | 'entityId' | 'data'>): { entity: DuplicateEntity; ids: string[] } | null {
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.type === 'import.batch') {
    return { entity: data.entity === 'company' ? 'company' : 'contact', ids: [...strings(data.created), ...strings(data.updated)] };
  }
  const [entity, verb] = e.type.split('.');
  if ((entity !== 'contact' && entity !== 'company') || !CHANGES.includes(verb ?? '')) return null;
  return { entity, ids: [...strings(e.entityId), ...strings(data.mergedId), ...strings(data.ids)] };
}

export function registerDuplicateListeners(ctx: AppContext): void {
  const listener: EventListener = async (e, trx) => {
    const t = touchedBy(e);
    if (!t || !t.ids.length) return;
    await queueRecords(trx, t.entity, t.ids);
    // A contact import creates the companies its rows name; the event lists only the contacts.
    if (e.type === 'import.batch' && t.entity === 'contact') await queueRecords(trx, 'company', await refreshRepository.companiesOf(trx, t.ids));
    await ensureRefreshJob(ctx, trx);
  };
  for (const pattern of ['contact.*', 'company.*', 'import.batch']) ctx.services.events.on(pattern, listener);
}
