/**
 * The tickets list's built-in views (web/src/modules/tickets/views.ts) run against the engine's list on both
 * databases: each preset's filters are accepted and pick the right tickets.
 */
import { expect, it } from 'vitest';
import { ticketPresets, type PresetKey } from '../../../../web/src/modules/tickets/views.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, client, q } from './tickets.test-helpers.js';

describeEachDialect('tickets: built-in list views', (env) => {
  it('my tickets, my team\'s, unassigned, breaching soon and overdue pick their tickets', async () => {
    const db = env().database.db;
    const team = await createTeam(db, { name: 'Hỗ trợ' });
    const me = await actor(env(), { admin: true, teamId: team.id, name: 'Lan' });
    const api = client(env(), me.headers);
    await api.post('/ticket-calendars', { name: '24/7', timeZone: 'Asia/Ho_Chi_Minh', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })), isDefault: true });
    // First response within 60 minutes: every new ticket is due within the next 2 hours.
    await api.post('/ticket-sla-policies', { name: 'Fast', firstResponseMinutes: 60, resolutionMinutes: 600 });
    const make = async (subject: string, values: Record<string, unknown> = {}) => {
      const r = await api.post('/tickets', { values: { subject, ...values } });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const mine = await make('Mine', { agent: me.id, team: team.id });
    const teams = await make('Team, unassigned', { team: team.id });
    const free = await make('Unassigned');
    const waiting = await make('Waiting', { status: 'waiting_on_customer' });
    const solved = await make('Solved', { agent: me.id, team: team.id, status: 'solved' });
    // Answered: its current target is the resolution, 10 hours away.
    const answered = await make('Answered', { status: 'open' });

    const ids = async (key: PresetKey, now: number) => {
      const preset = ticketPresets({ id: me.id, teamId: team.id }, now).find((p) => p.id === key)!;
      const res = await api.get(`/tickets?filter=${q(preset.filters)}&sort=${preset.sort}&limit=200`);
      expect(res.status).toBe(200);
      return (res.body.data as { id: string }[]).map((r) => r.id).filter((id) => [mine, teams, free, waiting, solved, answered].includes(id)).sort();
    };
    const now = Date.now();
    expect(await ids('mine', now)).toEqual([mine]);
    expect(await ids('team', now)).toEqual([mine, teams].sort());
    expect(await ids('unassigned', now)).toEqual([teams, free, waiting, answered].sort());
    // Waiting on the customer: the clock is paused (no current due), so neither breaching nor overdue.
    expect(await ids('breaching', now)).toEqual([mine, teams, free].sort());
    expect(await ids('overdue', now)).toEqual([]);
    // Three hours later the same tickets are overdue, no longer breaching soon.
    expect(await ids('breaching', now + 3 * 3_600_000)).toEqual([]);
    expect(await ids('overdue', now + 3 * 3_600_000)).toEqual([mine, teams, free].sort());
    expect(await ids('breaching', now + 9 * 3_600_000)).toEqual([answered]);
  });
});
