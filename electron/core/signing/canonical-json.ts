/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence a signed report is hashed
 * and signed over, so that a report read back from the database, a sync peer or an exported file
 * verifies no matter how that copy was formatted or in which order its keys were written.
 *
 * - Objects: members sorted by their names' UTF-16 code units (what JavaScript's `<` on strings
 *   compares), no whitespace.
 * - Numbers: ECMAScript Number::toString, which is exactly what RFC 8785 §3.2.2.3 prescribes
 *   (so -0 becomes "0", 1e21 becomes "1e+21", 0.000001 stays "0.000001").
 * - Strings: ECMAScript JSON string quoting: only `"`, `\` and the C0 controls are escaped
 *   (\b \t \n \f \r, the rest as \u00xx in lower-case hex); Persian and every other non-ASCII
 *   character stays as itself and is written out as UTF-8.
 *
 * Anything that is not plain JSON data is refused rather than silently dropped or converted the
 * way JSON.stringify would (undefined members vanish, NaN becomes null, Dates call toJSON): a
 * signature over a quietly altered value would vouch for something the doctor never saw.
 */

export const canonicalJsonProblems = [
  'non_finite_number',
  'undefined',
  'function',
  'symbol',
  'bigint',
  'cycle',
  'lone_surrogate',
  'not_plain_object',
  'symbol_key',
  'array_hole',
] as const;
export type CanonicalJsonProblem = (typeof canonicalJsonProblems)[number];

const problemText: Readonly<Record<CanonicalJsonProblem, string>> = {
  non_finite_number: 'NaN and Infinity have no JSON form',
  undefined: 'undefined has no JSON form (use null or leave the member out)',
  function: 'a function is not JSON data',
  symbol: 'a symbol is not JSON data',
  bigint: 'a BigInt is not JSON data (I-JSON numbers are IEEE-754 doubles)',
  cycle: 'the value contains itself',
  lone_surrogate: 'a string holds an unpaired UTF-16 surrogate, which I-JSON forbids',
  not_plain_object:
    'only plain objects and arrays are JSON data (convert Dates, Maps, Buffers first)',
  symbol_key: 'an object has a symbol-keyed member',
  array_hole: 'an array has a hole (a missing element)',
};

/** A value that has no canonical JSON form; `path` says where it is (`$.content.vitals[0]`). */
export class CanonicalJsonError extends Error {
  readonly problem: CanonicalJsonProblem;
  readonly path: string;

  constructor(problem: CanonicalJsonProblem, path: string) {
    super(`Cannot canonicalize ${path}: ${problemText[problem]}`);
    this.name = 'CanonicalJsonError';
    this.problem = problem;
    this.path = path;
  }
}

/** The canonical JSON text of `value` (a JavaScript string; see `canonicalJsonBytes`). */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, [], new Set());
  return out.join('');
}

/** The canonical UTF-8 bytes of `value`: what is hashed and signed. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

type PathSegment = string | number;

function formatPath(path: readonly PathSegment[]): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function quote(text: string, path: readonly PathSegment[]): string {
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError('lone_surrogate', formatPath(path));
  // ECMAScript's QuoteJSONString is JCS's string rule verbatim once lone surrogates are excluded
  // (ES2019 would otherwise escape them as \udXXX, which RFC 8785 does not allow).
  return JSON.stringify(text);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function write(value: unknown, out: string[], path: PathSegment[], ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      out.push(quote(value, path));
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError('non_finite_number', formatPath(path));
      }
      // Number::toString is the RFC's algorithm; it already writes -0 as "0".
      out.push(String(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'undefined':
      throw new CanonicalJsonError('undefined', formatPath(path));
    case 'function':
      throw new CanonicalJsonError('function', formatPath(path));
    case 'symbol':
      throw new CanonicalJsonError('symbol', formatPath(path));
    case 'bigint':
      throw new CanonicalJsonError('bigint', formatPath(path));
    case 'object':
      break;
  }
  if (value === null) {
    out.push('null');
    return;
  }
  const container: object = value;
  // Only the current chain of ancestors counts: the same object twice side by side is a DAG,
  // which serialises fine; an object inside itself never ends.
  if (ancestors.has(container)) throw new CanonicalJsonError('cycle', formatPath(path));
  ancestors.add(container);
  if (Array.isArray(container)) writeArray(container, out, path, ancestors);
  else writeObject(container, out, path, ancestors);
  ancestors.delete(container);
}

function writeArray(
  array: readonly unknown[],
  out: string[],
  path: PathSegment[],
  ancestors: Set<object>,
): void {
  // A subclass of Array may carry its own toJSON or getters; only plain arrays are data.
  if (Object.getPrototypeOf(array) !== Array.prototype) {
    throw new CanonicalJsonError('not_plain_object', formatPath(path));
  }
  out.push('[');
  for (let index = 0; index < array.length; index += 1) {
    if (index > 0) out.push(',');
    path.push(index);
    if (!(index in array)) throw new CanonicalJsonError('array_hole', formatPath(path));
    write(array[index], out, path, ancestors);
    path.pop();
  }
  out.push(']');
}

function writeObject(
  object: object,
  out: string[],
  path: PathSegment[],
  ancestors: Set<object>,
): void {
  if (!isPlainObject(object)) throw new CanonicalJsonError('not_plain_object', formatPath(path));
  if (Object.getOwnPropertySymbols(object).length > 0) {
    throw new CanonicalJsonError('symbol_key', formatPath(path));
  }
  const record = object as Record<string, unknown>;
  // The default comparison of JavaScript strings is by UTF-16 code unit, as RFC 8785 §3.2.3
  // requires (U+1F600, stored as D83D DE00, sorts before U+FB33); localeCompare would not be.
  const names = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  out.push('{');
  names.forEach((name, index) => {
    if (index > 0) out.push(',');
    path.push(name);
    out.push(quote(name, path), ':');
    write(record[name], out, path, ancestors);
    path.pop();
  });
  out.push('}');
}
