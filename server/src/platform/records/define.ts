/**
 * Short builders for standard objects' definitions in code.
 *
 * @example field('amount', 'money', { en: 'Amount', vi: 'Giá trị' }, { currency: 'VND', required: true })
 */
import type { FieldType, SelectOption } from '../../../../contracts/records.js';
import type { FieldDefinition } from './definitions.js';
import { searchableTypes, unindexedTypes } from './definitions.js';

/** A field whose column is its key (standard tables need no `f_` prefix); defaults as for an administrator's field. */
export function field(key: string, type: FieldType, labels: { en: string; vi: string }, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return {
    key, type, column: key, labels, help: null, required: false, unique: false, default: null, classification: 'internal',
    filterable: !unindexedTypes.has(type), sortable: !unindexedTypes.has(type), searchable: searchableTypes.has(type) && type !== 'long_text',
    options: null, currency: null, relationTarget: null, readOnly: false, archived: false, position: 0, ...extra,
  };
}

/** A select option with its colour and labels; position follows the array order when built with `options()`. */
export function option(value: string, en: string, vi: string, color: SelectOption['color'] = 'gray'): SelectOption {
  return { value, labels: { en, vi }, color, position: 0 };
}

/** Numbers positions of fields and options in declaration order. */
export function ordered(fields: FieldDefinition[]): FieldDefinition[] {
  return fields.map((f, i) => ({ ...f, position: i, options: f.options ? f.options.map((o, j) => ({ ...o, position: j })) : null }));
}
