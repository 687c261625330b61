/**
 * fast-check arbitraries generated from the JSON Schemas of Kith's OpenAPI document (what
 * fastify-type-provider-zod emits from the zod contracts: no $ref, type/enum/pattern/format/anyOf/oneOf/not,
 * objects with additionalProperties/propertyNames, arrays with min/maxItems).
 *
 * Every node is "valid-ish": usually a value the schema accepts, sometimes a malformed one — a wrong type,
 * null, a huge or exotic unicode string, a forged id or cursor — so one generated body mixes values that pass
 * validation (and reach services and SQL) with values that must be refused with a 4xx.
 *
 *   const arb = arbitraryFor(schema, { idsFor: (name) => knownIds[name] ?? [] });
 *   const [body] = fc.sample(arb, { seed: 42, numRuns: 1 });
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  default?: unknown;
}

export interface ArbitraryOptions {
  /** Real ids worth sending for a property or parameter of this name (e.g. `contactId`), or []. */
  idsFor: (name: string) => string[];
  /** Weight of a malformed value against 10 for a valid-ish one, at every node (default 1). */
  malformedWeight?: number;
}

/** Strings an attacker tries: huge, control and NUL characters, RTL/emoji/combining marks, lone surrogates, injections. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '\u0000', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '9007199254740993', 'true', '[]', '{}',
    "' OR 1=1 --", '"; drop table contacts; --', '%', '_', '\\', '%00', '../../../etc/passwd', '<script>alert(1)</script>',
    '=cmd|"/C calc"!A0', 'Nguyễn Văn Ä', 'đ\u0301\u0302\u0303', '\u202e\u200f\u200b', '🧨👩‍👩‍👧‍👦', '\ud800', '\udfff\ud800',
    '2026-13-45T99:99:99Z', '0000-00-00', '__proto__', 'constructor', '$where', '{"$gt":""}',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 1, max: 5 }).map((n) => 'x'.repeat(10 ** n)),
  fc.constantFrom('ệ', '\u0000', '😀', 'a').chain((c) => fc.integer({ min: 255, max: 70_000 }).map((n) => c.repeat(n))),
);

/** Ids and cursors that look plausible but are forged: random uuids, base64 of JSON keysets, tampered tokens. */
export const forgedToken: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
  fc.base64String({ maxLength: 80 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.double()), { maxLength: 4 })
    .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.constantFrom('eyJ2IjpbXX0', 'e30', 'W10', 'bnVsbA', 'W251bGwsbnVsbF0', 'AAAA', '!!!!', '=', '.', 'ZZZZ.ZZZZ'),
);

/** A value of any JSON type: the "wrong type" mutation. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.constantFrom(1e308, -0, 2 ** 53 + 1),
  fc.string({ maxLength: 20 }), fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

const malformed: fc.Arbitrary<unknown> = fc.oneof(anyJson, nastyString, forgedToken);

function cap(n: number | undefined, limit: number): number {
  return n === undefined ? limit : Math.min(n, limit);
}

function stringArb(s: JsonSchema, name: string, o: ArbitraryOptions): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  if (s.format === 'date-time') return fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.emailAddress();
  const ids = o.idsFor(name);
  const plain = s.pattern
    ? fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? Infinity))
    : fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: cap(s.maxLength, 24) });
  return ids.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: plain }) : plain;
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  const lo = Math.max(min, -1e12);
  const hi = Math.min(max, 1e12);
  return integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
}

function objectArb(s: JsonSchema, o: ArbitraryOptions, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  // `not: {}` marks a key the contract forbids (id, version, …): sending it is itself a useful probe.
  for (const [k, v] of Object.entries(props)) model[k] = v.not ? malformed : arbitraryFor(v, o, k, depth + 1);
  const requiredKeys = (s.required ?? []).filter((k) => k in model);
  const known = fc.record(model, { requiredKeys });
  const extra =
    s.additionalProperties && typeof s.additionalProperties === 'object'
      ? fc.dictionary(
          s.propertyNames ? stringArb(s.propertyNames, '', o) : fc.string({ maxLength: 12 }),
          arbitraryFor(s.additionalProperties, o, '', depth + 1),
          { maxKeys: 3 },
        )
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'isAdmin', 'ownerId', 'zz'), anyJson, { maxKeys: 2 }) },
        );
  return fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k }));
}

/**
 * The arbitrary for one schema node. `name` is the property or parameter name (it picks real ids);
 * `depth` bounds recursion for schemas that allow any value.
 */
export function arbitraryFor(s: JsonSchema, o: ArbitraryOptions, name = '', depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 10, arbitrary: validish(s, o, name, depth) },
    { weight: o.malformedWeight ?? 1, arbitrary: malformed },
  );
}

function validish(s: JsonSchema, o: ArbitraryOptions, name: string, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validish(a, o, name, depth)));
  if (s.allOf?.length) return validish(Object.assign({}, ...s.allOf) as JsonSchema, o, name, depth);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, name, o);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? arbitraryFor(s.items, o, name, depth + 1) : anyJson, {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, cap(s.maxItems, 3)),
      });
    case 'object':
      return objectArb(s, o, depth);
    default:
      // `{}` (any value), e.g. a custom field or a filter value.
      return depth > 4 ? fc.constant(null) : anyJson;
  }
}
