import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { sniffImageType } from './products.images.js';
import { actor, client, product } from './products.test-helpers.js';

/** A valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

describeEachDialect('product images: upload, list, serve, primary, delete, permissions', (env) => {
  it('uploads, lists, serves the bytes, makes primary, refuses bad input and a rep without update, deletes', async () => {
    const me = await actor(env(), { admin: true });
    const admin = client(env(), me.headers);
    const id = await product(admin, { name: 'Quạt có ảnh' });

    expect((await admin.get(`/products/${id}/images`)).body.data).toEqual([]);
    const up = await admin.post(`/products/${id}/images`, { filename: 'quat.png', file: PNG.toString('base64') });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ productId: id, filename: 'quat.png', contentType: 'image/png', size: PNG.length, primary: true, position: 0 });
    const second = await admin.post(`/products/${id}/images`, { filename: 'side.gif', file: GIF.toString('base64') });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ contentType: 'image/gif', primary: false, position: 1 });

    const list = await admin.get(`/products/${id}/images`);
    expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([up.body.id, second.body.id]);

    const served = await env().app.inject({ method: 'GET', url: up.body.url, headers: me.headers });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(String(served.headers['cache-control'])).toContain('max-age');
    expect(served.rawPayload.equals(PNG)).toBe(true);

    // A text file named .png, and too large a file: refused naming `file`, nothing stored.
    const fake = await admin.post(`/products/${id}/images`, { filename: 'evil.png', file: Buffer.from('<script>alert(1)</script>').toString('base64') });
    expect(fake.status).toBe(400);
    expect(fake.body.error.fields[0].path).toBe('file');
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await admin.post(`/products/${id}/images`, { filename: 'big.png', file: big.toString('base64') });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.fields[0].path).toBe('file');
    expect((await admin.get(`/products/${id}/images`)).body.data).toHaveLength(2);

    // A rep who may read but not update products sees the images and cannot change them.
    const rep = client(env(), (await actor(env(), { permissions: { products: { actions: ['read'], scope: 'all' } } })).headers);
    expect((await rep.get(`/products/${id}/images`)).body.data).toHaveLength(2);
    expect((await rep.post(`/products/${id}/images`, { filename: 'r.png', file: PNG.toString('base64') })).status).toBe(403);
    expect((await rep.del(`/products/${id}/images/${up.body.id}`)).status).toBe(403);
    expect((await rep.post(`/products/${id}/images/${second.body.id}/primary`, {})).status).toBe(403);

    const primary = await admin.post(`/products/${id}/images/${second.body.id}/primary`, {});
    expect(primary.status).toBe(200);
    expect(primary.body.data.map((i: { id: string; primary: boolean }) => [i.id, i.primary])).toEqual([[second.body.id, true], [up.body.id, false]]);

    expect((await admin.del(`/products/${id}/images/${second.body.id}`)).status).toBe(204);
    const after = await admin.get(`/products/${id}/images`);
    expect(after.body.data.map((i: { id: string; primary: boolean }) => [i.id, i.primary])).toEqual([[up.body.id, true]]);
    expect((await env().app.inject({ method: 'GET', url: second.body.url, headers: me.headers })).statusCode).toBe(404);
    expect((await admin.get(`/products/${id}/images/${second.body.id}`)).status).toBe(404);

    const audit = await env().database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'product_image').where('entity_id', 'in', [up.body.id, second.body.id]).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'update', 'delete']);
  });

  it('knows images by their leading bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('%PDF-1.4'))).toBeNull();
  });
});
