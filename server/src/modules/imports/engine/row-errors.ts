/**
 * A failed row's reasons: each a stable code with params (contracts/import-errors.ts) and its English message,
 * so the wizard and the failed-rows CSV can show them in the user's language while API clients and logs keep
 * the English text they had before.
 */
import { fillTemplate, rowErrorTexts, type RowErrorCode, type RowErrorParams, type RowIssue } from '../../../../../contracts/import-errors.js';

export type RowError = RowIssue;

/**
 * One reason with its English message (from the shared template unless given).
 * Example: rowError('invalid_email', { column: 'Email', value: 'x@y' }) →
 * { code: 'invalid_email', params: { column: 'Email', value: 'x@y' }, message: 'Email: "x@y" is not a valid email' }.
 */
export function rowError(code: RowErrorCode, params: RowErrorParams = {}, message?: string): RowError {
  return { code, params, message: message ?? fillTemplate(rowErrorTexts[code].en, params) };
}

/** The legacy one-line `error` text (API, English failed-rows CSV): 'E-mail 1 - Value: "x" is not a valid email; …'. */
export function errorText(errors: readonly RowError[]): string {
  return errors.map((e) => e.message).join('; ');
}
