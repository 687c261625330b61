import { expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { createTeam, createUser } from '../../platform/testing/factories.js';
import { startSmtpSink } from '../../platform/testing/smtp-sink.js';
import { sendSurvey } from './tickets.survey.js';
import { actor, client } from './tickets.test-helpers.js';

/** Delivers the outbox (the survey listener) and runs the due jobs (the survey mail) until both are idle. */
async function drain(env: TestEnv) {
  for (let i = 0; i < 20; i++) {
    const n = (await env.ctx.services.events.runOnce()) + (await env.ctx.services.jobs.runOnce());
    if (n === 0) return;
  }
}

const publicCall = async (env: TestEnv, method: 'GET' | 'POST', token: string, payload?: object) => {
  const res = await env.app.inject({ method, url: `/api/v1/public/surveys/${token}`, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};

describeEachDialect('tickets: satisfaction survey, agent stats, timelines', (env) => {
  it('mails a one-click survey when solved; the answer lands on the ticket, the agent stats and the contact and company timelines', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(db, { name: 'Support' });
    const agent = await createUser(db, { name: 'Lan', teamId: team.id });
    const company = (await admin.post('/companies', { name: 'Công ty An Phát' })).body;
    const contact = (await admin.post('/contacts', { givenName: 'Bình', familyName: 'Trần', emails: [{ address: 'binh.survey@example.vn' }], companyId: company.id })).body;
    expect(contact.id).toBeTruthy();
    const t = (await admin.post('/tickets', { values: { subject: 'Không đăng nhập được', requester: contact.id, company: company.id, agent: agent.id, team: team.id, language: 'vi' } })).body;
    expect(t.id).toBeTruthy();

    const sink = await startSmtpSink();
    try {
      env().config.smtpUrl = sink.url;
      await admin.patch(`/tickets/${t.id}`, { values: { status: 'open' } });
      const solved = (await admin.patch(`/tickets/${t.id}`, { values: { status: 'solved' } })).body;
      await drain(env());
      const [mail] = await sink.waitFor(1);
      expect(sink.messages).toHaveLength(1);
      expect(mail!.subject).toBe(`Bạn có hài lòng không? ${t.values.number} Không đăng nhập được`);
      expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toContain('binh.survey@example.vn');
      const token = /\/survey\/([A-Za-z0-9_-]+)\?score=5/.exec(mail!.text ?? '')![1]!;
      // A second run of the same solve sends nothing (the send is claimed once).
      expect(await sendSurvey(env().ctx, t.id, solved.values.solved_at)).toBe('skipped');
      expect(sink.messages).toHaveLength(1);
      const stored = await db.selectFrom('ticket_surveys').select(['token_hash']).where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(await db.selectFrom('ticket_surveys').selectAll().execute())).not.toContain(token);

      const first = await publicCall(env(), 'GET', token);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ number: t.values.number, subject: 'Không đăng nhập được', language: 'vi', score: null, comment: null });
      const bad = await publicCall(env(), 'POST', token, { score: 6 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('score');
      expect((await publicCall(env(), 'POST', token, { score: 3, comment: 'Hơi chậm' })).body).toMatchObject({ score: 3, comment: 'Hơi chậm' });
      // A second answer replaces the first.
      const again = await publicCall(env(), 'POST', token, { score: 5 });
      expect(again.body).toMatchObject({ score: 5, comment: null });
      expect(await db.selectFrom('ticket_surveys').select('id').where('ticket_id', '=', t.id).execute()).toHaveLength(1);
      expect((await admin.get(`/tickets/${t.id}`)).body.values).toMatchObject({ satisfaction: 5 });
      expect((await publicCall(env(), 'GET', 'no-such-token-at-all')).status).toBe(404);

      const stats = (await admin.get('/tickets/stats/agents')).body.data.find((s: { agentId: string }) => s.agentId === agent.id);
      expect(stats).toMatchObject({ name: 'Lan', solved: 1, satisfactionAverage: 5, satisfactionCount: 1 });
      expect(stats.medianFirstResponseMinutes).toBeGreaterThanOrEqual(0);
      expect((await admin.get('/tickets/stats/agents?from=nope')).status).toBe(400);

      for (const path of [`/contacts/${contact.id}/timeline`, `/companies/${company.id}/timeline`]) {
        const items = (await admin.get(`${path}?types=ticket_created,ticket_solved,ticket_satisfaction`)).body.data;
        expect(items.map((i: { type: string }) => i.type).sort()).toEqual(['ticket_created', 'ticket_satisfaction', 'ticket_solved']);
        expect(items.find((i: { type: string }) => i.type === 'ticket_satisfaction')).toMatchObject({ link: `/tickets/${t.id}`, data: { score: 5, number: t.values.number } });
      }
      // Someone who may not read tickets sees none on the contact's timeline.
      const rep = client(env(), (await actor(env(), { permissions: { contacts: { actions: ['read'], scope: 'all' } } })).headers);
      const theirs = await rep.get(`/contacts/${contact.id}/timeline`);
      expect(theirs.status).toBe(200);
      expect(theirs.body.data.filter((i: { type: string }) => i.type.startsWith('ticket_'))).toEqual([]);

      // Expired: 410, clearly.
      await db.updateTable('ticket_surveys').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('ticket_id', '=', t.id).execute();
      const gone = await publicCall(env(), 'POST', token, { score: 1 });
      expect(gone.status).toBe(410);
      expect(gone.body.error.message).toMatch(/expired/);
    } finally {
      env().config.smtpUrl = undefined;
      await sink.close();
    }
  });
});
