import type { OptionSpecs } from '../args';
import { globalOptions } from '../args';
import type { CommandSpec } from '../command';
import { auditReportCommand, auditSuspiciousCommand, auditVerifyCommand } from './audit';
import { backupCommand, restoreCommand } from './backup';
import { initCommand } from './init';
import { keysRotateCommand } from './keys';
import { patientsAddCommand, patientsSearchCommand } from './patients';
import { recordingsImportCommand } from './recordings';
import { reportsVerifyCommand } from './reports';
import { usersAddCommand, usersListCommand } from './users';
import { visitsBookCommand, visitsDayCommand } from './visits';

/** Every command, in the order help lists them. */
export const commands: readonly CommandSpec[] = [
  initCommand,
  usersAddCommand,
  usersListCommand,
  patientsAddCommand,
  patientsSearchCommand,
  visitsBookCommand,
  visitsDayCommand,
  recordingsImportCommand,
  reportsVerifyCommand,
  auditVerifyCommand,
  auditReportCommand,
  auditSuspiciousCommand,
  keysRotateCommand,
  backupCommand,
  restoreCommand,
];

/**
 * Every option any command knows, so the command line can be read before the command is known.
 * An option name means the same type everywhere (checked by the tests).
 */
export function allOptions(): OptionSpecs {
  const all: Record<string, OptionSpecs[string]> = { ...globalOptions };
  for (const command of commands) Object.assign(all, command.options);
  return all;
}
