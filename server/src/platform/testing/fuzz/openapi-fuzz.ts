/**
 * A property-based API fuzzer driven by Kith's own OpenAPI document. For every operation it generates
 * requests (path params, query params, JSON bodies, a few headers) from the operation's schemas with
 * fast-check — valid-ish values mixed with malformed ones (see schema-arbitrary.ts) — sends them through
 * the real app and checks the two promises of the design's API conventions:
 *   - no response is a 5xx;
 *   - every 4xx body is `{ error: { code, message, fields? } }`.
 * Generation is deterministic: a fixed seed per operation (the run's seed + the operation's index).
 *
 *   const ops = operationsOf(openapiDoc);
 *   const report = await fuzzOperation(app, ops[0], { seed: 1, runs: 20, auths, idsFor });
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { arbitraryFor, forgedToken, nastyString, type JsonSchema } from './schema-arbitrary.js';

export interface Operation {
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  query: { name: string; required: boolean; schema: JsonSchema }[];
  /** JSON body schema, when the operation takes one. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** Field names of what the operation returns (a list's items): what `filter` and `sort` may name. */
  fields: string[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
    requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
    responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  }>>;
}

/** Property names of a 200 response: a page's items (`data[]`) or the object itself. */
function responseFields(schema: JsonSchema | undefined): string[] {
  const items = schema?.properties?.data?.items;
  return Object.keys(items?.properties ?? schema?.properties ?? {});
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        bodyRequired: op.requestBody?.required ?? false,
        fields: responseFields(op.responses?.['200']?.content?.['application/json']?.schema),
      });
    }
  }
  // `/contacts/count`, `/contacts/export`: the fields of the list they belong to.
  for (const op of ops) {
    if (op.fields.length) continue;
    const parent = ops.find((o) => o.method === 'GET' && o.path === op.path.replace(/\/[^/]+$/, ''));
    op.fields = parent?.fields ?? [];
  }
  return ops;
}

/** One generated request, before encoding. */
export interface FuzzRequest {
  auth: string;
  params: Record<string, string>;
  query: [string, string][];
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; payload: string | Buffer } | { kind: 'none' };
  headers: Record<string, string>;
}

export interface FuzzFailure {
  operation: string;
  status: number;
  reason: string;
  request: { method: string; url: string; auth: string; body: string };
  response: string;
}

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Named credential header sets (e.g. `session` with cookie + CSRF, `apikey` with a bearer token). */
  auths: Record<string, Record<string, string>>;
  /** Real ids for a parameter or property name, given the operation's path (e.g. `id` under /contacts/{id}). */
  idsFor: (name: string, path: string) => string[];
}

export interface FuzzReport {
  requests: number;
  statuses: Record<number, number>;
  failures: FuzzFailure[];
}

/** Encodes a path or query value; a lone surrogate (not encodable as UTF-8) is sent as invalid UTF-8 bytes. */
function encode(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return `%ED%A0%80${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))}`;
  }
}

/** Query values are strings on the wire: arrays become comma lists, objects JSON. */
function asQueryValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(',');
  return JSON.stringify(v) ?? '';
}

/** Header values must be visible ASCII for the HTTP layer itself to send them. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('*', '"1"', 'W/"1"', '"999999999999999999999"', '"-1"', '""', 'W/', '"abc"'),
);

/** Bodies a JSON parser must refuse cleanly: truncated, wrong root, deep nesting, not JSON at all. */
const rawBody = fc.oneof(
  fc.constantFrom('{', '[1,', '{"a":}', 'nul', '"\\ud800"', '{"__proto__":{"isAdmin":true}}', '', ' ', '\u0000', '1e999'),
  fc.constantFrom(1_000, 20_000, 200_000).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.constantFrom(1_000, 20_000).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  nastyString,
).map((payload) => ({ kind: 'raw' as const, contentType: 'application/json', payload }));

const wrongContentType = fc
  .tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16', 'multipart/form-data'), fc.string({ maxLength: 40 }))
  .map(([contentType, payload]) => ({ kind: 'raw' as const, contentType, payload }));

/** A multipart body with one file of random bytes (uploads: imports, attachments). */
const multipartFile = fc
  .tuple(fc.constantFrom('a.csv', 'a.xlsx', 'a.vcf', 'a.txt', 'a.png', '../../x.csv', 'a'), fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('file', 'other'))
  .map(([name, bytes, field]) => {
    const boundary = '----kithfuzz7MA4YWxkTrZu0gW';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { kind: 'raw' as const, contentType: `multipart/form-data; boundary=${boundary}`, payload };
  });

const filterOps = ['is', 'is_not', 'contains', 'starts_with', 'in', 'before', 'after', 'between', 'empty', 'not_empty'];

/**
 * Well-formed list filters (`[{ field, op, value }]` as JSON) and sorts (`a,-b`) over the fields the operation
 * returns: random text rarely parses as either, and these are what reach the SQL builders.
 */
function structuredQuery(name: string, fields: string[], ids: string[]): fc.Arbitrary<string> | null {
  const field = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(fields.length ? fields : ['id'])) },
    { weight: 1, arbitrary: fc.constantFrom('custom.tier', 'custom.', 'tag', 'stage', 'zz', 'id;drop', '__proto__') },
  );
  const value = fc.oneof(
    fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), nastyString,
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), ...(ids.length ? [fc.constantFrom(...ids)] : [])), { maxLength: 4 }),
    ...(ids.length ? [fc.constantFrom(...ids)] : []),
  );
  if (name === 'filter') {
    const cond = fc.record({ field, op: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...filterOps) }, { weight: 1, arbitrary: fc.string() }), value }, { requiredKeys: ['field', 'op'] });
    return fc.array(cond, { maxLength: 4 }).map((c) => JSON.stringify(c));
  }
  if (name === 'sort') return fc.array(fc.tuple(fc.constantFrom('', '-', '+', '--'), field), { minLength: 1, maxLength: 5 }).map((p) => p.map(([d, f]) => d + f).join(','));
  return null;
}

/** The fast-check arbitrary of requests for one operation. */
export function requestArbitrary(op: Operation, o: FuzzOptions): fc.Arbitrary<FuzzRequest> {
  const ids = (name: string) => o.idsFor(name, op.path);
  const aOpts = { idsFor: ids };
  const params: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.pathParams) {
    const real = ids(p.name);
    params[p.name] = fc.oneof(
      ...(real.length ? [{ weight: 6, arbitrary: fc.constantFrom(...real) }] : []),
      { weight: 2, arbitrary: forgedToken },
      { weight: 1, arbitrary: nastyString.filter((s) => s.length > 0) },
    );
  }
  const allIds = [...new Set(Object.values(op.pathParams).flatMap((p) => ids(p.name)).concat(ids('contactId'), ids('ownerId')))];
  const queryArbs = op.query.map((q) => {
    const structured = structuredQuery(q.name, op.fields, allIds);
    const value = fc.oneof(
      { weight: 6, arbitrary: arbitraryFor(q.schema, aOpts, q.name).map(asQueryValue) },
      { weight: 1, arbitrary: q.name === 'cursor' ? forgedToken : nastyString },
      ...(structured ? [{ weight: 8, arbitrary: structured }] : []),
    );
    return q.required ? value.map((v) => [[q.name, v]] as [string, string][]) : fc.option(value, { freq: 2 }).map((v) => (v === null ? [] : [[q.name, v]] as [string, string][]));
  });
  const extraQuery = fc.option(fc.tuple(fc.constantFrom('limit', 'cursor', 'zz', 'filter', '__proto__'), nastyString), { freq: 5 });
  const query = fc.tuple(fc.tuple(...queryArbs), extraQuery).map(([parts, extra]) => [...parts.flat(), ...(extra ? [extra] : [])]);

  const writes = op.method !== 'GET' && op.method !== 'DELETE';
  const body: fc.Arbitrary<FuzzRequest['body']> = op.body
    ? fc.oneof(
        { weight: 12, arbitrary: arbitraryFor(op.body, { ...aOpts, malformedWeight: 1 }).map((value) => ({ kind: 'json' as const, value })) },
        { weight: 1, arbitrary: rawBody },
        { weight: 1, arbitrary: wrongContentType },
        ...(op.bodyRequired ? [] : [{ weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) }]),
      )
    : writes
      ? fc.oneof(fc.constant({ kind: 'none' as const }), multipartFile, rawBody, fc.constant({ kind: 'json' as const, value: {} }))
      : fc.constant({ kind: 'none' as const });

  const headers = fc.record(
    { 'if-match': headerValue, 'idempotency-key': headerValue, 'accept-language': fc.constantFrom('vi', 'en', 'xx', '*;q=abc') },
    { requiredKeys: [] },
  );
  return fc.record({ auth: fc.constantFrom(...Object.keys(o.auths)), params: fc.record(params), query, body, headers });
}

/** Checks one response against the API conventions; returns why it fails, or null. */
export function conventionViolation(status: number, contentType: string | undefined, text: string): string | null {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return null;
  if (!contentType?.includes('application/json')) return `4xx with content-type ${contentType ?? 'none'}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '4xx body is not JSON';
  }
  const error = (body as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  if (!error || typeof error !== 'object') return '4xx body has no `error` object';
  if (typeof error.code !== 'string' || !error.code) return '`error.code` is not a non-empty string';
  if (typeof error.message !== 'string' || !error.message) return '`error.message` is not a non-empty string';
  if (Object.keys(error).some((k) => !['code', 'message', 'fields'].includes(k))) return `unexpected keys in error: ${Object.keys(error).join(',')}`;
  if (error.fields !== undefined) {
    if (!Array.isArray(error.fields)) return '`error.fields` is not an array';
    for (const f of error.fields as { path?: unknown; message?: unknown }[]) {
      if (typeof f?.path !== 'string' || typeof f.message !== 'string') return '`error.fields[]` lacks string path/message';
    }
  }
  return null;
}

function shorten(s: string, n = 240): string {
  return s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
}

/** Sends `runs` generated requests for one operation; collects every convention violation. */
export async function fuzzOperation(app: FastifyInstance, op: Operation, o: FuzzOptions): Promise<FuzzReport> {
  const samples = fc.sample(requestArbitrary(op, o), { seed: o.seed, numRuns: o.runs });
  const report: FuzzReport = { requests: 0, statuses: {}, failures: [] };
  for (const r of samples) {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(r.params[name] ?? 'x'));
    const qs = r.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    const url = qs ? `${path}?${qs}` : path;
    const headers: Record<string, string> = { ...o.auths[r.auth], ...r.headers };
    let payload: string | Buffer | undefined;
    if (r.body.kind === 'json') {
      payload = JSON.stringify(r.body.value) ?? 'null';
      headers['content-type'] = 'application/json';
    } else if (r.body.kind === 'raw') {
      payload = r.body.payload;
      headers['content-type'] = r.body.contentType;
    }
    const res = await app.inject({ method: op.method as 'GET', url, headers, payload });
    report.requests++;
    report.statuses[res.statusCode] = (report.statuses[res.statusCode] ?? 0) + 1;
    const reason = conventionViolation(res.statusCode, res.headers['content-type'] as string | undefined, res.body);
    if (reason) {
      report.failures.push({
        operation: `${op.method} ${op.path}`,
        status: res.statusCode,
        reason,
        request: { method: op.method, url: shorten(url), auth: r.auth, body: shorten(typeof payload === 'string' ? payload : payload ? `<${payload.length} bytes>` : '') },
        response: shorten(res.body),
      });
    }
  }
  return report;
}
