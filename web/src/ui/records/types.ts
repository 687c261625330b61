/**
 * Wire types of the records platform (object definitions, records, timeline), from contracts/records.ts
 * (types only: no zod in the bundle), plus the few names the generic screens use for them.
 */
import type { RecordData, SelectOption } from '../../../../contracts/records';

export type {
  ByRelationResult, FieldDef, FieldFile, FieldInput as FieldInputBody, FieldPatch, FieldType, RecordFilter, RecordEvent, RecordImportResult, RecordRefsResult,
  RecordType, RecordTypeInput, SelectOption,
} from '../../../../contracts/records';
export type { SavedView, ViewInput } from '../../../../contracts/views';
/** A record of any object as the API sends it. */
export type RecordItem = RecordData;
export type FieldOption = SelectOption;

export type Lang = 'en' | 'vi';

/** Labels in both UI languages; the UI shows the one of the current language, English when it is empty. */
export interface Labels {
  en: string;
  vi: string;
}

/** The language key of an i18next language tag. */
export const langOf = (language: string): Lang => (language.startsWith('vi') ? 'vi' : 'en');

/** A label in the UI language (`vi` falls back to `en` when blank). */
export function localized(labels: { en: string; vi: string } | undefined, language: string): string {
  if (!labels) return '';
  const l = langOf(language);
  return labels[l]?.trim() ? labels[l] : labels.en;
}

/** An object's singular or plural name in the UI language. */
export function typeLabel(type: { labels: { en: { singular: string; plural: string }; vi: { singular: string; plural: string } } }, language: string, form: 'singular' | 'plural'): string {
  const l = langOf(language);
  return type.labels[l][form]?.trim() ? type.labels[l][form] : type.labels.en[form];
}
