import type { z } from 'zod';
import { fieldErrorsOf } from '../shared/validation';
import { AppError } from './errors';

/** Parses untrusted input; a failure becomes one AppError listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation', 'validation.failed', { fields: fieldErrorsOf(result.error) });
}
