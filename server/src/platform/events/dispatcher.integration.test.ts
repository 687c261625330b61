import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../testing/harness.js';
import { createEventDispatcher, type DispatchedEvent } from './dispatcher.js';
import { emitEvent } from './outbox.js';
import { enqueue } from '../jobs/jobs.js';

const outboxRow = (env: TestEnv, entityId: string) =>
  env.database.db.selectFrom('outbox').selectAll().where('entity_id', '=', entityId).executeTakeFirstOrThrow();

describeEachDialect('outbox dispatcher', (env) => {
  it('delivers committed events in order to matching listeners, once', async () => {
    const { db } = env().database;
    const d = createEventDispatcher(env().database);
    const exact: string[] = [];
    const prefix: string[] = [];
    const all: DispatchedEvent[] = [];
    d.on('widget.created', (e) => void exact.push(e.entityId!));
    d.on('widget.*', (e) => void prefix.push(`${e.type}:${e.entityId}`));
    d.on('*', (e) => void all.push(e));
    await db.transaction().execute(async (trx) => {
      await emitEvent(trx, { type: 'widget.created', entity: 'widget', entityId: 'w1', actorId: 'u1', data: { name: 'one' } });
      await emitEvent(trx, { type: 'widget.updated', entity: 'widget', entityId: 'w1', data: { name: 'uno' } });
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await emitEvent(trx, { type: 'widget.created', entity: 'widget', entityId: 'rolled-back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await emitEvent(db, { type: 'gadget.created', entity: 'gadget', entityId: 'g1' });
    expect(await d.runOnce()).toBe(3);
    expect(await d.runOnce()).toBe(0);
    expect(exact).toEqual(['w1']);
    expect(prefix).toEqual(['widget.created:w1', 'widget.updated:w1']);
    expect(all.map((e) => e.type)).toEqual(['widget.created', 'widget.updated', 'gadget.created']);
    expect(all[0]).toMatchObject({ entity: 'widget', actorId: 'u1', data: { name: 'one' }, attempt: 1 });
    expect((await outboxRow(env(), 'g1')).dispatched_at).not.toBeNull();
  });

  it('retries a failing delivery on a later pass, rolling back what its listeners wrote', async () => {
    const { db } = env().database;
    const d = createEventDispatcher(env().database, { retryBaseMs: 0 });
    let failuresLeft = 2;
    const attempts: number[] = [];
    d.on('flaky.happened', async (e, trx) => {
      attempts.push(e.attempt);
      await enqueue(trx, 'test.followup', { from: e.id }, { uniqueKey: `followup-${e.id}-${e.attempt}` });
      if (failuresLeft-- > 0) throw new Error(`listener down (${e.attempt})`);
    });
    await emitEvent(db, { type: 'flaky.happened', entity: 'flaky', entityId: 'f1' });
    await emitEvent(db, { type: 'other.happened', entity: 'other', entityId: 'o1' });
    // The failing event does not block the one behind it.
    expect(await d.runOnce()).toBe(1);
    expect((await outboxRow(env(), 'o1')).dispatched_at).not.toBeNull();
    let row = await outboxRow(env(), 'f1');
    expect(row).toMatchObject({ dispatched_at: null, attempts: 1, last_error: 'listener down (1)' });
    expect(await d.runOnce()).toBe(0);
    row = await outboxRow(env(), 'f1');
    expect(row).toMatchObject({ dispatched_at: null, attempts: 2, last_error: 'listener down (2)' });
    expect(await d.runOnce()).toBe(1);
    row = await outboxRow(env(), 'f1');
    expect(row.dispatched_at).not.toBeNull();
    expect(row.last_error).toBeNull();
    expect(attempts).toEqual([1, 2, 3]);
    // Only the successful delivery's write survived.
    const followups = await db.selectFrom('jobs').select('unique_key').where('name', '=', 'test.followup').execute();
    expect(followups.map((j) => j.unique_key)).toEqual([`followup-${row.id}-3`]);
  });

  it('waits the backoff before retrying and gives up after maxAttempts', async () => {
    const { db } = env().database;
    const d = createEventDispatcher(env().database, { retryBaseMs: 60_000, maxAttempts: 2 });
    let calls = 0;
    d.on('doomed.happened', () => {
      calls++;
      throw new Error('always');
    });
    await emitEvent(db, { type: 'doomed.happened', entity: 'doomed', entityId: 'd1' });
    await d.runOnce();
    await d.runOnce(); // inside the 60 s backoff: not tried
    expect(calls).toBe(1);
    const fresh = createEventDispatcher(env().database, { retryBaseMs: 0, maxAttempts: 2 });
    fresh.on('doomed.happened', () => {
      calls++;
      throw new Error('always');
    });
    await fresh.runOnce();
    await fresh.runOnce();
    expect(calls).toBe(2);
    expect(await outboxRow(env(), 'd1')).toMatchObject({ attempts: 2, dispatched_at: null, last_error: 'always' });
  });

  it('the started loop is woken by an emit', async () => {
    const d = createEventDispatcher(env().database, { pollMs: 10_000 });
    let resolve!: (id: string | null) => void;
    const seen = new Promise<string | null>((r) => (resolve = r));
    d.on('loop.happened', (e) => resolve(e.entityId));
    d.start();
    try {
      await new Promise((r) => setTimeout(r, 50));
      await emitEvent(env().database.db, { type: 'loop.happened', entity: 'loop', entityId: 'l1' });
      expect(await seen).toBe('l1');
    } finally {
      await d.stop();
    }
  });
});
