/**
 * Product images: upload (base64 JSON, PNG/JPEG/WebP/GIF by their leading bytes, ≤ 5 MiB), list, serve, delete and
 * make primary. Files are stored like attachments under `<dataDir>/attachments/product-images/<yyyy>/<mm>/<id>`
 * (the activities module's storage root); rows in `product_images`. Seeing needs products `read` on a visible
 * product, changing products `update`. Every change is audited (entity `product_image`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams, idSchema } from '../../../../contracts/common.js';
import { PRODUCT_IMAGE_MAX_BYTES, productImageInput, productImageList, productImageSchema, type ProductImage, type ProductImageInput } from '../../../../contracts/product-images.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan } from '../../platform/records/index.js';
import { attachmentPath, removeAttachmentFiles } from '../activities/index.js';
import { visibleProduct } from './inventory.service.js';
import type { ProductImagesTable } from './products.tables.js';

/** The image type from the file's leading bytes, or null when it is none of PNG, JPEG, WebP, GIF. */
export function sniffImageType(b: Buffer): ProductImage['contentType'] | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim();
  return (base || 'image').slice(0, 200);
}

const present = (r: ProductImagesTable, primaryId: string | null): ProductImage => ({
  id: r.id, productId: r.product_id, filename: r.filename, contentType: r.content_type as ProductImage['contentType'], size: Number(r.size),
  position: Number(r.position), primary: r.id === primaryId, url: `/api/v1/products/${r.product_id}/images/${r.id}`, createdAt: r.created_at,
});

const rowsOf = (ex: Executor, productId: string) =>
  ex.selectFrom('product_images').selectAll().where('product_id', '=', productId).orderBy('position').orderBy('id').execute();

async function listOf(ex: Executor, productId: string): Promise<ProductImage[]> {
  const rows = await rowsOf(ex, productId);
  return rows.map((r) => present(r, rows[0]?.id ?? null));
}

async function imageOf(ex: Executor, productId: string, imageId: string): Promise<ProductImagesTable> {
  const row = await ex.selectFrom('product_images').selectAll().where('id', '=', imageId).where('product_id', '=', productId).executeTakeFirst();
  if (!row) throw notFound('image');
  return row;
}

const actorOf = (p: Principal) => ({ id: p.userId, label: p.email });

export const productImagesService = {
  async list(ctx: AppContext, p: Principal, productId: string): Promise<ProductImage[]> {
    const db = ctx.database.db;
    await visibleProduct(db, p, productId);
    return listOf(db, productId);
  },

  /** Checks type (400 `file`) and size (413 `file`) before anything is written; the new image goes last. */
  async upload(ctx: AppContext, p: Principal, productId: string, input: ProductImageInput): Promise<ProductImage> {
    assertCan(p, 'products', 'update');
    const db = ctx.database.db;
    await visibleProduct(db, p, productId);
    const content = Buffer.from(input.file, 'base64');
    if (content.length > PRODUCT_IMAGE_MAX_BYTES) {
      throw new AppError('payload_too_large', 'file: larger than the 5 MiB limit', [{ path: 'file', message: 'larger than 5 MiB' }]);
    }
    if (content.length === 0) throw invalid('file', 'the file is empty');
    const type = sniffImageType(content);
    if (!type) throw invalid('file', 'not a PNG, JPEG, WebP or GIF image');
    const id = newId();
    const now = new Date();
    const rel = path.join('attachments', 'product-images', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), id);
    const abs = attachmentPath(ctx.config.dataDir, rel);
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
    await fs.promises.writeFile(abs, content);
    try {
      return await db.transaction().execute(async (trx) => {
        const last = await trx.selectFrom('product_images').select((eb) => eb.fn.max('position').as('max')).where('product_id', '=', productId).executeTakeFirst();
        const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
        const row: ProductImagesTable = {
          id, product_id: productId, position, filename: cleanName(input.filename), content_type: type, size: content.length, path: rel,
          sha256: createHash('sha256').update(content).digest('hex'), created_by: p.userId, created_at: now.toISOString(),
        };
        await trx.insertInto('product_images').values(row).execute();
        const out = (await listOf(trx, productId)).find((i) => i.id === id)!;
        await appendAudit(trx, { actor: actorOf(p), action: 'create', entity: 'product_image', entityId: id, before: null, after: out });
        return out;
      });
    } catch (err) {
      await removeAttachmentFiles(ctx.config.dataDir, [rel]);
      throw err;
    }
  },

  /** The stored image (row and bytes) of a visible product. */
  async open(ctx: AppContext, p: Principal, productId: string, imageId: string): Promise<{ row: ProductImagesTable; content: Buffer }> {
    const db = ctx.database.db;
    await visibleProduct(db, p, productId);
    const row = await imageOf(db, productId, imageId);
    try {
      return { row, content: await fs.promises.readFile(attachmentPath(ctx.config.dataDir, row.path)) };
    } catch {
      throw new AppError('gone', 'The image file is missing from storage');
    }
  },

  async remove(ctx: AppContext, p: Principal, productId: string, imageId: string): Promise<void> {
    assertCan(p, 'products', 'update');
    const db = ctx.database.db;
    await visibleProduct(db, p, productId);
    const row = await db.transaction().execute(async (trx) => {
      const r = await imageOf(trx, productId, imageId);
      await trx.deleteFrom('product_images').where('id', '=', imageId).execute();
      await appendAudit(trx, { actor: actorOf(p), action: 'delete', entity: 'product_image', entityId: imageId, before: present(r, null), after: null });
      return r;
    });
    await removeAttachmentFiles(ctx.config.dataDir, [row.path]);
  },

  /** Moves the image first (position below every other); answers the product's images in their new order. */
  async makePrimary(ctx: AppContext, p: Principal, productId: string, imageId: string): Promise<ProductImage[]> {
    assertCan(p, 'products', 'update');
    const db = ctx.database.db;
    await visibleProduct(db, p, productId);
    return db.transaction().execute(async (trx) => {
      const r = await imageOf(trx, productId, imageId);
      const rows = await rowsOf(trx, productId);
      const before = present(r, rows[0]?.id ?? null);
      if (rows[0]?.id !== imageId) {
        await trx.updateTable('product_images').set({ position: Number(rows[0]!.position) - 1 }).where('id', '=', imageId).execute();
        await appendAudit(trx, { actor: actorOf(p), action: 'update', entity: 'product_image', entityId: imageId, before, after: { ...before, primary: true, position: Number(rows[0]!.position) - 1, at: nowIso() } });
      }
      return listOf(trx, productId);
    });
  },
};

const tags = ['products'];
const errors = { '4xx': errorSchema } as const;
const imageParams = z.object({ id: idSchema, imageId: idSchema });

export function productImagesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const read = { access: { module: 'products', action: 'read' as const } };
  const update = { access: { module: 'products', action: 'update' as const } };

  r.get('/products/:id/images', {
    config: read, schema: { tags, summary: "A product's uploaded images (the primary first)", operationId: 'listProductImages', params: idParams, response: { 200: productImageList, ...errors } },
  }, async (req) => ({ data: await productImagesService.list(ctx, principalOf(req), req.params.id) }));

  r.post('/products/:id/images', {
    config: update,
    bodyLimit: 12 * 1024 * 1024,
    schema: {
      tags, summary: 'Upload a product image (base64)', operationId: 'uploadProductImage',
      description: '`file`: the bytes as base64 — PNG, JPEG, WebP or GIF by their leading bytes (else 400 naming `file`), at most 5 MiB (413 naming `file`). The new image goes last; the first image is the primary one.',
      params: idParams, body: productImageInput, response: { 201: productImageSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await productImagesService.upload(ctx, principalOf(req), req.params.id, req.body)));

  r.get('/products/:id/images/:imageId', {
    config: read,
    schema: { tags, summary: "A product image's bytes (its image content type)", operationId: 'getProductImage', params: imageParams, response: { 200: z.unknown().describe('The image bytes'), 410: errorSchema, ...errors } },
  }, async (req, reply) => {
    const { row, content } = await productImagesService.open(ctx, principalOf(req), req.params.id, req.params.imageId);
    return reply
      .header('Content-Type', row.content_type)
      .header('Content-Length', String(content.length))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      // An image id never changes its bytes: the browser may keep it (private: it is behind a sign-in).
      .header('Cache-Control', 'private, max-age=86400, immutable')
      .header('ETag', `"${row.sha256}"`)
      .send(content);
  });

  r.delete('/products/:id/images/:imageId', {
    config: update, schema: { tags, summary: 'Delete a product image', operationId: 'deleteProductImage', params: imageParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await productImagesService.remove(ctx, principalOf(req), req.params.id, req.params.imageId); return reply.status(204).send(null); });

  r.post('/products/:id/images/:imageId/primary', {
    config: update, schema: { tags, summary: 'Make an image the primary one (shown first and on the list)', operationId: 'makeProductImagePrimary', params: imageParams, response: { 200: productImageList, ...errors } },
  }, async (req) => ({ data: await productImagesService.makePrimary(ctx, principalOf(req), req.params.id, req.params.imageId) }));
}
