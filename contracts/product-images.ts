/**
 * Product images (issue 17 item 1): uploaded files shown on the product page and list. Imports only zod.
 * `POST /products/{id}/images` takes one file as base64; the first image (lowest position) is the primary one.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

/** The largest image accepted: 5 MiB (413 naming `file` above it). */
export const PRODUCT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Accepted image types (checked by the file's leading bytes, not only by its name). */
export const productImageTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export const productImageInput = z.object({
  /** The file's name as picked (stored cleaned, shown in the list). */
  filename: z.string().trim().min(1).max(200),
  /** The file's bytes, base64 (PNG, JPEG, WebP or GIF; at most 5 MiB decoded). */
  file: z.string().max(8_000_000),
});
export type ProductImageInput = z.infer<typeof productImageInput>;

export const productImageSchema = z.object({
  id: idSchema,
  productId: idSchema,
  filename: z.string(),
  contentType: z.enum(productImageTypes),
  size: z.number().int(),
  /** Order among the product's images; the first is the primary image. */
  position: z.number().int(),
  primary: z.boolean(),
  /** Where the bytes are served (`GET /api/v1/products/{id}/images/{imageId}`). */
  url: z.string(),
  createdAt: isoDateTime,
});
export type ProductImage = z.infer<typeof productImageSchema>;
export const productImageList = z.object({ data: z.array(productImageSchema) });
