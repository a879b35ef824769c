import { describe, expect, it } from 'vitest';
import { isMobile, normalizePhone } from './phone';

describe('normalizePhone: Iranian numbers', () => {
  it('keeps a mobile number as typed at home', () => {
    expect(normalizePhone('09123456789')).toBe('09123456789');
  });

  it('keeps a landline with its area code', () => {
    expect(normalizePhone('02188776655')).toBe('02188776655');
    expect(normalizePhone('0311 2345678')).toBe('03112345678');
  });

  it('converts Persian and Arabic-Indic digits', () => {
    expect(normalizePhone('۰۹۱۲۳۴۵۶۷۸۹')).toBe('09123456789');
    expect(normalizePhone('٠٩١٢٣٤٥٦٧٨٩')).toBe('09123456789');
  });

  it('strips spaces, dashes, dots, parentheses and invisible marks', () => {
    expect(normalizePhone(' 0912 345 6789 ')).toBe('09123456789');
    expect(normalizePhone('0912-345-67-89')).toBe('09123456789');
    expect(normalizePhone('0912.345.6789')).toBe('09123456789');
    expect(normalizePhone('(021) 8877-6655')).toBe('02188776655');
    expect(normalizePhone('\u200E۰۹۱۲\u00A0۳۴۵\u2013۶۷۸۹\u200F')).toBe('09123456789');
  });

  it('turns +98 and 0098 into the leading 0', () => {
    expect(normalizePhone('+989123456789')).toBe('09123456789');
    expect(normalizePhone('+98 912 345 6789')).toBe('09123456789');
    expect(normalizePhone('00989123456789')).toBe('09123456789');
    expect(normalizePhone('+98 21 8877 6655')).toBe('02188776655');
    expect(normalizePhone('۰۰۹۸۲۱۸۸۷۷۶۶۵۵')).toBe('02188776655');
  });

  it('tolerates the trunk zero kept after +98', () => {
    expect(normalizePhone('+98 0912 345 6789')).toBe('09123456789');
  });

  it('accepts the +98 form whose plus was lost (98 + 10 digits)', () => {
    expect(normalizePhone('989123456789')).toBe('09123456789');
  });

  it('adds the leading 0 to a mobile typed without it', () => {
    expect(normalizePhone('9123456789')).toBe('09123456789');
    expect(normalizePhone('912 345 6789')).toBe('09123456789');
  });

  it('rejects Iranian numbers of the wrong length', () => {
    expect(normalizePhone('0912345678')).toBeNull();
    expect(normalizePhone('091234567890')).toBeNull();
    expect(normalizePhone('+98912345678')).toBeNull();
    expect(normalizePhone('+9891234567890')).toBeNull();
  });

  it('rejects a local landline without its area code', () => {
    expect(normalizePhone('88776655')).toBeNull();
  });
});

describe('normalizePhone: other countries', () => {
  it('keeps + and the digits', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+1 (202) 555-0143')).toBe('+12025550143');
    expect(normalizePhone('+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷')).toBe('+971501234567');
  });

  it('turns the 00 prefix into +', () => {
    expect(normalizePhone('0049 30 1234567')).toBe('+49301234567');
    // 00 is always the international prefix, never a malformed Iranian number.
    expect(normalizePhone('00123456789')).toBe('+123456789');
  });

  it('allows 8 to 15 digits in total', () => {
    expect(normalizePhone('+3521234567')).toBe('+3521234567');
    expect(normalizePhone('+12345678')).toBe('+12345678');
    expect(normalizePhone('+1234567')).toBeNull();
    expect(normalizePhone('+123456789012345')).toBe('+123456789012345');
    expect(normalizePhone('+1234567890123456')).toBeNull();
  });

  it('rejects a country code starting with 0', () => {
    expect(normalizePhone('+0441234567890')).toBeNull();
  });
});

describe('normalizePhone: garbage', () => {
  it('returns null', () => {
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('   ')).toBeNull();
    expect(normalizePhone('تلفن ندارد')).toBeNull();
    expect(normalizePhone('0912345678x')).toBeNull();
    expect(normalizePhone('++989123456789')).toBeNull();
    expect(normalizePhone('0912+3456789')).toBeNull();
    expect(normalizePhone('+')).toBeNull();
    expect(normalizePhone('00')).toBeNull();
  });
});

describe('isMobile', () => {
  it('is true only for normalised Iranian mobiles', () => {
    expect(isMobile('09123456789')).toBe(true);
    expect(isMobile('09901234567')).toBe(true);
    expect(isMobile('02188776655')).toBe(false);
    expect(isMobile('+447700900123')).toBe(false);
    expect(isMobile('9123456789')).toBe(false);
    expect(isMobile('۰۹۱۲۳۴۵۶۷۸۹')).toBe(false);
  });

  it('agrees with normalizePhone', () => {
    expect(isMobile(normalizePhone('+98 912 345 6789') ?? '')).toBe(true);
    expect(isMobile(normalizePhone('021-88776655') ?? '')).toBe(false);
  });
});
