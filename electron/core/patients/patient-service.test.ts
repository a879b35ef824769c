import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../shared/messages';
import type { Actor } from '../../shared/roles';
import { makeValidNationalId } from '../../shared/patients/national-id';
import { q } from '../db/database';
import { AppError } from '../errors';
import { addUser, removeDir, setUpTestClinic, type TestClinic } from '../testing/fixtures';

function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.fields) {
      return Object.fromEntries(error.fields.map((f) => [f.field, f.messageKey]));
    }
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('patient registry', () => {
  let clinic: TestClinic;
  let admin: Actor;
  let doctor: Actor;
  let staff: Actor;

  beforeAll(async () => {
    clinic = await setUpTestClinic();
    admin = clinic.adminActor;
    doctor = (
      await addUser(clinic, { username: 'dr.tehrani', displayName: 'دکتر تهرانی', role: 'doctor' })
    ).actor;
    staff = (await addUser(clinic, { username: 'paziresh', displayName: 'پذیرش', role: 'staff' }))
      .actor;
    clinic.services.patients.importMany(admin, [
      {
        firstName: 'محمدرضا',
        lastName: 'کریمی',
        firstNameLatin: 'Mohammadreza',
        lastNameLatin: 'Karimi',
        nationalId: '0499370899',
        phone: '09121234567',
        birthDate: '۱۳۷۰/۰۵/۱۲',
        sex: 'male',
      },
      {
        firstName: 'محمد',
        lastName: 'رضایی',
        nationalId: makeValidNationalId('123456789'),
        phone: '09350001122',
        sex: 'male',
      },
      {
        firstName: 'فاطمه',
        lastName: 'محمدی',
        firstNameLatin: 'Fatemeh',
        lastNameLatin: 'Mohammadi',
        phone: '021-88776655',
        sex: 'female',
      },
      { firstName: 'زهرا', lastName: 'احمدی‌نژاد', nationalId: '0790419904', sex: 'female' },
      { firstName: 'علي', lastName: 'كاظمي', sex: 'male' },
    ]);
  });
  afterAll(() => {
    clinic.core.close();
    removeDir(clinic.dir);
  });

  const search = (query: string, actor: Actor = staff) =>
    clinic.services.patients
      .search(actor, { query })
      .items.map((p) => `${p.firstName} ${p.lastName}`);

  it('registers a patient with an assigned MRN and normalised fields', () => {
    const p = clinic.services.patients.create(doctor, {
      firstName: ' سارا ',
      lastName: 'يوسفي',
      phone: '+98 (912) 555 66 77',
      nationalId: '۰۰۸۴۵۷۵۹۴۸',
      birthDate: '1380/1/1',
      allergies: 'آسپرین',
    });
    expect(p).toMatchObject({
      firstName: 'سارا',
      lastName: 'یوسفی',
      phone: '09125556677',
      nationalId: '0084575948',
      birthDate: '2001-03-21',
      clinical: { allergies: 'آسپرین', notes: '' },
    });
    expect(p.mrn).toMatch(/^14\d\d-\d{5}$/);
    const again = clinic.services.patients.create(staff, { firstName: 'نیما', lastName: 'یوسفی' });
    expect(Number(again.mrn.slice(5))).toBe(Number(p.mrn.slice(5)) + 1);
  });

  it('finds patients by Persian name prefix, in any word order', () => {
    expect(search('محمد')).toEqual(
      expect.arrayContaining(['محمد رضایی', 'محمدرضا کریمی', 'فاطمه محمدی']),
    );
    expect(search('محمدر')).toEqual(['محمدرضا کریمی']);
    expect(search('کریمی محمد')).toEqual(['محمدرضا کریمی']);
    expect(search('رضا')).toEqual(['محمد رضایی']);
    expect(search('احمدی')).toEqual(['زهرا احمدی‌نژاد']);
  });

  it('matches names however the Persian was typed (Arabic letters, ZWNJ, spacing)', () => {
    expect(search('علی کاظمی')).toEqual(['علی کاظمی']);
    expect(search('على')).toContain('علی کاظمی');
    expect(search('احمدی نژاد')).toEqual(['زهرا احمدی‌نژاد']);
    expect(search('محمد رضا')).toContain('محمدرضا کریمی');
  });

  it('finds patients by Latin name prefix, case and accents ignored', () => {
    expect(search('moham')).toEqual(expect.arrayContaining(['محمدرضا کریمی', 'فاطمه محمدی']));
    expect(search('FATEMEH')).toEqual(['فاطمه محمدی']);
    expect(search('Fātemeh moh')).toEqual(['فاطمه محمدی']);
  });

  it('finds patients by phone, national ID and MRN, in any digits', () => {
    expect(clinic.services.patients.search(staff, { query: '0912 123 4567' })).toMatchObject({
      matchedBy: ['phone'],
    });
    expect(search('۰۹۱۲۱۲۳۴۵۶۷')).toEqual(['محمدرضا کریمی']);
    expect(search('+989121234567')).toEqual(['محمدرضا کریمی']);
    expect(search('02188776655')).toEqual(['فاطمه محمدی']);
    expect(clinic.services.patients.search(staff, { query: '0790419904' })).toMatchObject({
      matchedBy: ['national_id'],
    });
    expect(search('790419904')).toEqual(['زهرا احمدی‌نژاد']);
    const { mrn } = clinic.services.patients.search(staff, { query: '0790419904' }).items[0]!;
    expect(search(mrn)).toEqual(['زهرا احمدی‌نژاد']);
    expect(search('09999999999')).toEqual([]);
  });

  it('asks for at least three letters, but lets a shorter word narrow a longer query', () => {
    for (const query of ['م', 'مح', 'fa', 'ع ک']) {
      expect(fieldErrors(() => clinic.services.patients.search(staff, { query }))).toEqual({
        query: 'patient.search.tooShort',
      });
    }
    expect(search('فاطمه مح')).toEqual(['فاطمه محمدی']);
    // …and the words joined ('محمدر') also find a name written as one word.
    expect(search('محمد ر')).toEqual(['محمد رضایی', 'محمدرضا کریمی']);
    expect(search('کریمی م')).toEqual(['محمدرضا کریمی']);
  });

  it('refuses a wrong national ID with a field message in Persian and English', () => {
    const errors = fieldErrors(() =>
      clinic.services.patients.create(staff, {
        firstName: 'رضا',
        lastName: 'پاکزاد',
        nationalId: '0499370898',
      }),
    );
    expect(errors).toEqual({ nationalId: 'patient.nationalId.checksum' });
    expect(translate('patient.nationalId.checksum', 'fa')).toMatch(/کد ملی/);
    expect(translate('patient.nationalId.checksum', 'en')).toMatch(/national ID/i);
    expect(
      fieldErrors(() =>
        clinic.services.patients.create(staff, {
          firstName: 'رضا',
          lastName: 'پاکزاد',
          nationalId: '12345',
        }),
      ),
    ).toEqual({
      nationalId: 'patient.nationalId.invalidFormat',
    });
  });

  it('reports every bad field at once', () => {
    const errors = fieldErrors(() =>
      clinic.services.patients.create(staff, {
        firstName: '',
        lastName: 'R2D2',
        phone: '12',
        birthDate: '1404/12/30',
        sex: 'robot' as never,
        firstNameLatin: 'علی',
      }),
    );
    expect(errors).toEqual({
      firstName: 'patient.firstName.required',
      lastName: 'patient.name.invalidCharacters',
      phone: 'patient.phone.invalid',
      birthDate: 'patient.birthDate.invalid',
      sex: 'patient.sex.invalid',
      firstNameLatin: 'patient.name.latinOnly',
    });
  });

  it('refuses a duplicate national ID, and nothing is written', () => {
    const before = clinic.core.db.first(
      q.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n;
    expect(
      fieldErrors(() =>
        clinic.services.patients.create(staff, {
          firstName: 'کسی',
          lastName: 'دیگر',
          nationalId: '0499370899',
        }),
      ),
    ).toEqual({
      nationalId: 'patient.nationalId.duplicate',
    });
    const after = clinic.core.db.first(
      q.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n;
    expect(after).toBe(before);
  });

  it('refuses a duplicate MRN given by hand', () => {
    const { mrn } = clinic.services.patients.create(staff, {
      firstName: 'یکتا',
      lastName: 'نامدار',
    });
    expect(
      fieldErrors(() =>
        clinic.services.patients.create(staff, { firstName: 'دوم', lastName: 'نامدار', mrn }),
      ),
    ).toEqual({
      mrn: 'patient.mrn.duplicate',
    });
  });

  it('updates only the given fields and keeps search in step with the new name', () => {
    const p = clinic.services.patients.create(staff, {
      firstName: 'پرستو',
      lastName: 'قدیمی',
      phone: '09127770000',
    });
    const updated = clinic.services.patients.update(staff, p.id, {
      lastName: 'جدیدی',
      phone: null,
    });
    expect(updated).toMatchObject({
      firstName: 'پرستو',
      lastName: 'جدیدی',
      phone: null,
      mrn: p.mrn,
    });
    expect(search('قدیمی')).toEqual([]);
    expect(search('جدید')).toEqual(['پرستو جدیدی']);
    expect(search('09127770000')).toEqual([]);
    expect(
      fieldErrors(() => clinic.services.patients.update(staff, p.id, { nationalId: '0499370899' })),
    ).toEqual({
      nationalId: 'patient.nationalId.duplicate',
    });
  });

  it('soft-deletes: gone from get and search, MRN kept, national ID free again (admin only)', () => {
    const p = clinic.services.patients.create(staff, {
      firstName: 'رفته',
      lastName: 'بایگانی',
      nationalId: makeValidNationalId('555444333'),
    });
    expect(() => clinic.services.patients.remove(staff, p.id)).toThrow(
      expect.objectContaining({ code: 'permission_denied' }),
    );
    clinic.services.patients.remove(admin, p.id);
    expect(() => clinic.services.patients.get(admin, p.id)).toThrow(
      expect.objectContaining({ code: 'not_found', messageKey: 'patient.notFound' }),
    );
    expect(search('بایگانی')).toEqual([]);
    const again = clinic.services.patients.create(staff, {
      firstName: 'برگشته',
      lastName: 'بایگانی',
      nationalId: p.nationalId,
    });
    expect(again.mrn).not.toBe(p.mrn);
    expect(
      fieldErrors(() =>
        clinic.services.patients.create(staff, { firstName: 'x', lastName: 'y', mrn: p.mrn }),
      ),
    ).toEqual({
      mrn: 'patient.mrn.duplicate',
    });
  });

  it('shows clinical data to clinical roles only', () => {
    const p = clinic.services.patients.create(doctor, {
      firstName: 'آیدا',
      lastName: 'نوروزی',
      allergies: 'لاتکس',
    });
    expect(clinic.services.patients.get(doctor, p.id).clinical).toEqual({
      allergies: 'لاتکس',
      notes: '',
    });
    expect(clinic.services.patients.get(staff, p.id).clinical).toBeNull();
    expect(() => clinic.services.patients.update(staff, p.id, { allergies: '' })).toThrow(
      expect.objectContaining({ code: 'permission_denied' }),
    );
    expect(() =>
      clinic.services.patients.create(staff, { firstName: 'الف', lastName: 'ب', notes: 'x' }),
    ).toThrow(expect.objectContaining({ code: 'permission_denied' }));
  });

  it('says when a broad search was cut short', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      firstName: 'کامران',
      lastName: `پرتوی${'ابپتثجچحخدذرزژسشصضطظعغفقکگلمن'[i]}`,
    }));
    clinic.services.patients.importMany(admin, many);
    const result = clinic.services.patients.search(staff, { query: 'کامران', limit: 10 });
    expect(result.items).toHaveLength(10);
    expect(result.truncated).toBe(true);
    expect(clinic.services.patients.search(staff, { query: 'کامران', limit: 50 })).toMatchObject({
      truncated: false,
    });
  });

  it('validates a whole import before writing any of it', () => {
    const before = clinic.core.db.first(
      q.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n;
    expect(
      fieldErrors(() =>
        clinic.services.patients.importMany(admin, [
          { firstName: 'خوب', lastName: 'درست' },
          { firstName: 'بد', lastName: '' },
        ]),
      ),
    ).toEqual({
      '1.lastName': 'patient.lastName.required',
    });
    const after = clinic.core.db.first(
      q.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n;
    expect(after).toBe(before);
  });
});
