import type { Migration } from '../electron/core/db/migrate';
import initialSchema from './0001-initial-schema';
import scheduling from './0002-scheduling';
import recording from './0003-recording';
import transcripts from './0004-transcripts';
import soapReports from './0005-soap-reports';

/** Every migration, in order. Append new ones; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [
  initialSchema,
  scheduling,
  recording,
  transcripts,
  soapReports,
];
