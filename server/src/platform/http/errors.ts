/**
 * Every error a client can see has a typed code. The code decides the HTTP status here and nowhere else.
 * Wire shape: { "error": { "code", "message", "fields"?: [{ "path", "message" }] } }.
 */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  duplicate: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
  too_many_attempts: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path to the field, e.g. `emails.0.address`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

/** Shorthands, so call sites read like sentences: `throw notFound('contact')`. */
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('forbidden', message);
export const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
export const conflict = (message: string) => new AppError('conflict', message);

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

export function errorBody(code: string, message: string, fields?: FieldError[]): ErrorBody {
  return { error: fields && fields.length ? { code, message, fields } : { code, message } };
}
