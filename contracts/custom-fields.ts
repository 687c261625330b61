/**
 * Custom field definitions per entity (admin manages; every signed-in user lists them). Values live in a
 * record's `custom` object, keyed by the definition's `key`, validated on write by type (400 naming
 * `custom.<key>`), defaults applied on create, `required` enforced. Values of fields above the reader's
 * classification level are returned as null with the key listed in `masked`; writing one is a 403.
 */
import { z } from 'zod';
import { classificationSchema, idSchema, isoDateTime, localizedText } from './common.js';

export const customFieldEntities = ['contact', 'company'] as const;
export const customFieldEntity = z.enum(customFieldEntities);
export type CustomFieldEntity = z.infer<typeof customFieldEntity>;

/**
 * Value shapes by type: text/long_text/url/email/phone → string (email lowercased, phone E.164),
 * number → number, money → integer minor units (currency on the definition), date → YYYY-MM-DD,
 * datetime → ISO 8601 (stored UTC), select → option value, multi_select → option values,
 * checkbox → boolean, user → user id, relation → id of a record of `relationEntity`.
 */
export const customFieldTypes = [
  'text', 'long_text', 'number', 'money', 'date', 'datetime', 'select', 'multi_select', 'checkbox', 'url', 'email',
  'phone', 'user', 'relation',
] as const;
export const customFieldType = z.enum(customFieldTypes);
export type CustomFieldType = z.infer<typeof customFieldType>;

export const customFieldOption = z.strictObject({ value: z.string().min(1).max(100), label: localizedText });
export type CustomFieldOption = z.infer<typeof customFieldOption>;

/** Slug: lowercase letter first, then letters, digits, _ (unique per entity). */
export const customFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'lowercase slug: a-z, 0-9, _');

export const customFieldSchema = z.object({
  id: idSchema,
  entity: customFieldEntity,
  key: customFieldKey,
  type: customFieldType,
  label: localizedText,
  options: z.array(customFieldOption),
  required: z.boolean(),
  /** Applied on create when the field is absent. */
  default: z.unknown().nullable(),
  classification: classificationSchema,
  /** For `relation`: which entity the value points to. */
  relationEntity: customFieldEntity.nullable(),
  /** For `money`: ISO 4217 code. */
  currency: z.string().nullable(),
  position: z.number().int(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const customFieldInput = z.strictObject({
  entity: customFieldEntity,
  key: customFieldKey,
  type: customFieldType,
  label: localizedText,
  options: z.array(customFieldOption).max(200).optional(),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  classification: classificationSchema.optional().describe('Default internal'),
  relationEntity: customFieldEntity.nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CustomFieldInput = z.infer<typeof customFieldInput>;

/** PATCH: entity, key and type are fixed once created. */
export const customFieldPatch = z.strictObject({
  label: localizedText.optional(),
  options: z.array(customFieldOption).max(200).optional(),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  classification: classificationSchema.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CustomFieldPatch = z.infer<typeof customFieldPatch>;

export const customFieldListQuery = z.object({ entity: customFieldEntity.optional() });
export const customFieldList = z.object({ data: z.array(customFieldSchema) });
