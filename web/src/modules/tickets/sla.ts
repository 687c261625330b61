/**
 * A ticket's SLA state for the list and record page, from its read-only SLA fields: paused while waiting, met
 * once solved/closed before the due, else breached past a due and at risk in the last 20 % (or 2 hours) before it.
 *
 * @example slaState({ status: 'open', resolution_due: '2026-12-07T10:00:00Z' }, Date.parse('2026-12-07T11:00:00Z')) // { state: 'breached', ... }
 */
export type SlaState = 'breached' | 'at_risk' | 'on_track' | 'paused' | 'met';

const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);

export function slaState(v: Record<string, unknown>, now: number): { state: SlaState; due: string | null; kind: 'firstResponse' | 'resolution' } | null {
  const firstOpen = !v.first_responded_at && typeof v.first_response_due === 'string';
  const kind = firstOpen ? 'firstResponse' : 'resolution';
  const dueText = (firstOpen ? v.first_response_due : v.resolution_due) as string | null | undefined;
  if (typeof dueText !== 'string') return null;
  const due = time(dueText);
  if (v.status === 'solved' || v.status === 'closed') {
    const done = time(v.solved_at);
    return { state: Number.isFinite(done) && done > due ? 'breached' : 'met', due: dueText, kind };
  }
  if (v.sla_paused_at) return { state: 'paused', due: dueText, kind };
  if (now >= due) return { state: 'breached', due: dueText, kind };
  const created = time(v.created_at);
  const window = Number.isFinite(created) ? Math.max((due - created) * 0.2, 0) : 2 * 3_600_000;
  return { state: due - now <= Math.max(window, 0) ? 'at_risk' : 'on_track', due: dueText, kind };
}

export const slaColor: Record<SlaState, string> = { breached: 'red', at_risk: 'orange', on_track: 'green', paused: 'gray', met: 'teal' };

/**
 * The state of one of the two dues alone (the list's columns): the first response until there is one, the resolution
 * until solved. Null when that due is not set or (first response) already answered.
 * @example dueState({ status: 'open', first_responded_at: null, first_response_due: '…' }, 'firstResponse', now) // 'at_risk'
 */
export function dueState(v: Record<string, unknown>, kind: 'firstResponse' | 'resolution', now: number): SlaState | null {
  if (kind === 'firstResponse') {
    if (v.first_responded_at) return null;
    return slaState({ ...v, resolution_due: null }, now)?.state ?? null;
  }
  return slaState({ ...v, first_response_due: null }, now)?.state ?? null;
}

/**
 * The state of the ticket's current SLA target (`sla_due_at`, kept by the server: first response, next response or
 * resolution): breached at the due, at risk from the warning time (`sla_warn_at`, else the last 2 hours), paused while
 * the clock is stopped; null once solved or without a due.
 * @example currentDueState({ status: 'open', sla_due_at: '2026-12-07T12:00:00Z' }, Date.parse('2026-12-07T11:00:00Z')) // 'at_risk'
 */
export function currentDueState(v: Record<string, unknown>, now: number): SlaState | null {
  if (v.status === 'solved' || v.status === 'closed') return null;
  if (v.sla_paused_at) return 'paused';
  const due = time(v.sla_due_at);
  if (!Number.isFinite(due)) return null;
  if (now >= due) return 'breached';
  const warn = time(v.sla_warn_at);
  return now >= (Number.isFinite(warn) ? warn : due - 2 * 3_600_000) ? 'at_risk' : 'on_track';
}
