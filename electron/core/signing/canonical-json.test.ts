import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes, CanonicalJsonError } from './canonical-json';

/**
 * RFC 8785 Appendix B: IEEE-754 doubles (as hex) and their canonical serialisation.
 * Copied from the RFC's table (as reproduced in lattice-substrate/json-canon's
 * corpus/numbers/rfc8785_appendix_b.csv and l1h3r/serde_jcs tests/basic.rs).
 */
const APPENDIX_B: ReadonlyArray<readonly [hex: string, expected: string, note: string]> = [
  ['0000000000000000', '0', 'Zero'],
  ['8000000000000000', '0', 'Minus zero'],
  ['0000000000000001', '5e-324', 'Min pos number'],
  ['8000000000000001', '-5e-324', 'Min neg number'],
  ['7fefffffffffffff', '1.7976931348623157e+308', 'Max pos number'],
  ['ffefffffffffffff', '-1.7976931348623157e+308', 'Max neg number'],
  ['4340000000000000', '9007199254740992', 'Max pos int'],
  ['c340000000000000', '-9007199254740992', 'Max neg int'],
  ['4430000000000000', '295147905179352830000', '~2**68'],
  ['44b52d02c7e14af5', '9.999999999999997e+22', ''],
  ['44b52d02c7e14af6', '1e+23', ''],
  ['44b52d02c7e14af7', '1.0000000000000001e+23', ''],
  ['444b1ae4d6e2ef4e', '999999999999999700000', ''],
  ['444b1ae4d6e2ef4f', '999999999999999900000', ''],
  ['444b1ae4d6e2ef50', '1e+21', ''],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7', ''],
  ['3eb0c6f7a0b5ed8d', '0.000001', ''],
  ['41b3de4355555553', '333333333.3333332', ''],
  ['41b3de4355555554', '333333333.33333325', ''],
  ['41b3de4355555555', '333333333.3333333', ''],
  ['41b3de4355555556', '333333333.3333334', ''],
  ['41b3de4355555557', '333333333.33333343', ''],
  ['becbf647612f3696', '-0.0000033333333333333333', ''],
  ['43143ff3c1cb0959', '1424953923781206.2', 'Round to even'],
];
/** Appendix B's two values with no JSON form. */
const APPENDIX_B_INVALID = ['7fffffffffffffff', '7ff0000000000000'];

/** RFC 8785 §3.2.2: the sample input, as JSON text. */
const SECTION_3_2_2_INPUT = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;
/** RFC 8785 §3.2.4: the canonical UTF-8 bytes of that sample. */
const SECTION_3_2_4_HEX = `
7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;

/** RFC 8785 §3.2.3: property sorting by UTF-16 code units. */
const SECTION_3_2_3_INPUT = String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`;
const SECTION_3_2_3_ORDER = [
  'Carriage Return',
  'One',
  'Control',
  'Latin Small Letter O With Diaeresis',
  'Euro Sign',
  'Emoji: Grinning Face',
  'Hebrew Letter Dalet With Dagesh',
];

/** cyberphone/json-canonicalization testdata/input/weird.json and output/weird.json. */
const WEIRD_INPUT = String.raw`{
  "\u20ac": "Euro Sign",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
}`;
const WEIRD_OUTPUT =
  '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",' +
  '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\u{1F602}":"Smiley",' +
  '"\uFB33":"Hebrew Letter Dalet With Dagesh"}';

function double(hex: string): number {
  return Buffer.from(hex.padStart(16, '0'), 'hex').readDoubleBE(0);
}

function expectProblem(value: unknown, problem: string, path: string): void {
  let thrown: unknown;
  try {
    canonicalJson(value);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CanonicalJsonError);
  expect(thrown).toMatchObject({ problem, path });
}

describe('RFC 8785 test vectors', () => {
  it.each(APPENDIX_B)('Appendix B: %s → %s %s', (hex, expected) => {
    expect(canonicalJson(double(hex))).toBe(expected);
    // Inside a structure too, where the serialiser is reached through recursion.
    expect(canonicalJson({ n: [double(hex)] })).toBe(`{"n":[${expected}]}`);
  });

  it.each(APPENDIX_B_INVALID)('Appendix B: %s (NaN / Infinity) is refused', (hex) => {
    expectProblem({ value: double(hex) }, 'non_finite_number', '$.value');
  });

  it('§3.2.2 sample object gives the §3.2.4 bytes', () => {
    const bytes = canonicalJsonBytes(JSON.parse(SECTION_3_2_2_INPUT));
    expect(bytes.toString('hex')).toBe(SECTION_3_2_4_HEX.replace(/\s+/g, ''));
    expect(bytes.toString('utf8')).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3 sorts property names by UTF-16 code units, not code points', () => {
    const text = canonicalJson(JSON.parse(SECTION_3_2_3_INPUT));
    // Read the member order off the text itself (JSON.parse would move "1" to the front).
    const order = [...text.matchAll(/:"([^"]*)"/g)].map((match) => match[1]);
    expect(order).toEqual(SECTION_3_2_3_ORDER);
    // U+1F600 (surrogates D83D DE00) precedes U+FB33 although its code point is larger.
    expect(text).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\u{1F600}":"Emoji: Grinning Face","\uFB33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('reference "weird" vector: DEL, </script> and non-BMP names stay unescaped', () => {
    expect(canonicalJson(JSON.parse(WEIRD_INPUT))).toBe(WEIRD_OUTPUT);
  });
});

describe('strings', () => {
  it('escapes only the mandatory characters, controls as lower-case \\u00xx', () => {
    const controls = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).join('');
    const expected = Array.from({ length: 0x20 }, (_, code) => {
      const short: Record<number, string> = { 8: 'b', 9: 't', 10: 'n', 12: 'f', 13: 'r' };
      return short[code] !== undefined
        ? `\\${short[code]}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    }).join('');
    expect(canonicalJson(controls)).toBe(`"${expected}"`);
    expect(canonicalJson('\u001f\u000b')).toBe('"\\u001f\\u000b"');
    expect(canonicalJson('a"b\\c/d\u007f')).toBe('"a\\"b\\\\c/d\u007f"');
  });

  it('keeps Persian text as UTF-8 characters, ZWNJ and Persian digits included', () => {
    const note = 'بیمار از سردرد می‌نالد؛ دمای بدن ۳۸٫۵ درجه، آموکسی‌سیلین ۵۰۰ میلی‌گرم';
    const text = canonicalJson({ یادداشت: note, دوز: '۵۰۰ mg' });
    expect(text).toBe(`{"دوز":"۵۰۰ mg","یادداشت":"${note}"}`);
    expect(text).not.toContain('\\u');
    const bytes = canonicalJsonBytes({ note });
    expect(bytes.equals(Buffer.from(`{"note":"${note}"}`, 'utf8'))).toBe(true);
    // ZWNJ (U+200C) is three UTF-8 bytes, not a six-character escape.
    expect(bytes.includes(Buffer.from([0xe2, 0x80, 0x8c]))).toBe(true);
  });

  it('orders Persian names by code unit (ا U+0627 < ب U+0628 < پ U+067E < ی U+06CC)', () => {
    expect(canonicalJson({ ی: 4, پ: 3, ب: 2, ا: 1 })).toBe('{"ا":1,"ب":2,"پ":3,"ی":4}');
  });

  it('refuses unpaired surrogates, in values and in names', () => {
    expectProblem({ note: 'a\uD800b' }, 'lone_surrogate', '$.note');
    expectProblem(['\uDC00'], 'lone_surrogate', '$[0]');
    expectProblem({ ['x\uD83D']: 1 }, 'lone_surrogate', '$["x\\ud83d"]');
    expect(canonicalJson('\uD83D\uDE00')).toBe('"😀"');
  });
});

describe('structures', () => {
  it('serialises nested arrays and objects without whitespace, array order kept', () => {
    const value = {
      z: [[3, 2, 1], [], [[{ b: [true, null], a: 'x' }]]],
      a: { d: [{ c: 1, b: 2 }], c: {} },
      m: [],
    };
    expect(canonicalJson(value)).toBe(
      '{"a":{"c":{},"d":[{"b":2,"c":1}]},"m":[],"z":[[3,2,1],[],[[{"a":"x","b":[true,null]}]]]}',
    );
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('gives the same bytes whatever the key order of the input', () => {
    const one = { b: 1, a: { y: [1, { q: 2, p: 3 }], x: 'س' }, c: null };
    const two = { c: null, a: { x: 'س', y: [1, { p: 3, q: 2 }] }, b: 1 };
    expect(canonicalJsonBytes(one).equals(canonicalJsonBytes(two))).toBe(true);
  });

  it('writes -0 as 0 and integers without a fraction', () => {
    expect(canonicalJson([-0, 0, 1, -1, 1.5, 100, 1e21, 1e-7])).toBe(
      '[0,0,1,-1,1.5,100,1e+21,1e-7]',
    );
  });

  it('accepts the same object twice side by side (not a cycle) and null-prototype objects', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: [shared, shared] })).toBe(
      '{"x":{"a":1},"y":[{"a":1},{"a":1}]}',
    );
    const bare = Object.create(null) as Record<string, number>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});

describe('values with no canonical form', () => {
  it('refuses non-finite numbers with the path to them', () => {
    expectProblem({ vitals: [{ value: Number.NaN }] }, 'non_finite_number', '$.vitals[0].value');
    expectProblem([Infinity], 'non_finite_number', '$[0]');
    expectProblem(-Infinity, 'non_finite_number', '$');
  });

  it('refuses undefined instead of dropping it as JSON.stringify does', () => {
    expectProblem({ a: 1, b: undefined }, 'undefined', '$.b');
    expectProblem([1, undefined], 'undefined', '$[1]');
    expectProblem(undefined, 'undefined', '$');
  });

  it('refuses functions, symbols and BigInt', () => {
    expectProblem({ f: () => 1 }, 'function', '$.f');
    expectProblem({ s: Symbol('x') }, 'symbol', '$.s');
    expectProblem({ dose: 500n }, 'bigint', '$.dose');
    expectProblem({ [Symbol('k')]: 1 }, 'symbol_key', '$');
  });

  it('refuses cycles through objects and arrays', () => {
    const object: Record<string, unknown> = { a: 1 };
    object.self = object;
    expectProblem(object, 'cycle', '$.self');
    const array: unknown[] = [1];
    array.push({ back: array });
    expectProblem({ list: array }, 'cycle', '$.list[1].back');
  });

  it('refuses Dates, Maps, Buffers, class instances, Array subclasses and holes', () => {
    expectProblem({ at: new Date(0) }, 'not_plain_object', '$.at');
    expectProblem(new Map([['a', 1]]), 'not_plain_object', '$');
    expectProblem({ b: Buffer.from('x') }, 'not_plain_object', '$.b');
    class Dose {
      amount = 500;
    }
    expectProblem([new Dose()], 'not_plain_object', '$[0]');
    class Doses extends Array<number> {}
    expectProblem({ d: Doses.from([1]) }, 'not_plain_object', '$.d');
    // eslint-disable-next-line no-sparse-arrays
    expectProblem([1, , 3], 'array_hole', '$[1]');
  });

  it('says what and where in its message', () => {
    expect(() => canonicalJson({ content: { vitals: [{ value: Number.NaN }] } })).toThrow(
      'Cannot canonicalize $.content.vitals[0].value: NaN and Infinity have no JSON form',
    );
  });
});
