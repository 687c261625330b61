import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam, createUser } from '../../platform/testing/factories.js';
import { actor, byEmail, capture, client, q } from './leads.test-helpers.js';

describeEachDialect('leads: capture, scoring, assignment', (env) => {
  it('captures a web-form lead with its UTM data and referrer; honeypot, validation and rate limit', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const ok = await capture(env(), {
      name: 'Trần Thị Mai', email: 'mai.capture@example.vn', company: 'Sao Mai JSC', productInterest: 'CRM', region: 'Hà Nội',
      utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'tet-2027', utm_term: 'crm', utm_content: 'ad1', message: 'Xin báo giá',
    }, { headers: { referer: 'https://kith.example/pricing?x=1' } });
    expect(ok.status).toBe(201);
    const found = await admin.get(byEmail('mai.capture@example.vn'));
    expect(found.body.data).toHaveLength(1);
    const lead = found.body.data[0].values;
    expect(lead).toMatchObject({
      name: 'Trần Thị Mai', source: 'web_form', status: 'new', company_name: 'Sao Mai JSC', product_interest: 'CRM', region: 'Hà Nội',
      utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'tet-2027', utm_term: 'crm', utm_content: 'ad1', referrer: 'https://kith.example/pricing?x=1',
      message: 'Xin báo giá', assignment: 'no rule matched: unassigned',
    });
    expect(found.body.data[0].ownerId ?? null).toBeNull();

    // The honeypot: a bot's answer looks the same, nothing is stored.
    const bot = await capture(env(), { name: 'Bot', email: 'bot@spam.test', website: 'http://spam.test' });
    expect(bot.status).toBe(201);
    expect((await admin.get(byEmail('bot@spam.test'))).body.data).toHaveLength(0);

    const none = await capture(env(), { name: 'No way to reach' });
    expect(none.status).toBe(400);
    expect(none.body.error.fields[0].path).toBe('email');
    const badEmail = await capture(env(), { email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.fields[0].path).toBe('email');

    // 10 per minute per IP; the 11th is 429 with Retry-After; another IP is unaffected.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await capture(env(), { phone: `09123450${String(i).padStart(2, '0')}` }, { ip: '10.77.0.1' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    const limited = await capture(env(), { phone: '0912345099' }, { ip: '10.77.0.1' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await capture(env(), { phone: '0912345098' }, { ip: '10.77.0.2' })).status).toBe(201);
  });

  it('scores leads by rules on every write, validates rules against the definition, rescores all', async () => {
    const adminActor = await actor(env(), { admin: true });
    const admin = client(env(), adminActor.headers);
    const bad = [
      [{ field: 'nope', operator: 'eq', value: 'x', points: 5 }, 'field'],
      [{ field: 'score', operator: 'gt', value: '1', points: 5 }, 'field'],
      [{ field: 'source', operator: 'eq', value: 'carrier_pigeon', points: 5 }, 'value'],
      [{ field: 'region', operator: 'gt', value: '3', points: 5 }, 'operator'],
      [{ field: 'region', operator: 'eq', points: 5 }, 'value'],
      [{ field: 'region', operator: 'bigger', value: '1', points: 5 }, 'operator'],
    ] as const;
    for (const [body, path] of bad) {
      const res = await admin.post('/lead-scoring-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[0].path).toBe(path);
    }
    const r1 = await admin.post('/lead-scoring-rules', { field: 'source', operator: 'eq', value: 'referral', points: 30 });
    expect(r1.status).toBe(201);
    await admin.post('/lead-scoring-rules', { field: 'email', operator: 'is_set', points: 10 });
    await admin.post('/lead-scoring-rules', { field: 'job_title', operator: 'contains', value: 'giám đốc', points: 20 });
    const created = await admin.post('/leads', { values: { name: 'Lê Văn Hùng', email: 'hung.score@example.vn', source: 'referral', job_title: 'Phó Giam Doc' } });
    expect(created.status).toBe(201);
    expect(created.body.values.score).toBe(60);
    const patched = await admin.patch(`/leads/${created.body.id}`, { values: { source: 'cold_call' } });
    expect(patched.body.values.score).toBe(30);
    // The score is derived: a client cannot set it.
    expect((await admin.patch(`/leads/${created.body.id}`, { values: { score: 99 } })).body.error.fields[0].path).toBe('values.score');

    // A new rule changes nothing until a rescore, which recomputes every lead.
    const phoneRule = await admin.post('/lead-scoring-rules', { field: 'phone', operator: 'is_set', points: 5 });
    const withPhone = await admin.post('/leads', { values: { name: 'Phone only', phone: '0987000111' } });
    expect(withPhone.body.values.score).toBe(5);
    await admin.put(`/lead-scoring-rules/${phoneRule.body.id}`, { field: 'phone', operator: 'is_set', points: 7 });
    const rescored = await admin.post('/lead-scoring-rules/rescore', {});
    expect(rescored.status).toBe(200);
    expect(rescored.body.changed).toBeGreaterThan(0);
    expect((await admin.get(`/leads/${withPhone.body.id}`)).body.values.score).toBe(7);
    expect((await admin.get(`/leads/${created.body.id}`)).body.values.score).toBe(30);
    // Only managers of leads edit rules.
    const seller = client(env(), (await actor(env(), { permissions: { leads: { actions: ['read', 'create', 'update'], scope: 'all' } } })).headers);
    expect((await seller.get('/lead-scoring-rules')).status).toBe(200);
    expect((await seller.post('/lead-scoring-rules', { field: 'phone', operator: 'is_set', points: 1 })).status).toBe(403);
    for (const r of (await admin.get('/lead-scoring-rules')).body.data) expect((await admin.del(`/lead-scoring-rules/${r.id}`)).status).toBe(204);
  });

  it('assigns by ordered rules: round robin in a team (fair under concurrent captures), a user, the decision written', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(db, { name: 'Hà Nội' });
    const members: { id: string; name: string }[] = [];
    for (const name of ['Lan', 'Minh', 'Tuấn']) members.push(await createUser(db, { name, teamId: team.id }));
    const off = await createUser(db, { name: 'Off', teamId: team.id });
    await db.updateTable('users').set({ active: 0 }).where('id', '=', off.id).execute();
    const solo = await createUser(db, { name: 'Hoa' });

    expect((await admin.post('/lead-assignment-rules', { name: 'Both', teamId: team.id, userId: solo.id })).body.error.fields[0].path).toBe('teamId');
    expect((await admin.post('/lead-assignment-rules', { name: 'Bad source', conditions: { source: ['fax'] }, userId: solo.id })).body.error.fields[0].path).toBe('conditions.source.0');
    const hanoi = await admin.post('/lead-assignment-rules', { name: 'Hanoi web leads', conditions: { source: ['web_form'], region: ['Hà Nội', 'Ha Noi'] }, teamId: team.id });
    expect(hanoi.status).toBe(201);
    const events = await admin.post('/lead-assignment-rules', { name: 'Events to Hoa', conditions: { source: ['event'] }, userId: solo.id, position: 0 });
    expect((await admin.get('/lead-assignment-rules')).body.data.map((r: { name: string }) => r.name)).toEqual(['Events to Hoa', 'Hanoi web leads']);

    const first = await capture(env(), { name: 'RR 1', email: 'rr1@example.vn', region: 'Ha Noi' });
    expect(first.status).toBe(201);
    const one = (await admin.get(byEmail('rr1@example.vn'))).body.data[0];
    const start = members.findIndex((m) => m.id === one.ownerId);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(one.teamId).toBe(team.id);
    expect(one.values.assignment).toBe(`rule 'Hanoi web leads' → team Hà Nội → ${members[start]!.name} (round robin)`);

    // Nine at once: each member gets three, in ring order after the first.
    await Promise.all(Array.from({ length: 9 }, (_, i) => capture(env(), { name: `RR ${i + 2}`, email: `rr${i + 2}@example.vn`, region: 'Hà Nội' })));
    const all = (await admin.get(`/leads?limit=100&filter=${q([{ field: 'source', op: 'eq', value: 'web_form' }])}`)).body.data
      .filter((l: { values: { email: string } }) => /^rr\d+@/.test(l.values.email));
    expect(all).toHaveLength(10);
    const counts = new Map<string, number>();
    for (const l of all) counts.set(l.ownerId, (counts.get(l.ownerId) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(members.map((m) => m.id).sort());
    expect([...counts.values()].sort()).toEqual([3, 3, 4]);
    expect(counts.get(off.id)).toBeUndefined();
    // One at a time, the turns go round the ring in order (members by creation), continuing where they stopped.
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      await capture(env(), { email: `ring${i}@example.vn`, region: 'Hà Nội' });
      owners.push((await admin.get(byEmail(`ring${i}@example.vn`))).body.data[0].ownerId);
    }
    const at = members.findIndex((m) => m.id === owners[0]);
    expect(owners).toEqual([0, 1, 2, 3].map((k) => members[(at + k) % 3]!.id));
    expect(owners[0]).toBe(members[(start + 10) % 3]!.id);

    // API create without an owner goes through the rules too; with an owner it does not.
    const ev = await admin.post('/leads', { values: { name: 'Met at expo', source: 'event' } });
    expect(ev.body.ownerId).toBe(solo.id);
    expect(ev.body.values.assignment).toBe("rule 'Events to Hoa' → Hoa");
    const mine = await admin.post('/leads', { values: { name: 'Mine', source: 'event' }, ownerId: members[0]!.id });
    expect(mine.body.ownerId).toBe(members[0]!.id);
    expect(mine.body.values.assignment ?? null).toBeNull();
    // A seller who sees only their own leads keeps what they enter (a rule would hide it from them).
    const ownOnly = await actor(env(), { permissions: { leads: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const own = await client(env(), ownOnly.headers).post('/leads', { values: { name: 'Own lead', source: 'event' } });
    expect(own.status).toBe(201);
    expect(own.body.ownerId).toBe(ownOnly.id);
    await admin.del(`/lead-assignment-rules/${events.body.id}`);
    await admin.del(`/lead-assignment-rules/${hanoi.body.id}`);
  });
});
