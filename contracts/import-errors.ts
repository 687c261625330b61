/**
 * Why an import row failed, as a stable code with params, so clients show it in their own language.
 * The server keeps an English `message` beside each code (API clients, logs, the legacy `error` text);
 * the web wizard renders `rowErrorTexts` through i18next (`imports.rowErrors.<code>`) and the failed-rows CSV
 * through `formatRowIssue`, so both read the same en/vi sentences.
 */
import { z } from 'zod';
import type { Locale, LocalizedText } from './common.js';

/**
 * Every code a failed row can carry; a client meeting another (newer server) shows `message`.
 * `contact_outside_visibility` and `company_outside_visibility` are no longer written (issue 12: a record the importer
 * may not see is no match, so the row is imported as new); they stay because failures stored earlier carry them.
 */
export const rowErrorCodes = [
  'invalid_date', 'invalid_email', 'invalid_phone', 'unknown_country', 'contact_needs_identity',
  'unknown_custom_field', 'invalid_custom_value', 'unknown_stage', 'contact_outside_visibility',
  'value_too_long', 'invalid_domain', 'invalid_company_size', 'too_many_phones', 'company_needs_name', 'own_parent',
  'owner_email_not_found', 'owner_not_found', 'owner_ambiguous', 'owner_outside_visibility', 'company_outside_visibility',
  'parent_loop', 'parent_failed', 'record_gone',
] as const;
export type RowErrorCode = (typeof rowErrorCodes)[number];
export type RowErrorParams = Record<string, string | number>;

/** One reason a row failed. A row may have several (e.g. a bad email and a bad phone). */
export const rowIssueSchema = z.object({
  code: z.enum(rowErrorCodes).describe('Stable machine-readable reason, e.g. invalid_email, owner_not_found, parent_loop'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).describe(
    'Values the sentence names: `column` (the file\'s header, or the target such as `custom.tier`), `value` (the cell as written), ' +
    '`max` (a limit), `type` (a custom field\'s type)',
  ),
  message: z.string().describe('The reason as an English sentence, e.g. `Email: "x@y" is not a valid email`'),
});
export type RowIssue = z.infer<typeof rowIssueSchema>;

/**
 * The reasons in English and Vietnamese, `{{param}}` placeholders (i18next syntax). English equals the
 * server's `message` except for invalid_custom_value, whose message carries the custom field check's own wording.
 */
export const rowErrorTexts: Record<RowErrorCode, LocalizedText> = {
  record_gone: {
    en: 'the record this row went into was deleted or is no longer yours to see', vi: 'bản ghi mà dòng này đã nhập vào đã bị xóa hoặc bạn không còn được xem',
  },
  invalid_date: { en: '{{column}}: "{{value}}" is not a date', vi: '{{column}}: “{{value}}” không phải là ngày hợp lệ' },
  invalid_email: { en: '{{column}}: "{{value}}" is not a valid email', vi: '{{column}}: “{{value}}” không phải là email hợp lệ' },
  invalid_phone: { en: '{{column}}: "{{value}}" is not a valid phone number', vi: '{{column}}: “{{value}}” không phải là số điện thoại hợp lệ' },
  unknown_country: { en: '{{column}}: "{{value}}" is not a known country', vi: '{{column}}: “{{value}}” không phải là quốc gia đã biết' },
  contact_needs_identity: {
    en: 'a contact needs a name, an email, a phone or a company', vi: 'liên hệ cần có tên, email, số điện thoại hoặc công ty',
  },
  unknown_custom_field: { en: '{{column}}: no such custom field', vi: '{{column}}: không có trường tùy chỉnh này' },
  invalid_custom_value: {
    en: '{{column}}: "{{value}}" is not a valid value for this custom field', vi: '{{column}}: “{{value}}” không phải là giá trị hợp lệ cho trường tùy chỉnh này',
  },
  unknown_stage: { en: '{{column}}: "{{value}}" is not a configured stage', vi: '{{column}}: “{{value}}” không phải là giai đoạn đã cấu hình' },
  contact_outside_visibility: {
    en: 'matches an existing contact outside your visibility', vi: 'trùng với một liên hệ có sẵn nằm ngoài phạm vi bạn được xem',
  },
  value_too_long: { en: '{{column}}: longer than {{max}} characters', vi: '{{column}}: dài hơn {{max}} ký tự' },
  invalid_domain: {
    en: '{{column}}: "{{value}}" is not a valid domain or website', vi: '{{column}}: “{{value}}” không phải là tên miền hay trang web hợp lệ',
  },
  invalid_company_size: { en: '{{column}}: "{{value}}" is not a company size', vi: '{{column}}: “{{value}}” không phải là quy mô công ty' },
  too_many_phones: { en: 'more than {{max}} phone numbers', vi: 'nhiều hơn {{max}} số điện thoại' },
  company_needs_name: { en: '{{column}}: a company needs a name', vi: '{{column}}: công ty cần có tên' },
  own_parent: { en: 'a company cannot be its own parent', vi: 'công ty không thể là công ty mẹ của chính nó' },
  owner_email_not_found: {
    en: '{{column}}: no active user with the email "{{value}}"', vi: '{{column}}: không có người dùng đang hoạt động nào có email “{{value}}”',
  },
  owner_not_found: { en: '{{column}}: no active user named "{{value}}"', vi: '{{column}}: không có người dùng đang hoạt động nào tên “{{value}}”' },
  owner_ambiguous: {
    en: '{{column}}: "{{value}}" is the name of several users; use their email', vi: '{{column}}: “{{value}}” là tên của nhiều người dùng; hãy dùng email của họ',
  },
  owner_outside_visibility: {
    en: '{{column}}: "{{value}}" lies outside your visibility scope', vi: '{{column}}: “{{value}}” nằm ngoài phạm vi bạn được xem',
  },
  company_outside_visibility: {
    en: 'matches an existing company outside your visibility', vi: 'trùng với một công ty có sẵn nằm ngoài phạm vi bạn được xem',
  },
  parent_loop: { en: 'parent company: "{{value}}" is already below this company', vi: 'công ty mẹ: “{{value}}” đã nằm dưới công ty này' },
  parent_failed: { en: 'parent company: "{{value}}" could not be imported', vi: 'công ty mẹ: không nhập được “{{value}}”' },
};

/** Fills a template's `{{param}}` placeholders: fill('{{column}}: x', { column: 'Email' }) → 'Email: x'. */
export function fillTemplate(template: string, params: RowErrorParams): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}

/**
 * A reason in a language; a code this build does not know falls back to the English message.
 * Example: formatRowIssue('vi', { code: 'invalid_email', params: { column: 'Email', value: 'x' }, message: '…' })
 * → 'Email: “x” không phải là email hợp lệ'.
 */
export function formatRowIssue(locale: Locale, issue: Pick<RowIssue, 'params' | 'message'> & { code: string }): string {
  const texts = (rowErrorTexts as Record<string, LocalizedText | undefined>)[issue.code];
  return texts ? fillTemplate(texts[locale], issue.params) : issue.message;
}
