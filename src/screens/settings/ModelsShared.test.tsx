import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import {
  buildLabel,
  buildOf,
  countText,
  durationText,
  familyDescription,
  isEnglishOnly,
  sizePair,
  sizeText,
  textWith,
} from './ModelsShared';

const fa = createI18n('fa');
const en = createI18n('en');

describe('model sizes as people read them', () => {
  it('uses Persian digits and the units file managers use', () => {
    expect(sizeText(fa, 190_085_487)).toBe('۱۸۱ مگابایت');
    expect(sizeText(fa, 1_624_555_275)).toBe('۱٫۵ گیگابایت');
    expect(sizeText(fa, 885_098)).toBe('۸۶۴ کیلوبایت');
    expect(sizeText(en, 190_085_487)).toBe('181 MB');
    expect(sizeText(en, 3_094_623_691)).toBe('2.9 GB');
    expect(sizeText(en, 5 * 1024 * 1024)).toBe('5 MB');
  });

  it('tells two sizes apart in bytes when they round alike', () => {
    expect(sizePair(en, 2048, 59_707_625)).toEqual(['2 KB', '57 MB']);
    expect(sizePair(en, 190_085_486, 190_085_487)).toEqual(['190,085,486 B', '190,085,487 B']);
  });
});

describe('model names', () => {
  it('splits a model id into its model and build', () => {
    expect(buildOf('small-q5_1')).toEqual({ family: 'small', build: 'q5_1' });
    expect(buildOf('large-v3-turbo-q8_0')).toEqual({ family: 'large-v3-turbo', build: 'q8_0' });
    expect(buildOf('tiny.en')).toEqual({ family: 'tiny.en', build: 'f16' });
    expect(buildOf('silero-v6.2.0')).toEqual({ family: 'silero-v6.2.0', build: 'f16' });
    expect(isEnglishOnly('base.en-q5_1')).toBe(true);
    expect(isEnglishOnly('base-q5_1')).toBe(false);
  });

  it('words builds and knows the families of the manifest only', () => {
    expect(buildLabel(fa, 'q5_1')).toBe('۵ بیتی (q5_1)');
    expect(buildLabel(en, 'f16')).toBe('Full (f16)');
    expect(familyDescription(en, 'small.en')).toMatch(/^Dual- and quad-core PCs/);
    expect(familyDescription(en, 'test-tiny')).toBeNull();
  });
});

describe('text with pieces in it', () => {
  it('puts nodes where the parameters are and keeps the words around them', () => {
    const parts = textWith(fa, 'speech.model.putFile', {
      file: <b>ggml-small-q5_1.bin</b>,
      dir: <b>/srv/models</b>,
    }) as unknown[];
    expect(parts[0]).toBe('فایل ');
    expect(isValidElement(parts[1])).toBe(true);
    expect(parts[2]).toBe(' را در پوشهٔ ');
    expect(parts.filter((part) => isValidElement(part))).toHaveLength(2);
  });
});

describe('drafting times as people say them', () => {
  it('rounds to 5 seconds under a minute, to half minutes under ten, then to minutes', () => {
    expect(durationText(fa, 34.93)).toBe('حدود ۳۵ ثانیه');
    expect(durationText(fa, 91.44)).toBe('حدود ۱٫۵ دقیقه');
    expect(durationText(fa, 243.19)).toBe('حدود ۴ دقیقه');
    expect(durationText(en, 34.93)).toBe('about 35 s');
    expect(durationText(en, 2)).toBe('about 5 s');
    expect(durationText(en, 57)).toBe('about 55 s');
    expect(durationText(en, 58)).toBe('about 1 min');
    expect(durationText(en, 106.8)).toBe('about 2 min');
    expect(durationText(en, 121.7)).toBe('about 2 min');
    expect(durationText(en, 165)).toBe('about 3 min');
    expect(durationText(en, 14 * 60 + 40)).toBe('about 15 min');
  });

  it('writes token counts with the language’s digits and grouping', () => {
    expect(countText(fa, 2000)).toBe('۲٬۰۰۰');
    expect(countText(en, 16_384)).toBe('16,384');
  });
});
