/**
 * The OpenAPI document's `POST /orders` takes the records engine's `{ values }` or, with `externalId`, an order from
 * an e-commerce integration (orders.intake.ts); the engine's path entry only knows the first.
 */
import { z } from 'zod';
import { externalOrderBody } from '../../../../contracts/orders.js';

type Doc = Record<string, unknown> & { paths?: Record<string, Record<string, Record<string, unknown>>> };

export async function addIntakeToOpenApi(doc: Record<string, unknown>): Promise<Record<string, unknown>> {
  const post = (doc as Doc).paths?.['/api/v1/orders']?.post as { requestBody?: { content?: Record<string, { schema?: unknown }> }; responses?: Record<string, unknown>; description?: string } | undefined;
  const json = post?.requestBody?.content?.['application/json'];
  if (!post || !json?.schema) return doc;
  const intake = z.toJSONSchema(externalOrderBody, { io: 'input' }) as Record<string, unknown>;
  delete intake.$schema;
  json.schema = { oneOf: [json.schema, intake] };
  post.description = 'With `externalId`: an order from an e-commerce integration — idempotent on `source` + `externalId` (the same order again answers 200 with the existing order, nothing written), the customer matched by email or phone (else created), lines by SKU (unknown → 400 naming `lines.<i>.sku`).';
  post.responses = { 200: { description: 'The order already taken in for this source and externalId', content: (post.responses?.['201'] as { content?: unknown } | undefined)?.content ?? {} }, ...post.responses };
  return doc;
}
