/**
 * Test helper run as a child process with its own TMPDIR: exercises every path that handles
 * patient data (create, search in every form, read, update, delete, key rotation, backup and
 * restore), then waits with the database open so the parent can scan the database, its WAL, the
 * temporary directory and the logs. A line on stdin makes it close the database and exit.
 * Usage: node --import tsx write-distinctive-patients.ts <dataDir> <json of the distinctive values>
 */
import fs from 'node:fs';
import path from 'node:path';
import { ClinicCore } from '../../clinic-core';
import { PassphraseKeyVault } from '../../crypto/passphrase-vault';
import { restoreBackup } from '../../backup/backup-service';
import { FileLogger } from '../../log/logger';
import { addDays, localToday } from '../../../shared/dates/clinic-time';
import { ADMIN_PASSWORD, TEST_PASSPHRASE } from '../fixtures';

interface Distinctive {
  firstName: string;
  lastName: string;
  latinName: string;
  phone: string;
  nationalId: string;
  mrn: string;
  allergy: string;
  address: string;
  complaint: string;
  visitNote: string;
}

const [dataDir, json] = process.argv.slice(2);
const values = JSON.parse(json!) as Distinctive;
const logger = new FileLogger(path.join(dataDir!, 'logs'));
const open = () => ClinicCore.open({ dataDir: dataDir!, logger });
let core = open();
const setup = await core.setUp([new PassphraseKeyVault(TEST_PASSPHRASE)], {
  clinic: { name: 'کلینیک آزمایش نشت' },
  admin: { username: 'admin', displayName: 'مدیر', password: ADMIN_PASSWORD },
});
const { token } = await setup.services.sessions.login('admin', ADMIN_PASSWORD);
const actor = setup.services.sessions.actor(token);
const { patients, encounters, keys, backup, accounts, schedule, visits, calendar, waitlist } =
  setup.services;

const created = patients.create(actor, {
  firstName: values.firstName,
  lastName: values.lastName,
  firstNameLatin: values.latinName,
  phone: values.phone,
  nationalId: values.nationalId,
  mrn: values.mrn,
  allergies: values.allergy,
  address: values.address,
  birthDate: '1365/02/03',
  sex: 'female',
});
const second = patients.create(actor, {
  firstName: `${values.firstName}دوم`,
  lastName: values.lastName,
});
core.db.write((tx) =>
  encounters.insert(tx, {
    id: '01900000-0000-7000-8000-0000000000e1',
    patientId: created.id,
    doctorId: actor.userId,
    type: 'in_person',
    chiefComplaint: values.complaint,
    scheduledAt: '2026-11-22T06:30:00.000Z',
    durationMinutes: 30,
    videoRoomId: null,
    patientJoinUrl: null,
    doctorJoinUrl: null,
    isRecordingEnabled: true,
    recordingConsent: false,
    recordingUrl: null,
    feeAmount: 1_500_000,
    isPaid: false,
    paymentTransaction: null,
    patientNotes: values.complaint,
    doctorNotes: null,
    accessCode: null,
    metadata: { note: values.complaint },
    createdAt: '2026-11-22T06:00:00.000Z',
    createdBy: actor.userId,
    updatedAt: '2026-11-22T06:00:00.000Z',
    updatedBy: actor.userId,
  }),
);
// Scheduling: a booking with a complaint, an override and a cancellation with free-text notes,
// a waitlist entry with a note, the day view and the visit's history.
const doctor = await accounts.createUser(actor, {
  username: 'dr.leak',
  displayName: 'دکتر آزمایش',
  role: 'doctor',
  password: 'Doctor-Leak-Test-1405',
});
schedule.setWeekly(actor, {
  doctorId: doctor.id,
  periods: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    startMinute: 0,
    endMinute: 1440,
    kind: 'work' as const,
  })),
});
const tomorrow = addDays(localToday(new Date(), 'Asia/Tehran'), 1);
const [booked] = visits.book(actor, {
  patientId: created.id,
  doctorId: doctor.id,
  type: 'in_person',
  date: tomorrow,
  time: '10:00',
  chiefComplaint: values.complaint,
});
const [overbooked] = visits.book(actor, {
  patientId: created.id,
  doctorId: doctor.id,
  type: 'in_person',
  date: tomorrow,
  time: '10:10',
  chiefComplaint: values.complaint,
  override: { reason: 'urgent', note: values.visitNote },
});
visits.cancel(actor, { id: overbooked!.id, party: 'patient', note: values.visitNote });
waitlist.add(actor, {
  patientId: created.id,
  doctorId: doctor.id,
  type: 'in_person',
  note: values.visitNote,
});
calendar.day(actor, { date: tomorrow });
calendar.history(actor, booked!.id);

for (const query of [
  values.firstName,
  values.lastName,
  values.latinName,
  values.phone,
  values.nationalId,
  values.mrn,
]) {
  patients.search(actor, { query });
}
patients.get(actor, created.id);
patients.update(actor, created.id, { address: `${values.address} پلاک ۷` });
patients.remove(actor, second.id);
try {
  patients.create(actor, {
    firstName: values.firstName,
    lastName: values.lastName,
    nationalId: values.nationalId,
  });
} catch (error) {
  logger.error('expected.duplicate', error);
}
await keys.rotate(actor, { batchSize: 1 });
const backupFile = path.join(dataDir!, 'leak-test.hbk');
await backup.create(actor, { outFile: backupFile, passphrase: 'backup passphrase 1405' });
core.close();
await restoreBackup({
  file: backupFile,
  passphrase: 'backup passphrase 1405',
  paths: core.paths,
  vault: new PassphraseKeyVault(TEST_PASSPHRASE),
  migrations: core.migrations,
  clock: core.clock,
  logger,
  workstationId: core.workstation.id,
});
core = open();
const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
const again = await services.sessions.login('admin', ADMIN_PASSWORD);
services.patients.search(services.sessions.actor(again.token), { query: values.lastName });
services.patients.update(services.sessions.actor(again.token), created.id, { phone: values.phone });

fs.rmSync(backupFile);
process.stdout.write('READY\n');
process.stdin.once('data', () => {
  core.close();
  process.stdout.write('CLOSED\n');
  process.exit(0);
});
