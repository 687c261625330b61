/**
 * Server field errors of the Settings forms placed under their inputs: `labels.en.singular` → the form's
 * `labels.en.singular`, `options.2.value` → option row 2, anything unknown to the form → the form-level message.
 */
import { ApiError } from '../../../app/api';

export interface PlacedErrors {
  fields: Record<string, string>;
  form: string | null;
}

/** `known` lists the form's field paths; a server path is placed on the longest known path it starts with. */
export function placeErrors(err: unknown, known: string[], fallback: string): PlacedErrors {
  if (!(err instanceof ApiError) || !err.fields.length) return { fields: {}, form: fallback };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const byLength = [...known].sort((a, b) => b.length - a.length);
  for (const f of err.fields) {
    const hit = byLength.find((k) => f.path === k || f.path.startsWith(`${k}.`));
    if (hit) fields[hit] = fields[hit] ?? f.message;
    else rest.push(f.path ? `${f.path}: ${f.message}` : f.message);
  }
  return { fields, form: rest.length ? rest.join(' ') : null };
}
