import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signingMessages } from '../../shared/messages/signing';
import type { SoapContent } from '../../shared/soap';
import { AppError } from '../errors';
import { canonicalJsonBytes } from './canonical-json';
import {
  chainBreakMessageKeys,
  chainBreakReasons,
  reportPayloadBytes,
  reportPayloadHash,
  signReport,
  verifyAmendmentChain,
  verifyReportSignature,
  type SignedReportPayload,
  type SignedReportVersion,
} from './report-signature';
import { createSigningKey, unsealSigningKey, type UnsealedSigningKey } from './signing-keys';

const FAST = { logN: 14, r: 8, p: 1 };
const DOCTOR = '01900000-0000-7000-8000-0000000000d1';
const MALLORY = '01900000-0000-7000-8000-0000000000e6';

function content(): SoapContent {
  return {
    subjective: 'بیمار از سه روز پیش گلودرد و تب دارد؛ سرفهٔ خشک ندارد.',
    objective: 'دمای بدن ۳۸٫۵ درجه، فشار خون 120/80، حلق قرمز با اگزودای لوزه.',
    assessment: 'فارنژیت استرپتوکوکی محتمل است.',
    plan: 'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت به مدت ۱۰ روز؛ مایعات فراوان.',
    chiefComplaint: 'گلودرد و تب',
    vitals: [
      {
        id: 'v1',
        kind: 'temperature',
        value: '38.5',
        unit: '°C',
        evidence: [{ segmentId: 's3', start: 10, end: 24, quote: 'تب سی و هشت و نیم' }],
      },
      { id: 'v2', kind: 'blood_pressure', value: '120/80', unit: 'mmHg', evidence: [] },
    ],
    diagnoses: [{ id: 'd1', icd10: 'J02.0', title: 'فارنژیت استرپتوکوکی', evidence: [] }],
    medications: [
      {
        id: 'm1',
        name: 'Amoxicillin',
        dose: '500 mg',
        route: 'خوراکی',
        frequency: 'هر ۸ ساعت',
        duration: '۱۰ روز',
        evidence: [{ segmentId: 's7', start: 0, end: 31, quote: 'آموکسی‌سیلین پانصد هر هشت ساعت' }],
      },
    ],
    labOrders: [{ id: 'l1', name: 'Throat culture', reason: 'تأیید تشخیص', evidence: [] }],
    followUp: { interval: '۱ هفته', reason: 'بررسی پاسخ به درمان', evidence: [] },
  };
}

function approval(overrides: Partial<SignedReportPayload> = {}): SignedReportPayload {
  return {
    schema: 'helssa.soap-report/1',
    reportId: 'r-0001',
    encounterId: 'e-0001',
    patientId: 'p-0001',
    version: 1,
    content: content(),
    doctorId: DOCTOR,
    signedAt: '2025-03-20T08:30:00.000Z',
    previousVersionHash: null,
    amendmentReason: null,
    ...overrides,
  };
}

/** A deep copy with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => reversedKeys(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reversedKeys(item)]),
    ) as T;
  }
  return value;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function flipBit(signature: string, byte: number, bit: number): string {
  const bytes = Buffer.from(signature, 'base64');
  bytes[byte]! ^= 1 << bit;
  return bytes.toString('base64');
}

describe('report signatures', () => {
  let doctor: UnsealedSigningKey;
  let mallory: UnsealedSigningKey;

  beforeAll(async () => {
    const now = new Date('2025-03-20T08:00:00.000Z');
    const [doctorKey, malloryKey] = await Promise.all([
      createSigningKey(DOCTOR, 'doctor-password-1403', now, { kdf: FAST }),
      createSigningKey(MALLORY, 'mallory-password-1403', now, { kdf: FAST }),
    ]);
    [doctor, mallory] = await Promise.all([
      unsealSigningKey(doctorKey, DOCTOR, 'doctor-password-1403'),
      unsealSigningKey(malloryKey, MALLORY, 'mallory-password-1403'),
    ]);
  });

  it('signs and verifies a report (round trip)', () => {
    const payload = approval();
    const signed = signReport(payload, doctor);
    expect(signed.algorithm).toBe('Ed25519');
    expect(signed.keyId).toBe(doctor.keyId);
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(signed.payloadHash).toBe(
      crypto.createHash('sha256').update(canonicalJsonBytes(payload)).digest('hex'),
    );
    expect(reportPayloadHash(payload)).toBe(signed.payloadHash);

    const check = verifyReportSignature(payload, signed.signature, doctor.publicKey);
    expect(check).toEqual({ valid: true, payload, payloadHash: signed.payloadHash });
  });

  it('signs over canonical bytes that keep the Persian text as UTF-8', () => {
    const bytes = reportPayloadBytes(approval()).toString('utf8');
    expect(bytes).toContain('"plan":"آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۸ ساعت');
    expect(bytes).not.toMatch(/\\u06/);
  });

  it('gives the same signature for the same payload (Ed25519 is deterministic)', () => {
    const first = signReport(approval(), doctor);
    const second = signReport(clone(approval()), doctor);
    expect(second).toEqual(first);
  });

  it('gives the same canonical bytes whatever the key order of the input', () => {
    const payload = approval();
    const reordered = reversedKeys(payload);
    expect(Object.keys(reordered)[0]).toBe('amendmentReason');
    expect(reportPayloadBytes(reordered).equals(reportPayloadBytes(payload))).toBe(true);
    const signed = signReport(payload, doctor);
    expect(signReport(reordered, doctor).signature).toBe(signed.signature);
    // A copy stored as pretty-printed JSON and read back still verifies.
    const stored: unknown = JSON.parse(JSON.stringify(reordered, null, 2));
    expect(verifyReportSignature(stored, signed.signature, doctor.publicKey).valid).toBe(true);
  });

  describe('tamper detection', () => {
    let payload: SignedReportPayload;
    let signature: string;

    beforeAll(() => {
      payload = approval();
      signature = signReport(payload, doctor).signature;
    });

    const expectMismatch = (altered: unknown, signatureUsed = signature) => {
      expect(verifyReportSignature(altered, signatureUsed, doctor.publicKey)).toMatchObject({
        valid: false,
        reason: 'signature_mismatch',
      });
    };

    it('one Persian character changed (Persian ی to the look-alike Arabic ي)', () => {
      const altered = clone(payload);
      const index = altered.content.subjective.indexOf('ی');
      expect(index).toBeGreaterThanOrEqual(0);
      altered.content.subjective =
        altered.content.subjective.slice(0, index) +
        'ي' +
        altered.content.subjective.slice(index + 1);
      expectMismatch(altered);
    });

    it('one digit of a dose', () => {
      const altered = clone(payload);
      altered.content.medications[0]!.dose = '600 mg';
      expectMismatch(altered);
      const inPlan = clone(payload);
      inPlan.content.plan = inPlan.content.plan.replace('۵۰۰', '۸۰۰');
      expect(inPlan.content.plan).not.toBe(payload.content.plan);
      expectMismatch(inPlan);
    });

    it('the signing doctor', () => {
      expectMismatch({ ...clone(payload), doctorId: MALLORY });
    });

    it('the signing time, by one millisecond', () => {
      expectMismatch({ ...clone(payload), signedAt: '2025-03-20T08:30:00.001Z' });
    });

    it('one flipped bit of the signature, anywhere', () => {
      for (const [byte, bit] of [
        [0, 0],
        [17, 5],
        [31, 7],
        [32, 0],
        [63, 3],
      ] as const) {
        expectMismatch(payload, flipBit(signature, byte, bit));
      }
    });

    it('another key, a malformed signature, a malformed key, an extra field', () => {
      expect(verifyReportSignature(payload, signature, mallory.publicKey)).toMatchObject({
        valid: false,
        reason: 'signature_mismatch',
      });
      expect(
        verifyReportSignature(payload, signature.slice(0, -4), doctor.publicKey),
      ).toMatchObject({ valid: false, reason: 'signature_malformed' });
      expect(verifyReportSignature(payload, `${signature} `, doctor.publicKey)).toMatchObject({
        valid: false,
        reason: 'signature_malformed',
      });
      expect(verifyReportSignature(payload, signature, 'AAAA')).toMatchObject({
        valid: false,
        reason: 'public_key_invalid',
      });
      expect(
        verifyReportSignature({ ...payload, note: 'extra' }, signature, doctor.publicKey),
      ).toMatchObject({ valid: false, reason: 'payload_invalid' });
      const notJson = { ...clone(payload), version: Number.NaN };
      expect(verifyReportSignature(notJson, signature, doctor.publicKey)).toMatchObject({
        valid: false,
        reason: 'payload_invalid',
      });
    });
  });

  describe('what signReport refuses', () => {
    const refusal = (sign: () => unknown): AppError => {
      let thrown: unknown;
      try {
        sign();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(Object.keys(signingMessages)).toContain((thrown as AppError).messageKey);
      return thrown as AppError;
    };

    it('a report signed under another doctor’s name', () => {
      expect(refusal(() => signReport(approval({ doctorId: MALLORY }), doctor))).toMatchObject({
        code: 'permission_denied',
        messageKey: 'signing.notYourKey',
      });
    });

    it('an amendment without a reason, or without its back link; an approval with one', () => {
      const amendment = approval({ version: 2, previousVersionHash: 'a'.repeat(64) });
      expect(refusal(() => signReport(amendment, doctor))).toMatchObject({
        code: 'validation',
        messageKey: 'signing.amendmentReasonRequired',
      });
      expect(
        refusal(() => signReport({ ...amendment, amendmentReason: ' \u200c ' }, doctor)).messageKey,
      ).toBe('signing.amendmentReasonRequired');
      expect(
        refusal(() =>
          signReport(
            { ...amendment, previousVersionHash: null, amendmentReason: 'اصلاح دوز' },
            doctor,
          ),
        ).messageKey,
      ).toBe('signing.payloadInvalid');
      expect(
        refusal(() => signReport(approval({ previousVersionHash: 'b'.repeat(64) }), doctor))
          .messageKey,
      ).toBe('signing.payloadInvalid');
    });

    it('a payload that does not match the schema', () => {
      const bad = approval();
      bad.content.diagnoses[0]!.icd10 = 'not a code';
      expect(refusal(() => signReport(bad, doctor))).toMatchObject({
        code: 'validation',
        messageKey: 'signing.payloadInvalid',
      });
      expect(refusal(() => signReport(approval({ signedAt: '1403/01/01' }), doctor)).detail).toBe(
        'signedAt: Invalid ISO datetime',
      );
    });
  });
});

describe('amendment chain', () => {
  let doctor: UnsealedSigningKey;
  let mallory: UnsealedSigningKey;
  let chain: SignedReportVersion[];
  const registeredKeys = new Map<string, string[]>();
  const isDoctorKey = (doctorId: string, publicKey: string) =>
    registeredKeys.get(doctorId)?.includes(publicKey) ?? false;

  function version(
    key: UnsealedSigningKey,
    payload: SignedReportPayload,
    publicKey = key.publicKey,
  ): SignedReportVersion {
    return { payload, signature: signReport(payload, key).signature, publicKey };
  }

  /** An amendment of `previous` with one change to the plan. */
  function amend(
    previous: SignedReportVersion,
    number: number,
    plan: string,
    reason: string | null,
  ): SignedReportPayload {
    const before = previous.payload as SignedReportPayload;
    return {
      ...clone(before),
      version: number,
      content: { ...clone(before.content), plan },
      signedAt: new Date(Date.parse(before.signedAt) + 3_600_000).toISOString(),
      previousVersionHash: reportPayloadHash(before),
      amendmentReason: reason,
    };
  }

  beforeAll(async () => {
    const now = new Date('2025-03-20T08:00:00.000Z');
    const [doctorKey, malloryKey] = await Promise.all([
      createSigningKey(DOCTOR, 'doctor-password-1403', now, { kdf: FAST }),
      createSigningKey(MALLORY, 'mallory-password-1403', now, { kdf: FAST }),
    ]);
    [doctor, mallory] = await Promise.all([
      unsealSigningKey(doctorKey, DOCTOR, 'doctor-password-1403'),
      unsealSigningKey(malloryKey, MALLORY, 'mallory-password-1403'),
    ]);
    registeredKeys.set(DOCTOR, [doctor.publicKey]);
    registeredKeys.set(MALLORY, [mallory.publicKey]);

    const v1 = version(doctor, approval());
    const v2 = version(
      doctor,
      amend(v1, 2, 'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر ۱۲ ساعت به مدت ۱۰ روز.', 'اصلاح فاصلهٔ دوز'),
    );
    const v3 = version(
      doctor,
      amend(v2, 3, 'آزیترومایسین ۵۰۰ میلی‌گرم روزانه ۳ روز.', 'حساسیت به پنی‌سیلین گزارش شد'),
    );
    chain = [v1, v2, v3];
  });

  it('verifies three signed versions, with and without the key registry', () => {
    const latest = reportPayloadHash(chain[2]!.payload as SignedReportPayload);
    expect(verifyAmendmentChain(chain, { isDoctorKey })).toEqual({
      valid: true,
      versions: 3,
      latestHash: latest,
      keysTrusted: true,
    });
    expect(verifyAmendmentChain(chain)).toEqual({
      valid: true,
      versions: 3,
      latestHash: latest,
      keysTrusted: false,
    });
    expect(verifyAmendmentChain(chain.slice(0, 1), { isDoctorKey })).toMatchObject({
      valid: true,
      versions: 1,
    });
  });

  it('detects a removed middle version', () => {
    expect(verifyAmendmentChain([chain[0]!, chain[2]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      version: 3,
      reason: 'version_missing',
      messageKey: 'signing.check.versionMissing',
      params: { version: 3, expected: 2 },
    });
    expect(verifyAmendmentChain([chain[1]!, chain[2]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 0,
      reason: 'version_missing',
    });
  });

  it('detects a reordered pair', () => {
    expect(verifyAmendmentChain([chain[0]!, chain[2]!, chain[1]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      version: 3,
      reason: 'version_out_of_order',
    });
    expect(verifyAmendmentChain([chain[1]!, chain[0]!, chain[2]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 0,
      version: 2,
      reason: 'version_out_of_order',
    });
  });

  it('detects a repeated version', () => {
    expect(verifyAmendmentChain([chain[0]!, chain[1]!, chain[1]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 2,
      version: 2,
      reason: 'version_duplicate',
    });
  });

  it('detects an amendment without a reason, even when it is validly signed', () => {
    // signReport refuses this, so sign the canonical bytes directly, as a faulty or hostile
    // client would: the chain check must not rely on the signer's good behaviour.
    const payload = amend(chain[0]!, 2, 'بدون دلیل تغییر کرد', null);
    const signature = crypto
      .sign(null, reportPayloadBytes(payload), doctor.privateKey)
      .toString('base64');
    const unreasoned = { payload, signature, publicKey: doctor.publicKey };
    expect(verifyReportSignature(payload, signature, doctor.publicKey).valid).toBe(true);
    expect(verifyAmendmentChain([chain[0]!, unreasoned], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      version: 2,
      reason: 'amendment_reason_missing',
      messageKey: 'signing.check.amendmentReasonMissing',
    });
  });

  it('detects a version re-signed with another key', () => {
    // Mallory rewrites version 2 under the doctor's name and signs it with her own key.
    const forged = amend(chain[0]!, 2, 'مورفین ۳۰ میلی‌گرم', 'اصلاح');
    const forgedSignature = crypto
      .sign(null, reportPayloadBytes(forged), mallory.privateKey)
      .toString('base64');

    // Kept beside the doctor's public key, the signature does not verify.
    const keptKey = { payload: forged, signature: forgedSignature, publicKey: doctor.publicKey };
    expect(verifyAmendmentChain([chain[0]!, keptKey, chain[2]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      version: 2,
      reason: 'signature_invalid',
    });

    // Stored with Mallory's public key, the signature verifies but the key is not the doctor's.
    const ownKey = { payload: forged, signature: forgedSignature, publicKey: mallory.publicKey };
    expect(verifyAmendmentChain([chain[0]!, ownKey, chain[2]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      version: 2,
      reason: 'untrusted_key',
      messageKey: 'signing.check.untrustedKey',
    });
    // Without the registry, the doctor's key changing within the chain still gives it away.
    expect(verifyAmendmentChain([chain[0]!, ownKey, chain[2]!])).toMatchObject({
      valid: false,
      index: 1,
      reason: 'signer_key_changed',
    });
  });

  it('detects a version edited after signing', () => {
    const edited = clone(chain[1]!);
    (edited.payload as SignedReportPayload).content.medications[0]!.dose = '5000 mg';
    expect(verifyAmendmentChain([chain[0]!, edited, chain[2]!], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      reason: 'signature_invalid',
      messageKey: 'signing.check.signatureInvalid',
    });
  });

  it('detects a validly signed version that does not point to the one before it', () => {
    const elsewhere = amend(chain[0]!, 2, 'طرح دیگر', 'اصلاح');
    const astray = version(doctor, { ...elsewhere, previousVersionHash: 'c'.repeat(64) });
    expect(verifyAmendmentChain([chain[0]!, astray], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      reason: 'previous_hash_mismatch',
    });
    // A first version pointing back (signed raw: signReport refuses it).
    const rootPayload = approval({ previousVersionHash: 'd'.repeat(64) });
    const rootSigned = {
      payload: rootPayload,
      signature: crypto
        .sign(null, reportPayloadBytes(rootPayload), doctor.privateKey)
        .toString('base64'),
      publicKey: doctor.publicKey,
    };
    expect(verifyAmendmentChain([rootSigned], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 0,
      reason: 'unexpected_previous_hash',
    });
  });

  it('detects a version of another report spliced in', () => {
    const other = amend(chain[0]!, 2, 'گزارش دیگر', 'اصلاح');
    const spliced = version(doctor, { ...other, reportId: 'r-0002' });
    expect(verifyAmendmentChain([chain[0]!, spliced], { isDoctorKey })).toMatchObject({
      valid: false,
      index: 1,
      reason: 'different_report',
    });
  });

  it('reports an empty chain and an unreadable payload', () => {
    expect(verifyAmendmentChain([])).toMatchObject({ valid: false, reason: 'empty' });
    const broken = { ...chain[1]!, payload: { ...(chain[1]!.payload as object), version: '2' } };
    expect(verifyAmendmentChain([chain[0]!, broken])).toMatchObject({
      valid: false,
      index: 1,
      version: null,
      reason: 'payload_invalid',
    });
  });

  it('has a declared message for every reason a chain can break', () => {
    for (const reason of chainBreakReasons) {
      expect(Object.keys(signingMessages)).toContain(chainBreakMessageKeys[reason]);
    }
  });
});
