import { describe, expect, it } from 'vitest';
import { normalizeText } from '../text/normalize';
import { translate } from './index';
import { patientMessages } from './patients';

const entries = Object.entries(patientMessages);

describe('patientMessages', () => {
  it('has the keys the patient validators and form rely on', () => {
    for (const key of [
      'patient.nationalId.invalidFormat',
      'patient.nationalId.checksum',
      'patient.nationalId.duplicate',
      'patient.phone.invalid',
      'patient.birthDate.invalid',
      'patient.birthDate.future',
      'patient.birthDate.tooOld',
      'patient.firstName.required',
      'patient.lastName.required',
      'patient.name.invalidCharacters',
      'patient.sex.invalid',
      'patient.mrn.invalid',
      'patient.mrn.duplicate',
      'patient.notFound',
      'patient.search.tooShort',
    ]) {
      expect(Object.hasOwn(patientMessages, key), key).toBe(true);
    }
  });

  it('writes Persian the way the app stores it (Persian ی and ک, tidy spaces and ZWNJ)', () => {
    for (const [key, message] of entries) {
      expect(message.fa.trim(), key).not.toBe('');
      expect(normalizeText(message.fa), key).toBe(message.fa);
    }
  });

  it('has an English text for every message, and no Persian in it', () => {
    for (const [key, message] of entries) {
      expect(message.en.trim(), key).not.toBe('');
      expect(message.en, key).not.toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('uses no placeholders, so callers need no parameters', () => {
    for (const [key, message] of entries) {
      expect(`${message.fa} ${message.en}`, key).not.toMatch(/\{\w+\}/);
    }
  });

  it('is reachable through translate', () => {
    expect(translate('patient.notFound', 'fa')).toBe('بیمار پیدا نشد.');
    expect(translate('patient.notFound', 'en')).toBe('The patient was not found.');
  });
});
