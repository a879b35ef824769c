import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { q } from '../db/database';
import type { Sealed } from '../db/sealed';
import type { PatientsTable } from '../db/schema';
import { patientColumns } from '../patients/patient-columns';
import { removeDir, setUpTestClinic, type TestClinic } from '../testing/fixtures';
import type { ColumnCipher } from './column-cipher';
import { bytesColumn, sealedKeyId, textColumn } from './column-cipher';

describe('sealed columns', () => {
  let clinic: TestClinic;
  let other: TestClinic;
  let cipher: ColumnCipher;
  const complaint = textColumn('encounters', 'chief_complaint');
  const notes = textColumn('encounters', 'doctor_notes');
  const rowA = '01900000-0000-7000-8000-00000000000a';
  const rowB = '01900000-0000-7000-8000-00000000000b';

  beforeAll(async () => {
    [clinic, other] = await Promise.all([setUpTestClinic(), setUpTestClinic()]);
    cipher = clinic.services.cipher;
  });
  afterAll(() => {
    for (const c of [clinic, other]) {
      c.core.close();
      removeDir(c.dir);
    }
  });

  const expectRejected = (open: () => unknown) =>
    expect(open).toThrow(
      expect.objectContaining({ code: 'tampered', messageKey: 'crypto.valueUnreadable' }),
    );

  it('round-trips text and JSON, with a fresh nonce each time', () => {
    const first = cipher.seal(complaint, rowA, 'سردرد و تب از دو روز پیش');
    const second = cipher.seal(complaint, rowA, 'سردرد و تب از دو روز پیش');
    expect(first.equals(second)).toBe(false);
    expect(cipher.open(complaint, rowA, first)).toBe('سردرد و تب از دو روز پیش');
    const demographics = {
      mrn: '1405-00001',
      nationalId: '0499370899',
      firstName: 'زهرا',
      lastName: 'موسوی',
      firstNameLatin: 'Zahra',
      lastNameLatin: 'Mousavi',
      fatherName: null,
      birthDate: '1991-08-03',
      sex: 'female' as const,
      phone: '09121234567',
      address: null,
      helssaRef: null,
    };
    const sealed = cipher.seal(patientColumns.demographics, rowA, demographics);
    expect(cipher.open(patientColumns.demographics, rowA, sealed)).toEqual(demographics);
  });

  it('opens a sealed key as the key itself, though the cipher wipes its own buffer', () => {
    const keyColumn = bytesColumn('encounters', 'encryption_key');
    const key = Buffer.from(Array.from({ length: 32 }, (_, index) => index + 1));
    const opened = cipher.open(keyColumn, rowA, cipher.seal(keyColumn, rowA, key));
    expect(opened.equals(key)).toBe(true);
  });

  it('carries a format version and the data key id', () => {
    const sealed = cipher.seal(complaint, rowA, 'x');
    expect(sealed[0]).toBe(1);
    expect(sealedKeyId(sealed)).toBe(clinic.services.ring.active('data').id);
  });

  it('rejects a value with any single bit flipped', () => {
    const sealed = cipher.seal(complaint, rowA, 'فشار خون بالا');
    for (let byte = 0; byte < sealed.length; byte += 1) {
      const tampered = Buffer.from(sealed);
      tampered[byte]! ^= 0x01;
      expectRejected(() => cipher.open(complaint, rowA, tampered as Sealed<string>));
    }
  });

  it('rejects a value moved to another row', () => {
    const sealed = cipher.seal(complaint, rowA, 'درد قفسه سینه');
    expectRejected(() => cipher.open(complaint, rowB, sealed));
  });

  it('rejects a value moved to another column or table', () => {
    const sealed = cipher.seal(complaint, rowA, 'درد قفسه سینه');
    expectRejected(() => cipher.open(notes, rowA, sealed));
    const demographics = cipher.seal(patientColumns.clinical, rowA, { allergies: '', notes: '' });
    expectRejected(() => cipher.open(patientColumns.demographics, rowA, demographics as never));
  });

  it("rejects a value under a wrong key: another clinic's", () => {
    const sealed = other.services.cipher.seal(complaint, rowA, 'داروی قلبی');
    expect(sealedKeyId(sealed)).toBe(sealedKeyId(cipher.seal(complaint, rowA, 'x')));
    expectRejected(() => cipher.open(complaint, rowA, sealed));
  });

  it('rejects a value relabelled with another key id', () => {
    const sealed = Buffer.from(cipher.seal(complaint, rowA, 'x'));
    const blindKey = clinic.services.ring.active('blind_index').id;
    sealed.writeUInt32BE(blindKey, 1);
    expectRejected(() => cipher.open(complaint, rowA, sealed as Sealed<string>));
    sealed.writeUInt32BE(9999, 1);
    expectRejected(() => cipher.open(complaint, rowA, sealed as Sealed<string>));
  });

  it('detects a patient row whose sealed data was swapped with another patient', () => {
    const { patients } = clinic.services;
    const a = patients.create(clinic.adminActor, { firstName: 'کاوه', lastName: 'آهنگر' });
    const b = patients.create(clinic.adminActor, { firstName: 'آرش', lastName: 'کمانگیر' });
    const rowOf = (id: string) =>
      clinic.core.db.first(q.selectFrom('patients').select('demographics').where('id', '=', id))!;
    const sealedB = rowOf(b.id).demographics;
    clinic.core.db.raw
      .prepare('UPDATE patients SET demographics = ? WHERE id = ?')
      .run(sealedB, a.id);
    expect(() => patients.get(clinic.adminActor, a.id)).toThrow(
      expect.objectContaining({ code: 'tampered' }),
    );
  });

  it('makes writing plaintext into a sealed column a type error', () => {
    const row = {} as PatientsTable;
    // @ts-expect-error a string is not a Sealed<PatientDemographics>
    row.demographics = 'علی رضایی';
    // @ts-expect-error a bare Buffer is not sealed either
    row.demographics = Buffer.from('علی رضایی');
    // @ts-expect-error a value sealed for another column type does not fit
    row.demographics = cipher.seal(complaint, rowA, 'x');
    row.demographics = cipher.seal(patientColumns.demographics, rowA, {
      mrn: 'x',
      nationalId: null,
      firstName: 'x',
      lastName: 'x',
      firstNameLatin: null,
      lastNameLatin: null,
      fatherName: null,
      birthDate: null,
      sex: null,
      phone: null,
      address: null,
      helssaRef: null,
    });
    expect(Buffer.isBuffer(row.demographics)).toBe(true);
  });
});
