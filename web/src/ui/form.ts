/**
 * A small form state hook: values, client validation (messages are i18n keys), field errors from the
 * API placed under the right input, and a submitting flag. Mantine inputs take `getInputProps(name)`.
 * A failed submit (client checks or the server's field errors) scrolls to and focuses the first error inside
 * `form.ref`; `form.isDirty()` (values differ from the last loaded or saved ones) feeds `useUnsavedGuard`.
 *
 * @example
 *   const form = useForm({ initialValues: { email: '' }, validate: (v) => ({ email: v.email ? null : 'validation.required' }) });
 *   useUnsavedGuard(form.isDirty);
 *   <form ref={form.ref} onSubmit={form.onSubmit(async (v) => { await api.post('/x', v); })}>
 *     <TextInput {...form.getInputProps('email')} />
 */
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { useFocusFirstError } from './forms/focus';

type Errors = Record<string, string | undefined>;
type Validate<V> = (values: V) => Record<string, string | null | undefined | false>;

export interface UseFormOptions<V> {
  initialValues: V;
  /** Returns i18n keys of messages by field name; a falsy value means the field is fine. */
  validate?: Validate<V>;
}

function valueOf(input: unknown, checkbox: boolean): unknown {
  if (input && typeof input === 'object' && 'currentTarget' in input) {
    const target = (input as { currentTarget: HTMLInputElement }).currentTarget;
    return checkbox ? target.checked : target.value;
  }
  return input;
}

export function useForm<V extends Record<string, unknown>>({ initialValues, validate }: UseFormOptions<V>) {
  const { t } = useTranslation();
  const initial = useRef(initialValues);
  const [values, setValues] = useState<V>(initialValues);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [ref, focusError] = useFocusFirstError<HTMLFormElement>();
  const latest = useRef(values);
  latest.current = values;
  const busy = useRef(false);
  // JSON equality: form values are plain data (strings, numbers, arrays, records).
  const isDirty = useCallback(() => !busy.current && JSON.stringify(latest.current) !== JSON.stringify(initial.current), []);

  const setFieldValue = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name as string] ? { ...e, [name as string]: undefined } : e));
  }, []);

  const runValidation = (v: V): boolean => {
    const found = validate?.(v) ?? {};
    const next: Errors = {};
    for (const [k, key] of Object.entries(found)) if (key) next[k] = t(key);
    setErrors(next);
    if (Object.keys(next).length) focusError();
    return Object.keys(next).length === 0;
  };

  /**
   * Shows an API error: a field's message under its input (by the first segment of its path), anything
   * else at the form level; `fallback` when the server named no field.
   */
  const applyApiError = (err: unknown, fallback: string): void => {
    if (err instanceof ApiError && err.fields.length) {
      const next: Errors = {};
      const rest: string[] = [];
      for (const f of err.fields) {
        const name = f.path.split('.')[0] ?? f.path;
        if (name in initial.current) next[name] = next[name] ?? f.message;
        else rest.push(f.message);
      }
      setErrors(next);
      setFormError(rest.length ? rest.join(' ') : null);
      focusError();
      return;
    }
    setFormError(fallback);
    focusError();
  };

  const getInputProps = (name: keyof V & string, opts: { type?: 'checkbox' } = {}) => {
    const checkbox = opts.type === 'checkbox';
    const onChange = (input: unknown) => setFieldValue(name, valueOf(input, checkbox) as V[typeof name]);
    const error = errors[name];
    return checkbox
      ? { checked: Boolean(values[name]), onChange, error }
      : { value: (values[name] ?? '') as never, onChange, error };
  };

  /** Wraps a submit handler: validates, tracks `submitting`, and leaves errors to `onError`. */
  const onSubmit =
    (handler: (values: V) => Promise<void> | void, onError?: (err: unknown) => void) => async (e?: FormEvent) => {
      e?.preventDefault();
      setFormError(null);
      if (!runValidation(values)) return;
      setSubmitting(true);
      // While saving, and once saved, the form is not "changed": a navigation the handler starts passes the guard.
      busy.current = true;
      try {
        await handler(values);
        initial.current = values;
      } catch (err) {
        if (onError) onError(err);
        else throw err;
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    };

  const reset = (next: V = initial.current) => {
    initial.current = next;
    setValues(next);
    setErrors({});
    setFormError(null);
  };

  return { ref, values, setValues, setFieldValue, errors, setErrors, formError, setFormError, submitting, getInputProps, onSubmit, applyApiError, reset, isDirty, focusError };
}

export type Form<V extends Record<string, unknown>> = ReturnType<typeof useForm<V>>;
