/**
 * The formula language of computed fields: a small, safe expression language over one record's values,
 * parsed by hand (no eval), type-checked against the object's fields when the formula is saved, evaluated in
 * the write pipeline.
 *
 * - Literals: numbers `12.5`, text `"abc"` or `'abc'`, `true`, `false`. Fields by key: `price`, `first_name`.
 * - Operators (lowest first): comparisons `= != <> < <= > >=`; concatenation `&` (any values, empty for none);
 *   `+ -`; `* /`; unary `-`. Parentheses group.
 * - Functions: `IF(cond, a, b)`, `ROUND(x[, digits])`, `ABS(x)`, `DAYS_BETWEEN(from, to)` (whole days, dates or
 *   date-times), `AND(a, b, …)`, `OR(a, b, …)`, `NOT(a)`, `ISBLANK(x)`.
 * - Types: number (number, money — its integer minor units —, percent as typed, rating), text (text-like, select,
 *   user and relation ids), boolean, date, datetime. Multi-select values cannot be used.
 * - Empty values: arithmetic, comparison and DAYS_BETWEEN of an empty value are empty; `&` reads it as '';
 *   IF with an empty condition takes the else branch; x / 0 is empty.
 *
 * @example parseFormula('IF(price > 1000, "big", "small")') → an Expr; evaluate(expr, { price: 5000 }) → 'big'
 */
import type { FieldType } from '../../../../contracts/records.js';

export type FormulaType = 'number' | 'text' | 'boolean' | 'date' | 'datetime';

export type Expr =
  | { k: 'num'; v: number; pos: number }
  | { k: 'str'; v: string; pos: number }
  | { k: 'bool'; v: boolean; pos: number }
  | { k: 'field'; key: string; pos: number }
  | { k: 'neg'; e: Expr; pos: number }
  | { k: 'bin'; op: string; a: Expr; b: Expr; pos: number }
  | { k: 'call'; fn: string; args: Expr[]; pos: number };

/** A formula problem at a 1-based character position. */
export class FormulaError extends Error {
  constructor(readonly position: number, message: string) {
    super(`at position ${position}: ${message}`);
  }
}

interface Token { t: 'num' | 'str' | 'id' | 'op' | 'end'; v: string; pos: number }

const OPS = ['<=', '>=', '!=', '<>', '=', '<', '>', '&', '+', '-', '*', '/', '(', ')', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const pos = i + 1;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|^[0-9]+\.?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0], pos });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j];
        j++;
      }
      if (j >= src.length) throw new FormulaError(pos, 'unterminated text');
      out.push({ t: 'str', v: s, pos });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], pos });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new FormulaError(pos, `unexpected "${c}"`);
    out.push({ t: 'op', v: op, pos });
    i += op.length;
  }
  out.push({ t: 'end', v: '', pos: src.length + 1 });
  return out;
}

const FUNCTIONS: Record<string, { min: number; max: number }> = {
  IF: { min: 3, max: 3 }, ROUND: { min: 1, max: 2 }, ABS: { min: 1, max: 1 }, DAYS_BETWEEN: { min: 2, max: 2 },
  AND: { min: 1, max: 20 }, OR: { min: 1, max: 20 }, NOT: { min: 1, max: 1 }, ISBLANK: { min: 1, max: 1 },
};
const LEVELS: string[][] = [['=', '!=', '<>', '<', '<=', '>', '>='], ['&'], ['+', '-'], ['*', '/']];

/** Parses a formula; throws FormulaError with the position of the first problem. */
export function parseFormula(src: string): Expr {
  if (src.length > 2000) throw new FormulaError(1, 'a formula has at most 2000 characters');
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i]!;
  const next = () => toks[i++]!;
  const expect = (v: string) => {
    const t = next();
    if (t.t !== 'op' || t.v !== v) throw new FormulaError(t.pos, t.t === 'end' ? `expected "${v}" before the end` : `expected "${v}", found "${t.v}"`);
  };
  let depth = 0;
  const level = (n: number): Expr => {
    if (n === LEVELS.length) return unary();
    let a = level(n + 1);
    for (;;) {
      const t = peek();
      if (t.t !== 'op' || !LEVELS[n]!.includes(t.v)) return a;
      next();
      // Comparisons do not chain: `a < b < c` is an error rather than a surprise.
      if (n === 0 && a.k === 'bin' && LEVELS[0]!.includes(a.op)) throw new FormulaError(t.pos, 'comparisons cannot be chained; use AND()');
      const b = level(n + 1);
      a = { k: 'bin', op: t.v === '<>' ? '!=' : t.v, a, b, pos: t.pos };
    }
  };
  const unary = (): Expr => {
    const t = peek();
    if (t.t === 'op' && t.v === '-') { next(); return { k: 'neg', e: unary(), pos: t.pos }; }
    if (t.t === 'op' && t.v === '+') { next(); return unary(); }
    return primary();
  };
  const primary = (): Expr => {
    const t = next();
    if (++depth > 100) throw new FormulaError(t.pos, 'nested too deeply');
    try {
      if (t.t === 'num') {
        const v = Number(t.v);
        if (!Number.isFinite(v)) throw new FormulaError(t.pos, `bad number ${t.v}`);
        return { k: 'num', v, pos: t.pos };
      }
      if (t.t === 'str') return { k: 'str', v: t.v, pos: t.pos };
      if (t.t === 'op' && t.v === '(') {
        const e = level(0);
        expect(')');
        return e;
      }
      if (t.t === 'id') {
        const upper = t.v.toUpperCase();
        if (peek().t === 'op' && peek().v === '(') {
          const spec = FUNCTIONS[upper];
          if (!spec) throw new FormulaError(t.pos, `unknown function ${t.v}`);
          next();
          const args: Expr[] = [];
          if (!(peek().t === 'op' && peek().v === ')')) {
            args.push(level(0));
            while (peek().t === 'op' && peek().v === ',') { next(); args.push(level(0)); }
          }
          expect(')');
          if (args.length < spec.min || args.length > spec.max) {
            throw new FormulaError(t.pos, `${upper} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} argument${spec.max === 1 ? '' : 's'}`);
          }
          return { k: 'call', fn: upper, args, pos: t.pos };
        }
        if (upper === 'TRUE' || upper === 'FALSE') return { k: 'bool', v: upper === 'TRUE', pos: t.pos };
        return { k: 'field', key: t.v, pos: t.pos };
      }
      throw new FormulaError(t.pos, t.t === 'end' ? 'unexpected end of the formula' : `unexpected "${t.v}"`);
    } finally {
      depth--;
    }
  };
  const e = level(0);
  const t = peek();
  if (t.t !== 'end') throw new FormulaError(t.pos, `unexpected "${t.v}"`);
  return e;
}

/** Keys of the fields a formula reads. */
export function fieldsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'field': out.add(e.key); break;
    case 'neg': fieldsOf(e.e, out); break;
    case 'bin': fieldsOf(e.a, out); fieldsOf(e.b, out); break;
    case 'call': for (const a of e.args) fieldsOf(a, out); break;
    default: break;
  }
  return out;
}

/** Each field reference with its position (for errors naming where a cycle starts). */
export function refsOf(e: Expr, out: { key: string; pos: number }[] = []): { key: string; pos: number }[] {
  if (e.k === 'field') out.push({ key: e.key, pos: e.pos });
  else if (e.k === 'neg') refsOf(e.e, out);
  else if (e.k === 'bin') { refsOf(e.a, out); refsOf(e.b, out); }
  else if (e.k === 'call') for (const a of e.args) refsOf(a, out);
  return out;
}

/** The formula type of a field's values, or null when it cannot be used in a formula. */
export function formulaTypeOf(type: FieldType, resultType?: FieldType | null): FormulaType | null {
  const t = type === 'formula' || type === 'rollup' ? resultType ?? null : type;
  switch (t) {
    case 'number': case 'money': case 'percent': case 'rating': return 'number';
    case 'text': case 'long_text': case 'email': case 'phone': case 'url': case 'select': case 'user': case 'relation': return 'text';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'datetime': return 'datetime';
    default: return null;
  }
}

const dateLike = (t: FormulaType) => t === 'date' || t === 'datetime';
/** A text literal holding a valid date (or date-time) stands for one where a date is expected. */
function dateLiteral(e: Expr): FormulaType | null {
  if (e.k !== 'str') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(e.v) && !Number.isNaN(Date.parse(`${e.v}T00:00:00Z`))) return 'date';
  if (/^\d{4}-\d{2}-\d{2}T/.test(e.v) && !Number.isNaN(Date.parse(e.v))) return 'datetime';
  return null;
}

/**
 * Result type of a formula over fields whose formula types `typeOf` gives (undefined: no such field, null: a type
 * formulas cannot read). Throws FormulaError at the offending position.
 */
export function typeCheck(e: Expr, typeOf: (key: string) => FormulaType | null | undefined): FormulaType {
  const want = (x: Expr, ...ok: FormulaType[]): FormulaType => {
    const t = dateLiteral(x) ?? typeCheck(x, typeOf);
    if (!ok.includes(t)) throw new FormulaError(x.pos, `expected ${ok.join(' or ')}, found ${t}`);
    return t;
  };
  switch (e.k) {
    case 'num': return 'number';
    case 'str': return 'text';
    case 'bool': return 'boolean';
    case 'field': {
      const t = typeOf(e.key);
      if (t === undefined) throw new FormulaError(e.pos, `unknown field ${e.key}`);
      if (t === null) throw new FormulaError(e.pos, `field ${e.key} cannot be used in a formula`);
      return t;
    }
    case 'neg': want(e.e, 'number'); return 'number';
    case 'bin': {
      if (e.op === '&') { typeCheck(e.a, typeOf); typeCheck(e.b, typeOf); return 'text'; }
      if (['+', '-', '*', '/'].includes(e.op)) {
        const a = typeCheck(e.a, typeOf);
        const b = typeCheck(e.b, typeOf);
        if (a !== 'number') throw new FormulaError(e.a.pos, `${e.op} needs numbers, found ${a}${a === 'text' && e.op === '+' ? ' (use & to join text)' : ''}`);
        if (b !== 'number') throw new FormulaError(e.b.pos, `${e.op} needs numbers, found ${b}`);
        return 'number';
      }
      let a = typeCheck(e.a, typeOf);
      let b = typeCheck(e.b, typeOf);
      // A date written as text ("2026-12-31") compares with a date field.
      if (dateLike(a) && b === 'text') b = dateLiteral(e.b) ?? b;
      if (dateLike(b) && a === 'text') a = dateLiteral(e.a) ?? a;
      const same = a === b || (dateLike(a) && dateLike(b));
      if (!same) throw new FormulaError(e.pos, `cannot compare ${a} with ${b}`);
      if (a === 'boolean' && e.op !== '=' && e.op !== '!=') throw new FormulaError(e.pos, `${e.op} does not apply to booleans`);
      return 'boolean';
    }
    case 'call':
      switch (e.fn) {
        case 'IF': {
          want(e.args[0]!, 'boolean');
          const a = typeCheck(e.args[1]!, typeOf);
          const b = typeCheck(e.args[2]!, typeOf);
          if (a !== b) throw new FormulaError(e.args[2]!.pos, `IF branches must have the same type: ${a} and ${b}`);
          return a;
        }
        case 'ROUND':
          want(e.args[0]!, 'number');
          if (e.args[1]) want(e.args[1], 'number');
          return 'number';
        case 'ABS': want(e.args[0]!, 'number'); return 'number';
        case 'DAYS_BETWEEN': want(e.args[0]!, 'date', 'datetime'); want(e.args[1]!, 'date', 'datetime'); return 'number';
        case 'AND': case 'OR': for (const a of e.args) want(a, 'boolean'); return 'boolean';
        case 'NOT': want(e.args[0]!, 'boolean'); return 'boolean';
        case 'ISBLANK': typeCheck(e.args[0]!, typeOf); return 'boolean';
        default: throw new FormulaError(e.pos, `unknown function ${e.fn}`);
      }
  }
}

type Value = number | string | boolean | null;

const text = (v: Value): string => (v === null ? '' : typeof v === 'number' ? String(Number(v.toFixed(10))) : String(v));
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const dayMs = (v: string): number => (v.length === 10 ? Date.parse(`${v}T00:00:00Z`) : Date.parse(v));

/**
 * Evaluates a checked formula over `values` (formula-typed values by key: numbers, strings, booleans, null).
 * Example: evaluate(parseFormula('ROUND(price / 3, 2)'), { price: 10 }) → 3.33
 */
export function evaluate(e: Expr, values: Record<string, Value | undefined>): Value {
  switch (e.k) {
    case 'num': case 'str': case 'bool': return e.v;
    case 'field': return Object.hasOwn(values, e.key) ? values[e.key] ?? null : null;
    case 'neg': {
      const v = evaluate(e.e, values);
      return v === null ? null : -Number(v);
    }
    case 'bin': {
      const a = evaluate(e.a, values);
      const b = evaluate(e.b, values);
      if (e.op === '&') return text(a) + text(b);
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+': return num(Number(a) + Number(b));
        case '-': return num(Number(a) - Number(b));
        case '*': return num(Number(a) * Number(b));
        case '/': return Number(b) === 0 ? null : num(Number(a) / Number(b));
        default: {
          // Dates and date-times compare by instant; text bytewise, as the databases sort it.
          const x = typeof a === 'string' && typeof b === 'string' && /^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b) && (a.length !== b.length)
            ? [dayMs(a), dayMs(b)] : [a, b];
          const [l, r] = x as [number | string | boolean, number | string | boolean];
          switch (e.op) {
            case '=': return l === r;
            case '!=': return l !== r;
            case '<': return l < r;
            case '<=': return l <= r;
            case '>': return l > r;
            default: return l >= r;
          }
        }
      }
    }
    case 'call': {
      const arg = (i: number) => evaluate(e.args[i]!, values);
      switch (e.fn) {
        case 'IF': return arg(0) === true ? arg(1) : arg(2);
        case 'ROUND': {
          const v = arg(0);
          const d = e.args[1] ? arg(1) : 0;
          if (v === null || d === null) return null;
          const digits = Math.max(-10, Math.min(10, Math.trunc(Number(d))));
          const f = 10 ** digits;
          // Half away from zero, on the decimal the user sees (1.005 → 1.01).
          return num(Math.sign(Number(v)) * Math.round(Number((Math.abs(Number(v)) * f).toPrecision(15))) / f);
        }
        case 'ABS': { const v = arg(0); return v === null ? null : Math.abs(Number(v)); }
        case 'DAYS_BETWEEN': {
          const a = arg(0);
          const b = arg(1);
          if (a === null || b === null) return null;
          return Math.trunc((dayMs(String(b)) - dayMs(String(a))) / 86_400_000);
        }
        case 'AND': return e.args.every((_, i) => arg(i) === true);
        case 'OR': return e.args.some((_, i) => arg(i) === true);
        case 'NOT': { const v = arg(0); return v === null ? null : !v; }
        case 'ISBLANK': { const v = arg(0); return v === null || v === ''; }
        default: return null;
      }
    }
  }
}

/** FieldType a formula's result is stored and presented as. */
export const resultFieldType: Record<FormulaType, FieldType> = { number: 'number', text: 'text', boolean: 'boolean', date: 'date', datetime: 'datetime' };
