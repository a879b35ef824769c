import { describe, expect, it } from 'vitest';
import {
  isValidNationalId,
  makeValidNationalId,
  nationalIdCheckDigit,
  normalizeNationalId,
} from './national-id';

// Known-valid IDs, each checked by hand: s = Σ d[i]·(10−i) over the first nine digits,
// r = s mod 11, check digit = r if r < 2, else 11 − r.
const VALID = [
  // 0·10 + 4·9 + 9·8 + 9·7 + 3·6 + 7·5 + 0·4 + 8·3 + 9·2 = 0+36+72+63+18+35+0+24+18 = 266;
  // 266 mod 11 = 2 → 11 − 2 = 9 ✓
  '0499370899',
  // 0 + 7·9 + 9·8 + 0·7 + 4·6 + 1·5 + 9·4 + 9·3 + 0·2 = 63+72+0+24+5+36+27+0 = 227;
  // 227 mod 11 = 7 → 11 − 7 = 4 ✓
  '0790419904',
  // 0 + 0 + 8·8 + 4·7 + 5·6 + 7·5 + 5·4 + 9·3 + 4·2 = 64+28+30+35+20+27+8 = 212;
  // 212 mod 11 = 3 → 11 − 3 = 8 ✓
  '0084575948',
  // 1·10 + 2·9 + 3·8 + 4·7 + 5·6 + 6·5 + 7·4 + 8·3 + 9·2 = 10+18+24+28+30+30+28+24+18 = 210;
  // 210 mod 11 = 1 → r < 2, check digit 1 ✓
  '1234567891',
  // 4·10 + 3·9 + 7·8 + 2·7 + 1·6 + 8·5 + 6·4 + 0·3 + 1·2 = 40+27+56+14+6+40+24+0+2 = 209;
  // 209 mod 11 = 0 → r < 2, check digit 0 ✓
  '4372186010',
];

describe('isValidNationalId', () => {
  it('accepts known-valid IDs', () => {
    for (const id of VALID) expect(isValidNationalId(id), id).toBe(true);
  });

  it('rejects an ID with any single digit changed', () => {
    // Every weight 10…2 is non-zero mod 11, so one changed digit always changes r. The one blind
    // spot of the official rule is r = 1 versus r = 10, which both give check digit 1; the
    // examples here avoid check digit 1 and the blind spot has its own test below.
    for (const id of VALID.filter((v) => !v.endsWith('1'))) {
      for (let i = 0; i < 10; i++) {
        const digit = Number(id[i]);
        const changed = id.slice(0, i) + String((digit + 1) % 10) + id.slice(i + 1);
        expect(isValidNationalId(changed), changed).toBe(false);
      }
    }
  });

  it('cannot tell r = 1 from r = 10 (a weakness of the official rule, not of this code)', () => {
    // 1234567891 has r = 1. Changing the 2 (weight 9) to a 3 adds 9: r = 10 → check digit 1 again.
    expect(isValidNationalId('1334567891')).toBe(true);
  });

  it('rejects IDs of one repeated digit even though they pass the arithmetic', () => {
    // 1111111111: s = 10+9+…+2 = 54, 54 mod 11 = 10 → 11 − 10 = 1, so the checksum alone passes.
    expect(nationalIdCheckDigit('111111111')).toBe(1);
    // 0000000000: s = 0, r = 0 → check digit 0, also passes the arithmetic.
    expect(nationalIdCheckDigit('000000000')).toBe(0);
    for (let d = 0; d <= 9; d++) expect(isValidNationalId(String(d).repeat(10))).toBe(false);
  });

  it('accepts only ten ASCII digits', () => {
    expect(isValidNationalId('499370899')).toBe(false);
    expect(isValidNationalId('04993708990')).toBe(false);
    expect(isValidNationalId('۰۴۹۹۳۷۰۸۹۹')).toBe(false);
    expect(isValidNationalId('049-937089')).toBe(false);
    expect(isValidNationalId('')).toBe(false);
  });
});

describe('normalizeNationalId', () => {
  it('keeps ten ASCII digits', () => {
    expect(normalizeNationalId('0499370899')).toBe('0499370899');
  });

  it('converts Persian and Arabic-Indic digits', () => {
    expect(normalizeNationalId('۰۴۹۹۳۷۰۸۹۹')).toBe('0499370899');
    expect(normalizeNationalId('٠٤٩٩٣٧٠٨٩٩')).toBe('0499370899');
  });

  it('strips spaces, dashes, dots and invisible marks', () => {
    expect(normalizeNationalId(' 049-937089-9 ')).toBe('0499370899');
    expect(normalizeNationalId('049.937.0899')).toBe('0499370899');
    expect(normalizeNationalId('049 937 0899')).toBe('0499370899');
    expect(normalizeNationalId('\u200E۰۴۹۹\u00A0۳۷۰\u2013۸۹۹\u200F')).toBe('0499370899');
  });

  it('left-pads 8 or 9 digits with zeros', () => {
    expect(normalizeNationalId('84575948')).toBe('0084575948');
    expect(normalizeNationalId('499370899')).toBe('0499370899');
    expect(isValidNationalId(normalizeNationalId('84575948') ?? '')).toBe(true);
  });

  it('rejects other lengths and garbage', () => {
    expect(normalizeNationalId('')).toBeNull();
    expect(normalizeNationalId('1234567')).toBeNull();
    expect(normalizeNationalId('04993708990')).toBeNull();
    expect(normalizeNationalId('049937089x')).toBeNull();
    expect(normalizeNationalId('کد ملی')).toBeNull();
    expect(normalizeNationalId('+0499370899')).toBeNull();
    expect(normalizeNationalId('0499370899.5')).toBeNull();
  });

  it('does not check the check digit', () => {
    expect(normalizeNationalId('0499370898')).toBe('0499370898');
  });
});

describe('makeValidNationalId', () => {
  it('appends the check digit', () => {
    for (const id of VALID) expect(makeValidNationalId(id.slice(0, 9))).toBe(id);
  });

  it('produces valid IDs for many inputs', () => {
    for (let n = 0; n < 1000; n++) {
      const nine = String((n * 7_919_113 + 12_345) % 1_000_000_000).padStart(9, '0');
      expect(isValidNationalId(makeValidNationalId(nine)), nine).toBe(true);
    }
  });

  it('refuses input that is not nine ASCII digits', () => {
    expect(() => makeValidNationalId('12345678')).toThrow(RangeError);
    expect(() => makeValidNationalId('۱۲۳۴۵۶۷۸۹')).toThrow(RangeError);
  });

  it('refuses to make a repeated-digit ID', () => {
    expect(() => makeValidNationalId('111111111')).toThrow(RangeError);
  });
});
