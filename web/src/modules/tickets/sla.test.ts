import { describe, expect, it } from 'vitest';
import { slaState } from './sla';

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
