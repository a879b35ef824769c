import { q } from '../db/database';
import type { AccessLogTable } from '../db/schema';
import { AppError } from '../errors';
import type { TestClinic } from './fixtures';

/** The AppError a call throws; fails the test if it returns or throws something else. */
export function appError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call returned normally');
}

/** The AppError a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject with an AppError');
}

/** Access-log rows after `afterSeq`, oldest first. */
export function logRows(clinic: TestClinic, afterSeq = 0): AccessLogTable[] {
  return clinic.core.db.read((tx) =>
    tx.all(q.selectFrom('access_log').selectAll().where('seq', '>', afterSeq).orderBy('seq')),
  );
}

export function lastSeq(clinic: TestClinic): number {
  return logRows(clinic).at(-1)?.seq ?? 0;
}
