import { formatJalaliDate } from '../../shared/dates/jalali';
import type { PatientListItem } from '../../shared/patients/patient';
import type { NewPatientInput } from '../../shared/patients/patient-input';
import { asSignedInUser } from '../clinic';
import { defineCommand } from '../command';
import { EXIT } from '../errors';
import type { Output } from '../output';

const text = (fa: string, en: string) => ({ fa, en });

export const patientsAddCommand = defineCommand({
  path: ['patients', 'add'],
  synopsis:
    '--first-name <name> --last-name <name> [--national-id <id>] [--phone <no>] [--birth-date 1370/05/12] [--sex female|male|other] [--mrn <no>] [--first-name-latin <name>] [--last-name-latin <name>] [--father-name <name>]',
  summary: text('ثبت بیمار تازه.', 'Registers a new patient.'),
  options: {
    'first-name': {
      type: 'string',
      value: '<name>',
      required: true,
      help: text('نام.', 'First name.'),
    },
    'last-name': {
      type: 'string',
      value: '<name>',
      required: true,
      help: text('نام خانوادگی.', 'Last name.'),
    },
    'national-id': {
      type: 'string',
      value: '<id>',
      help: text('کد ملی ۱۰ رقمی.', 'The 10-digit national ID.'),
    },
    phone: { type: 'string', value: '<no>', help: text('شمارهٔ تلفن.', 'Phone number.') },
    'birth-date': {
      type: 'string',
      value: '<date>',
      help: text(
        'تاریخ تولد شمسی (۱۳۷۰/۰۵/۱۲) یا میلادی (1991-08-03).',
        'Birth date, Jalali (1370/05/12) or ISO Gregorian (1991-08-03).',
      ),
    },
    sex: { type: 'string', value: 'female|male|other', help: text('جنس.', 'Sex.') },
    mrn: {
      type: 'string',
      value: '<no>',
      help: text(
        'شمارهٔ پرونده (اگر داده نشود، ساخته می‌شود).',
        'Medical record number (assigned when not given).',
      ),
    },
    'first-name-latin': {
      type: 'string',
      value: '<name>',
      help: text('نام به حروف لاتین.', 'First name in Latin letters.'),
    },
    'last-name-latin': {
      type: 'string',
      value: '<name>',
      help: text('نام خانوادگی به حروف لاتین.', 'Last name in Latin letters.'),
    },
    'father-name': { type: 'string', value: '<name>', help: text('نام پدر.', "Father's name.") },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: {
    firstName: '--first-name',
    lastName: '--last-name',
    nationalId: '--national-id',
    phone: '--phone',
    birthDate: '--birth-date',
    sex: '--sex',
    mrn: '--mrn',
    firstNameLatin: '--first-name-latin',
    lastNameLatin: '--last-name-latin',
    fatherName: '--father-name',
  },
  run(context) {
    const { args, out } = context;
    return asSignedInUser(context, [], ({ services, actor }) => {
      const patient = services.patients.create(actor, {
        firstName: args.required('first-name'),
        lastName: args.required('last-name'),
        nationalId: args.string('national-id') ?? null,
        phone: args.string('phone') ?? null,
        birthDate: args.string('birth-date') ?? null,
        // Checked against the allowed values by the core's schema (exit 3 with its message).
        sex: (args.string('sex') ?? null) as NewPatientInput['sex'],
        mrn: args.string('mrn') ?? null,
        firstNameLatin: args.string('first-name-latin') ?? null,
        lastNameLatin: args.string('last-name-latin') ?? null,
        fatherName: args.string('father-name') ?? null,
      });
      if (out.json) {
        out.document({ ok: true, patient });
      } else {
        out.say('cli.patients.added', { mrn: patient.mrn, id: patient.id });
        printPatients(context.out, [patient]);
      }
      return EXIT.ok;
    });
  },
});

export const patientsSearchCommand = defineCommand({
  path: ['patients', 'search'],
  synopsis: '<query> [--limit <n>]',
  summary: text(
    'جست‌وجوی بیمار با بخش آغازین نام (فارسی یا لاتین)، کد ملی، تلفن یا شمارهٔ پرونده.',
    'Finds patients by the start of a name (Persian or Latin), national ID, phone or record number.',
  ),
  positional: { name: '<query>', required: true, rest: true },
  options: {
    limit: {
      type: 'string',
      value: '<n>',
      help: text('بیشترین تعداد نتیجه (پیش‌فرض ۵۰).', 'At most this many results (default 50).'),
    },
  },
  actsAsUser: true,
  secrets: ['passphrase', 'password'],
  fields: { query: '<query>', limit: '--limit' },
  run(context) {
    const { args, out } = context;
    const query = args.positionals.join(' ');
    const limit = args.integer('limit');
    return asSignedInUser(context, [], ({ services, actor }) => {
      const result = services.patients.search(actor, {
        query,
        ...(limit === undefined ? {} : { limit }),
      });
      if (out.json) {
        out.document({ ok: true, ...result });
        return EXIT.ok;
      }
      if (result.items.length === 0) {
        out.say('cli.patients.none');
        return EXIT.ok;
      }
      out.say('cli.patients.count', { count: result.items.length });
      printPatients(out, result.items);
      if (result.truncated) out.say('cli.patients.truncated');
      return EXIT.ok;
    });
  },
});

function printPatients(out: Output, items: readonly PatientListItem[]): void {
  out.table(
    [
      { label: 'cli.col.mrn' },
      { label: 'cli.col.name' },
      { label: 'cli.col.latinName' },
      { label: 'cli.col.nationalId' },
      { label: 'cli.col.phone' },
      { label: 'cli.col.birthDate' },
      { label: 'cli.col.sex' },
      { label: 'cli.col.id' },
    ],
    items.map((patient) => [
      patient.mrn,
      `${patient.firstName} ${patient.lastName}`,
      [patient.firstNameLatin, patient.lastNameLatin].filter(Boolean).join(' '),
      patient.nationalId ?? '',
      patient.phone ?? '',
      birthDate(patient.birthDate),
      patient.sex ?? '',
      patient.id,
    ]),
  );
}

/** Jalali with the ISO date beside it: 1370/05/12 (1991-08-03). */
function birthDate(iso: string | null): string {
  if (!iso) return '';
  try {
    return `${formatJalaliDate(iso, 'latin')} (${iso})`;
  } catch {
    return iso;
  }
}
