import type { Migration } from '../electron/core/db/migrate';
import initialSchema from './0001-initial-schema';

/** Every migration, in order. Append new ones; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [initialSchema];
