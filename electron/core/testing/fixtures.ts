import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserSummary } from '../../shared/accounts';
import type { NewUserInput } from '../../shared/accounts';
import type { Actor } from '../../shared/roles';
import { ClinicCore, type ClinicServices, type CoreOptions } from '../clinic-core';
import { PassphraseKeyVault } from '../crypto/passphrase-vault';

/**
 * Test fixtures: a real data folder in a temporary directory, a real database, real keys behind a
 * real passphrase vault and real password hashes. Nothing here is a stand-in.
 */
export const TEST_PASSPHRASE = 'kelid-e kelinik-e azmayeshi 1405';
export const ADMIN_PASSWORD = 'Modir-e Azmayesh 1405';

export function makeTempDir(label = 'helssa-test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface TestClinic {
  readonly dir: string;
  readonly core: ClinicCore;
  readonly services: ClinicServices;
  readonly admin: UserSummary;
  readonly adminActor: Actor;
  readonly adminToken: string;
}

export async function setUpTestClinic(
  dir: string = makeTempDir(),
  options: Partial<CoreOptions> = {},
): Promise<TestClinic> {
  const core = ClinicCore.open({ dataDir: dir, ...options });
  const { services, admin } = await core.setUp([new PassphraseKeyVault(TEST_PASSPHRASE)], {
    clinic: { name: 'کلینیک آزمایشی هلسا', nameEn: 'HELSSA Test Clinic' },
    admin: { username: 'admin', displayName: 'مدیر آزمایشی', password: ADMIN_PASSWORD },
  });
  const { token } = await services.sessions.login('admin', ADMIN_PASSWORD);
  return {
    dir,
    core,
    services,
    admin,
    adminActor: services.sessions.actor(token),
    adminToken: token,
  };
}

/** Adds a user and signs them in; returns their actor. */
export async function addUser(
  clinic: TestClinic,
  input: Omit<NewUserInput, 'password'> & { password?: string },
): Promise<{ user: UserSummary; actor: Actor; token: string; password: string }> {
  const password = input.password ?? `Gozarvazheh-${input.username}-1405`;
  const user = await clinic.services.accounts.createUser(clinic.adminActor, { ...input, password });
  const { token } = await clinic.services.sessions.login(input.username, password);
  return { user, actor: clinic.services.sessions.actor(token), token, password };
}

/** A clinic with one doctor and one receptionist signed in beside the administrator. */
export interface TestTeam {
  readonly clinic: TestClinic;
  readonly doctor: Actor;
  readonly staff: Actor;
}

export const TEAM_STAFF_USERNAME = 'monshi';

export async function setUpTestTeam(
  label: string,
  options: Partial<CoreOptions> = {},
): Promise<TestTeam> {
  const clinic = await setUpTestClinic(makeTempDir(label), options);
  const doctor = await addUser(clinic, {
    username: 'dr.karimi',
    displayName: 'دکتر کریمی',
    role: 'doctor',
  });
  const staff = await addUser(clinic, {
    username: TEAM_STAFF_USERNAME,
    displayName: 'منشی',
    role: 'staff',
  });
  return { clinic, doctor: doctor.actor, staff: staff.actor };
}

export function closeTestClinic(clinic: TestClinic): void {
  clinic.core.close();
  removeDir(clinic.dir);
}
