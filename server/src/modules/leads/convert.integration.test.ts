import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client } from './leads.test-helpers.js';

describeEachDialect('leads: conversion', (env) => {
  it('reuses the existing contact (same email) and company (same name), opens a deal from the lead, once', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const company = await admin.post('/companies', { name: 'Công ty Bình Minh' });
    const contact = await admin.post('/contacts', { givenName: 'Hạnh', familyName: 'Phạm', emails: [{ address: 'hanh.conv@binhminh.vn' }], companyId: company.body.id });
    expect(contact.status).toBe(201);
    const lead = await admin.post('/leads', { values: { name: 'Phạm Thị Hạnh', email: 'HANH.conv@binhminh.vn', company_name: 'cong ty binh minh', source: 'referral' } });
    expect(lead.status).toBe(201);

    const preview = await admin.get(`/leads/${lead.body.id}/convert/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.contacts).toEqual([expect.objectContaining({ id: contact.body.id, reasons: ['email'] })]);
    expect(preview.body.companies).toEqual([expect.objectContaining({ id: company.body.id, reasons: ['name'] })]);

    // Bad input names the field: a negative amount, an unknown contact, a stage of no pipeline.
    expect((await admin.post(`/leads/${lead.body.id}/convert`, { contact: { id: contact.body.id }, deal: { name: 'X', amount: -5 } })).body.error.fields[0].path).toBe('deal.amount');
    expect((await admin.post(`/leads/${lead.body.id}/convert`, { contact: { id: 'nope' } })).body.error.fields[0].path).toBe('contact.id');
    const badStage = await admin.post(`/leads/${lead.body.id}/convert`, { contact: { id: contact.body.id }, deal: { name: 'X', pipeline: 'nope', stage: 'nope' } });
    expect(badStage.status).toBe(400);
    expect(badStage.body.error.fields[0].path).toMatch(/^deal\./);
    // Nothing of a failed conversion stays.
    expect((await admin.get(`/leads/${lead.body.id}`)).body.values.status).toBe('new');

    const done = await admin.post(`/leads/${lead.body.id}/convert`, {
      contact: { id: contact.body.id }, company: { id: company.body.id }, deal: { name: 'Bình Minh — CRM 50 users', amount: 120_000_000 },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ contactId: contact.body.id, companyId: company.body.id });
    const deal = await admin.get(`/deals/${done.body.dealId}`);
    expect(deal.status).toBe(200);
    expect(deal.body.values).toMatchObject({ name: 'Bình Minh — CRM 50 users', amount: { amount: 120_000_000, currency: 'VND' } });
    expect(deal.body.values.lead).toBe(lead.body.id);
    expect(deal.body.values.contact).toBe(contact.body.id);
    expect(deal.body.values.company).toBe(company.body.id);
    const converted = (await admin.get(`/leads/${lead.body.id}`)).body.values;
    expect(converted).toMatchObject({ status: 'converted', contact: contact.body.id, company: company.body.id, deal: done.body.dealId });
    expect(converted.converted_at).toBeTruthy();
    // No new contact or company was made.
    expect((await admin.get('/contacts?limit=200')).body.data.filter((c: { id: string; emails: { address: string }[] }) => c.emails?.some((e) => e.address === 'hanh.conv@binhminh.vn'))).toHaveLength(1);

    const again = await admin.post(`/leads/${lead.body.id}/convert`, { contact: 'new' });
    expect(again.status).toBe(409);
    expect(again.body.error.fields[0].path).toBe('status');
    // A hand edit cannot mark a lead converted, nor un-convert it.
    const other = await admin.post('/leads', { values: { name: 'Other', email: 'other.conv@example.vn' } });
    expect((await admin.patch(`/leads/${other.body.id}`, { values: { status: 'converted' } })).body.error.fields[0].path).toBe('values.status');
    expect((await admin.patch(`/leads/${lead.body.id}`, { values: { status: 'new' } })).body.error.fields[0].path).toBe('values.status');

    // The lead's history is on the contact's timeline (captured … converted) and on the company's.
    const timeline = await admin.get(`/contacts/${contact.body.id}/timeline?types=lead`);
    expect(timeline.status).toBe(200);
    const titles = timeline.body.data.map((i: { title: string }) => i.title);
    expect(titles[0]).toBe('Lead converted: Phạm Thị Hạnh');
    expect(titles).toContain('Lead captured: Phạm Thị Hạnh');
    expect(timeline.body.data[0]).toMatchObject({ type: 'lead', source: 'leads', link: `/leads/${lead.body.id}` });
    expect((await admin.get(`/companies/${company.body.id}/timeline?types=lead`)).body.data.length).toBeGreaterThan(0);
  });

  it('creates a new contact and company from the lead when asked, in the default pipeline', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const lead = await admin.post('/leads', { values: { name: 'Nguyễn Văn Thành', email: 'thanh@thanhdat.vn', phone: '0903 123 456', company_name: 'Thành Đạt Co', job_title: 'CEO' } });
    const done = await admin.post(`/leads/${lead.body.id}/convert`, { contact: 'new', company: 'new', deal: { name: 'Thành Đạt deal' } });
    expect(done.status).toBe(200);
    const contact = await admin.get(`/contacts/${done.body.contactId}`);
    expect(contact.body).toMatchObject({ familyName: 'Nguyễn', givenName: 'Văn Thành', jobTitle: 'CEO', companyId: done.body.companyId });
    expect(contact.body.emails[0].address).toBe('thanh@thanhdat.vn');
    const company = await admin.get(`/companies/${done.body.companyId}`);
    expect(company.body).toMatchObject({ name: 'Thành Đạt Co', domain: 'thanhdat.vn' });
    const deal = await admin.get(`/deals/${done.body.dealId}`);
    expect(deal.body.values.pipeline).toBeTruthy();
    expect(deal.body.values.stage).toBeTruthy();
    // Without a deal and a company name, only the contact.
    const bare = await admin.post('/leads', { values: { name: 'Solo', phone: '0911222333' } });
    const solo = await admin.post(`/leads/${bare.body.id}/convert`, {});
    expect(solo.body).toMatchObject({ companyId: null, dealId: null });
  });

  it('holds scopes: an own-scope seller neither previews nor converts a colleague\'s lead, and sees only theirs', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const grants = { leads: { actions: ['read', 'create', 'update'], scope: 'own' }, contacts: { actions: ['read', 'create', 'update'], scope: 'own' }, companies: { actions: ['read', 'create'], scope: 'own' }, deals: { actions: ['read', 'create'], scope: 'own' } } as const;
    const a = await actor(env(), { permissions: grants as never });
    const b = await actor(env(), { permissions: grants as never });
    const sellerA = client(env(), a.headers);
    const sellerB = client(env(), b.headers);
    const theirs = await admin.post('/leads', { values: { name: 'Theirs', email: 'theirs@example.vn' }, ownerId: b.id });
    expect((await sellerA.get(`/leads/${theirs.body.id}/convert/preview`)).status).toBe(404);
    expect((await sellerA.post(`/leads/${theirs.body.id}/convert`, {})).status).toBe(404);
    expect((await sellerA.get('/leads?limit=200')).body.data.some((l: { id: string }) => l.id === theirs.body.id)).toBe(false);
    const done = await sellerB.post(`/leads/${theirs.body.id}/convert`, { deal: { name: 'B deal' } });
    expect(done.status).toBe(200);
    expect((await sellerB.get(`/deals/${done.body.dealId}`)).body.ownerId).toBe(b.id);
    // Rules are read by sellers, changed by managers only.
    expect((await sellerA.post('/lead-assignment-rules', { name: 'x', userId: a.id })).status).toBe(403);
    // A contact of another owner cannot be reused by a seller who cannot see it.
    const hidden = await admin.post('/contacts', { givenName: 'Hidden', emails: [{ address: 'hidden@example.vn' }], ownerId: b.id });
    const mine = await sellerA.post('/leads', { values: { name: 'Mine', email: 'hidden@example.vn' } });
    expect((await sellerA.get(`/leads/${mine.body.id}/convert/preview`)).body.contacts).toEqual([]);
    expect((await sellerA.post(`/leads/${mine.body.id}/convert`, { contact: { id: hidden.body.id } })).body.error.fields[0].path).toBe('contact.id');
  });
});
