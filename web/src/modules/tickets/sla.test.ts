import { describe, expect, it } from 'vitest';
import { currentDueState, dueState, slaState } from './sla';
import { ticketPresets } from './views';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('slaState', () => {
  const base = { status: 'open', created_at: '2026-12-07T00:00:00.000Z', first_responded_at: '2026-12-07T00:10:00.000Z', resolution_due: '2026-12-07T10:00:00.000Z' };
  it('is on track, then at risk in the last 20 %, then breached', () => {
    expect(slaState(base, at('2026-12-07T05:00:00Z'))?.state).toBe('on_track');
    expect(slaState(base, at('2026-12-07T08:30:00Z'))?.state).toBe('at_risk');
    expect(slaState(base, at('2026-12-07T10:00:00Z'))?.state).toBe('breached');
  });
  it('watches the first response until there is one', () => {
    const s = slaState({ ...base, first_responded_at: null, first_response_due: '2026-12-07T01:00:00.000Z' }, at('2026-12-07T02:00:00Z'));
    expect(s).toMatchObject({ state: 'breached', kind: 'firstResponse' });
  });
  it('is paused while waiting, met or breached once solved, absent without dues', () => {
    expect(slaState({ ...base, sla_paused_at: '2026-12-07T01:00:00Z' }, at('2026-12-07T11:00:00Z'))?.state).toBe('paused');
    expect(slaState({ ...base, status: 'solved', solved_at: '2026-12-07T09:00:00Z' }, at('2026-12-08T00:00:00Z'))?.state).toBe('met');
    expect(slaState({ ...base, status: 'closed', solved_at: '2026-12-07T11:00:00Z' }, at('2026-12-08T00:00:00Z'))?.state).toBe('breached');
    expect(slaState({ status: 'open' }, 2 * H)).toBeNull();
  });
});

describe('dueState', () => {
  const v = { status: 'new', created_at: '2026-12-07T00:00:00.000Z', first_responded_at: null, first_response_due: '2026-12-07T01:00:00.000Z', resolution_due: '2026-12-07T10:00:00.000Z' };
  it('judges each due alone', () => {
    expect(dueState(v, 'firstResponse', at('2026-12-07T02:00:00Z'))).toBe('breached');
    expect(dueState(v, 'resolution', at('2026-12-07T02:00:00Z'))).toBe('on_track');
    expect(dueState({ ...v, first_responded_at: '2026-12-07T00:30:00Z' }, 'firstResponse', at('2026-12-07T02:00:00Z'))).toBeNull();
    expect(dueState(v, 'resolution', at('2026-12-07T09:00:00Z'))).toBe('at_risk');
  });
});

describe('currentDueState', () => {
  const v = { status: 'open', sla_due_at: '2026-12-07T12:00:00.000Z', sla_warn_at: '2026-12-07T11:00:00.000Z' };
  it('is on track, at risk from the warning time, breached at the due, paused without a due while paused', () => {
    expect(currentDueState(v, at('2026-12-07T10:00:00Z'))).toBe('on_track');
    expect(currentDueState(v, at('2026-12-07T11:00:00Z'))).toBe('at_risk');
    expect(currentDueState({ ...v, sla_warn_at: null }, at('2026-12-07T10:30:00Z'))).toBe('at_risk');
    expect(currentDueState(v, at('2026-12-07T12:00:00Z'))).toBe('breached');
    expect(currentDueState({ status: 'waiting_on_customer', sla_due_at: null, sla_paused_at: '2026-12-07T09:00:00Z' }, at('2026-12-07T10:00:00Z'))).toBe('paused');
    expect(currentDueState({ ...v, status: 'solved' }, at('2026-12-07T13:00:00Z'))).toBeNull();
  });
});

describe('ticketPresets', () => {
  const now = at('2026-12-07T10:00:00Z');
  it('filters mine, my team, unassigned, breaching within 2 hours and overdue', () => {
    const p = ticketPresets({ id: 'u1', teamId: 't1' }, now);
    expect(p.map((x) => x.id)).toEqual(['mine', 'team', 'unassigned', 'breaching', 'overdue']);
    expect(p[0]?.filters[0]).toEqual({ field: 'agent', op: 'eq', value: 'u1' });
    expect(p[1]?.filters[0]).toEqual({ field: 'team', op: 'eq', value: 't1' });
    expect(p[2]?.filters[0]).toEqual({ field: 'agent', op: 'empty' });
    expect(p[3]?.filters.slice(1)).toEqual([{ field: 'sla_due_at', op: 'gte', value: '2026-12-07T10:00:00.000Z' }, { field: 'sla_due_at', op: 'lt', value: '2026-12-07T12:00:00.000Z' }]);
    expect(p[4]?.filters[1]).toEqual({ field: 'sla_due_at', op: 'lt', value: '2026-12-07T10:00:00.000Z' });
  });
  it('has no team view for a user without a team', () => {
    expect(ticketPresets({ id: 'u1', teamId: null }, now).map((x) => x.id)).not.toContain('team');
  });
});
