import { makeValidNationalId } from '../shared/patients/national-id';
import type { NewPatientInput } from '../shared/patients/patient-input';
import { localToday, parseMinute } from '../shared/dates/clinic-time';
import type { Actor } from '../shared/roles';
import type { ClinicCore, ClinicServices } from '../core/clinic-core';
import type { KeyVault } from '../core/crypto/vault';
import { uuidv7 } from '../core/ids';

/**
 * A demo clinic for the browser preview: fictional people only (names are common Persian names
 * combined at random, national IDs are generated with a valid check digit, phone numbers are in
 * a fictional range). The passwords are printed by the preview so a developer can sign in.
 */
export const DEMO_USERS = [
  { username: 'admin', displayName: 'مدیر کلینیک', role: 'admin', password: 'Demo-Admin-1405' },
  {
    username: 'dr.karimi',
    displayName: 'دکتر مریم کریمی',
    role: 'doctor',
    specialty: 'داخلی',
    medicalCouncilNo: '۱۲۳۴۵۶',
    password: 'Demo-Doctor-1405',
  },
  {
    username: 'dr.ahmadi',
    displayName: 'دکتر علی احمدی',
    role: 'doctor',
    specialty: 'کودکان',
    medicalCouncilNo: '۶۵۴۳۲۱',
    password: 'Demo-Doctor-1405',
  },
  { username: 'monshi', displayName: 'زهرا منشی', role: 'staff', password: 'Demo-Staff-1405' },
] as const;

const FIRST = [
  ['محمدرضا', 'Mohammadreza', 'male'],
  ['فاطمه', 'Fatemeh', 'female'],
  ['علی', 'Ali', 'male'],
  ['زهرا', 'Zahra', 'female'],
  ['حسین', 'Hossein', 'male'],
  ['مریم', 'Maryam', 'female'],
  ['امیرحسین', 'Amirhossein', 'male'],
  ['نرگس', 'Narges', 'female'],
  ['رضا', 'Reza', 'male'],
  ['سارا', 'Sara', 'female'],
  ['مهدی', 'Mahdi', 'male'],
  ['الهام', 'Elham', 'female'],
  ['سعید', 'Saeed', 'male'],
  ['نیلوفر', 'Niloufar', 'female'],
  ['کاوه', 'Kaveh', 'male'],
  ['پریسا', 'Parisa', 'female'],
] as const;
const LAST = [
  ['رضایی', 'Rezaei'],
  ['محمدی', 'Mohammadi'],
  ['حسینی', 'Hosseini'],
  ['احمدی‌نژاد', 'Ahmadinejad'],
  ['کریمی', 'Karimi'],
  ['موسوی', 'Mousavi'],
  ['جعفری', 'Jafari'],
  ['صادقی', 'Sadeghi'],
  ['طاهری', 'Taheri'],
  ['قاسمی', 'Ghasemi'],
  ['نوری', 'Nouri'],
  ['یزدانی', 'Yazdani'],
] as const;
const COMPLAINTS = [
  'سردرد و تب از دو روز پیش',
  'سرفهٔ خشک و گلودرد',
  'درد شکم بعد از غذا',
  'کنترل فشار خون',
  'پیگیری آزمایش قند خون',
  'درد زانو هنگام بالا رفتن از پله',
  'خستگی و بی‌خوابی',
  'واکسن و معاینهٔ دوره‌ای کودک',
];

/** A small deterministic generator, so every demo clinic looks the same. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export async function seedDemoClinic(core: ClinicCore, vaults: readonly KeyVault[]): Promise<void> {
  const [admin, ...others] = DEMO_USERS;
  const { services } = await core.setUp(vaults, {
    clinic: {
      name: 'کلینیک نمونهٔ هلسا (داده‌های ساختگی)',
      nameEn: 'HELSSA Demo Clinic (fictional data)',
      address: 'تهران، خیابان نمونه، پلاک ۱۴',
      phone: '۰۲۱-۸۸۰۰۰۰۰۰',
    },
    admin: { username: admin.username, displayName: admin.displayName, password: admin.password },
  });
  const { token } = await services.sessions.login(admin.username, admin.password);
  const actor = services.sessions.actor(token);
  const doctorIds: string[] = [];
  for (const user of others) {
    const created = await services.accounts.createUser(actor, user);
    if (created.role === 'doctor') doctorIds.push(created.id);
  }

  const random = sequence(1405);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const inputs: NewPatientInput[] = Array.from({ length: 48 }, (_, index) => {
    const [firstName, firstNameLatin, sex] = pick(FIRST);
    const [lastName, lastNameLatin] = pick(LAST);
    const year = 1320 + Math.floor(random() * 83);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return {
      firstName,
      lastName,
      ...(index % 3 === 0 ? { firstNameLatin, lastNameLatin } : {}),
      sex,
      nationalId: makeValidNationalId(String(100_000_000 + Math.floor(random() * 899_999_999))),
      phone: `0990${String(1_000_000 + index * 7919).slice(0, 7)}`,
      birthDate: `${year}/${month}/${day}`,
      ...(index % 5 === 0 ? { allergies: pick(['پنی‌سیلین', 'آسپرین', 'بادام زمینی']) } : {}),
    };
  });
  const patients = services.patients.importMany(actor, inputs);

  const now = core.clock.now();
  core.db.write((tx) => {
    patients.forEach((patient, index) => {
      const visits = index % 4 === 0 ? 0 : 1 + (index % 3);
      for (let v = 0; v < visits; v += 1) {
        const daysAgo = 10 + v * 60 + index;
        const at = new Date(now.getTime() - daysAgo * 86_400_000);
        at.setUTCHours(5 + (index % 6), (index % 2) * 30, 0, 0);
        const id = uuidv7(at.getTime());
        services.encounters.insert(tx, {
          id,
          patientId: patient.id,
          doctorId: doctorIds[index % doctorIds.length]!,
          type: v === 0 ? 'in_person' : 'follow_up',
          status: 'completed',
          chiefComplaint: pick(COMPLAINTS),
          scheduledAt: at.toISOString(),
          durationMinutes: 20,
          videoRoomId: null,
          patientJoinUrl: null,
          doctorJoinUrl: null,
          isRecordingEnabled: true,
          recordingConsent: true,
          recordingUrl: null,
          feeAmount: 1_500_000,
          isPaid: true,
          paymentTransaction: null,
          patientNotes: null,
          doctorNotes: null,
          accessCode: null,
          metadata: { demo: true },
          createdAt: now.toISOString(),
          createdBy: actor.userId,
          updatedAt: now.toISOString(),
          updatedBy: actor.userId,
        });
        services.accessLog.append(tx, {
          actor,
          action: 'create',
          resourceType: 'encounter',
          resourceId: id,
          patientId: patient.id,
          granted: true,
        });
      }
    });
  });
  seedSchedules(services, actor, doctorIds);
  const today = localToday(core.clock.now(), services.clinic.profile().timeZone);
  bookComingWeek(services, actor, doctorIds, {
    from: today,
    patientIds: patients.map((patient) => patient.id),
    random,
  });
  services.sessions.logout(token);
}

/** Morning hours with a tea break for everyone; afternoons for the paediatrician. */
function seedSchedules(services: ClinicServices, actor: Actor, doctorIds: readonly string[]) {
  const periods = (
    weekdays: readonly number[],
    start: string,
    end: string,
    kind: 'work' | 'break',
  ) =>
    weekdays.map((weekday) => ({
      weekday,
      startMinute: parseMinute(start)!,
      endMinute: parseMinute(end)!,
      kind,
    }));
  const saturdayToWednesday = [6, 0, 1, 2, 3];
  doctorIds.forEach((doctorId, index) => {
    services.schedule.setWeekly(actor, {
      doctorId,
      periods: [
        ...periods(saturdayToWednesday, '08:00', '13:00', 'work'),
        ...periods(saturdayToWednesday, '10:30', '10:45', 'break'),
        ...(index === 0 ? periods([4], '08:00', '12:00', 'work') : []),
        ...(index === 1 ? periods([6, 1, 3], '16:00', '20:00', 'work') : []),
      ],
    });
  });
  const fees: Record<string, number> = {
    in_person: 1_500_000,
    follow_up: 800_000,
    video: 1_200_000,
    audio: 900_000,
    chat: 500_000,
  };
  for (const [code, defaultFee] of Object.entries(fees)) {
    services.schedule.updateVisitType(actor, { code, defaultFee });
  }
}

/** Three or four visits per doctor per working day for the coming week, at free slots. */
function bookComingWeek(
  services: ClinicServices,
  actor: Actor,
  doctorIds: readonly string[],
  plan: { from: string; patientIds: readonly string[]; random: () => number },
) {
  const { from, patientIds, random } = plan;
  let next = 0;
  for (const doctorId of doctorIds) {
    const slots = services.calendar.freeSlots(actor, {
      doctorId,
      from,
      days: 7,
      durationMinutes: 20,
    });
    const byDay = new Map<string, typeof slots>();
    for (const slot of slots) byDay.set(slot.date, [...(byDay.get(slot.date) ?? []), slot]);
    for (const daySlots of byDay.values()) {
      const wanted = 3 + Math.floor(random() * 2);
      for (let n = 0; n < wanted && daySlots.length > 0; n += 1) {
        const [slot] = daySlots.splice(Math.floor(random() * daySlots.length), 1);
        const patientId = patientIds[next++ % patientIds.length]!;
        try {
          services.visits.book(actor, {
            patientId,
            doctorId,
            type: n === 0 ? 'follow_up' : 'in_person',
            date: slot!.date,
            time: slot!.startMinute,
            chiefComplaint: COMPLAINTS[next % COMPLAINTS.length]!,
          });
        } catch {
          // The patient already has a visit then; the demo simply books one fewer.
        }
      }
    }
  }
}
