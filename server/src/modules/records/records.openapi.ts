/**
 * Each custom object in the OpenAPI document, built at request time of /api/openapi.json from the current
 * definitions: `components.schemas.<Name>Values` (typed per field) and `<Name>Record`, and the object's own
 * paths (`/api/v1/objects/<name>` list/create, `/{id}` get/update/delete) referencing them. A new object or field
 * shows up in the next document without a restart, on every node.
 */
import type { FieldType } from '../../../../contracts/records.js';
import type { AppContext } from '../../platform/context.js';
import { fresh, type FieldDefinition, type ObjectDefinition } from '../../platform/records/index.js';

type Schema = Record<string, unknown>;

const pascal = (name: string) => name.split('_').map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('');

const typeSchemas: Record<FieldType, Schema> = {
  text: { type: 'string', maxLength: 1000 },
  long_text: { type: 'string', maxLength: 20000 },
  email: { type: 'string', format: 'email' },
  phone: { type: 'string', description: 'E.164, e.g. +84903123456' },
  url: { type: 'string', format: 'uri' },
  user: { type: 'string', description: 'User id' },
  relation: { type: 'string', description: 'Record id' },
  select: { type: 'string' },
  multi_select: { type: 'array', items: { type: 'string' } },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  number: { type: 'number' },
  percent: { type: 'number' },
  rating: { type: 'integer', minimum: 1, maximum: 5 },
  boolean: { type: 'boolean' },
  money: {
    type: 'object', required: ['amount'],
    properties: { amount: { type: 'integer', description: 'Minor units' }, currency: { type: 'string' } },
  },
  relations: { type: 'array', maxItems: 200, uniqueItems: true, items: { type: 'string', format: 'uuid' }, description: 'Record ids (many-to-many)' },
  attachments: {
    type: 'array', maxItems: 20, readOnly: true, description: 'Files; upload and delete at …/{id}/fields/{key}/files',
    items: { type: 'object', required: ['id', 'name', 'size', 'contentType'], properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' }, contentType: { type: 'string' } } },
  },
  // Computed fields are typed by their result type (fieldSchema); these stand for an unknown one.
  formula: { type: 'string' },
  rollup: { type: 'number' },
};

function fieldSchema(f: FieldDefinition): Schema {
  const base: Schema = { ...typeSchemas[f.computed ? f.computed.resultType : f.type], description: `${f.labels.en} / ${f.labels.vi}${f.help ? ` — ${f.help.en}` : ''}` };
  if (f.computed) {
    const r = f.computed.rollup;
    base.readOnly = true;
    base.description = `${base.description} (read-only, computed: ${f.computed.formula ?? (r ? `${r.fn} of ${r.object}${r.field ? `.${r.field}` : ''} by ${r.relation}` : '')})`;
  }
  if (f.type === 'select' && f.options) base.enum = f.options.map((o) => o.value);
  if (f.type === 'multi_select' && f.options) base.items = { type: 'string', enum: f.options.map((o) => o.value) };
  if (f.type === 'money' && f.currency) (base.properties as Schema).currency = { type: 'string', const: f.currency };
  if ((f.type === 'relation' || f.type === 'relations') && f.relationTarget) base.description = `${base.description} (id of a record of ${f.relationTarget})`;
  return { anyOf: [base, { type: 'null' }] };
}

function objectSchemas(def: ObjectDefinition): Record<string, Schema> {
  const n = pascal(def.name);
  const live = def.fields.filter((f) => !f.archived);
  return {
    [`${n}Values`]: {
      type: 'object', additionalProperties: false, description: `Field values of ${def.labels.en.plural}`,
      properties: Object.fromEntries(live.map((f) => [f.key, fieldSchema(f)])),
      ...(live.some((f) => f.required) ? { required: live.filter((f) => f.required).map((f) => f.key) } : {}),
    },
    [`${n}Record`]: {
      type: 'object', required: ['id', 'version', 'values', 'title'],
      properties: {
        id: { type: 'string' }, version: { type: 'integer' }, values: { $ref: `#/components/schemas/${n}Values` }, title: { type: 'string' },
        ownerId: { type: ['string', 'null'] }, teamId: { type: ['string', 'null'] }, createdAt: { type: 'string' }, updatedAt: { type: 'string' },
        createdBy: { type: ['string', 'null'] }, updatedBy: { type: ['string', 'null'] }, deletedAt: { type: ['string', 'null'] },
        masked: { type: 'array', items: { type: 'string' } },
      },
    },
  };
}

function objectPaths(def: ObjectDefinition): Record<string, Schema> {
  const n = pascal(def.name);
  const tags = [def.custom ? `object:${def.name}` : def.name];
  const base = def.custom ? `/api/v1/objects/${def.name}` : `/api/v1/${def.apiPath ?? `objects/${def.name}`}`;
  const record = { $ref: `#/components/schemas/${n}Record` };
  const error = { description: 'Error `{ error: { code, message, fields? } }`' };
  const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });
  const body = (required: boolean) => ({ required: true, ...json({ type: 'object', properties: { values: required ? { $ref: `#/components/schemas/${n}Values` } : { type: 'object' }, ownerId: { type: ['string', 'null'] }, teamId: { type: ['string', 'null'] } } }) });
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  return {
    [base]: {
      get: {
        tags, operationId: `list${n}`, summary: `List ${def.labels.en.plural}`,
        parameters: ['filter', 'sort', 'q', 'include', 'cursor', 'limit'].map((name) => ({ name, in: 'query', required: false, schema: name === 'limit' ? { type: 'integer', maximum: 200 } : { type: 'string' } })),
        responses: { 200: { description: 'A page', ...json({ type: 'object', properties: { data: { type: 'array', items: record }, nextCursor: { type: ['string', 'null'] } } }) }, '4XX': error },
      },
      post: { tags, operationId: `create${n}`, summary: `Create a ${def.labels.en.singular}`, requestBody: body(true), responses: { 201: { description: 'Created', ...json(record) }, '4XX': error } },
    },
    [`${base}/{id}`]: {
      get: { tags, operationId: `get${n}`, summary: `Get a ${def.labels.en.singular}`, parameters: id, responses: { 200: { description: 'The record', ...json(record) }, '4XX': error } },
      patch: { tags, operationId: `update${n}`, summary: `Update a ${def.labels.en.singular} (If-Match)`, parameters: id, requestBody: body(false), responses: { 200: { description: 'Updated', ...json(record) }, '4XX': error } },
      delete: { tags, operationId: `delete${n}`, summary: `Delete a ${def.labels.en.singular} (recycle bin)`, parameters: id, responses: { 204: { description: 'Deleted' }, '4XX': error } },
    },
  };
}

/** Adds every object's schemas and paths (custom objects at /objects/<name>, standard ones at their own path) to a copy of the document. */
export async function addObjectsToOpenApi(doc: Record<string, unknown>, ctx: AppContext): Promise<Record<string, unknown>> {
  const defs = [...(await fresh(ctx.database.db)).values()];
  const components = (doc.components ?? {}) as { schemas?: Record<string, Schema> };
  components.schemas = { ...(components.schemas ?? {}) };
  const paths = { ...((doc.paths ?? {}) as Record<string, Schema>) };
  for (const def of defs) {
    Object.assign(components.schemas, objectSchemas(def));
    Object.assign(paths, objectPaths(def));
  }
  return { ...doc, components, paths };
}
