import type { z } from 'zod';
import type { FieldError } from './errors';
import { isMessageKey, type MessageKey } from './messages';

/**
 * Zod schemas in this app use message keys as their error messages (`{ error: 'patient.…' }`),
 * so one schema gives field-level messages in Persian and English to both the form and the core.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  // One message per field: the first rule it broke (an empty name is "required", not also
  // "invalid characters").
  const seen = new Set<string>();
  const firstPerField = error.issues.filter((issue) => {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  });
  return firstPerField.map((issue): FieldError => {
    const field = issue.path.map(String).join('.') || '_';
    if (isMessageKey(issue.message)) {
      const params = issue.code === 'custom' ? (issue.params as FieldError['params']) : undefined;
      return { field, messageKey: issue.message, ...(params ? { params } : {}) };
    }
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
      return issue.origin === 'string'
        ? { field, messageKey: 'validation.tooLong', params: { max: issue.maximum } }
        : { field, messageKey: 'validation.tooLarge', params: { max: issue.maximum } };
    }
    if (
      issue.code === 'too_small' &&
      typeof issue.minimum === 'number' &&
      issue.origin === 'number'
    ) {
      return { field, messageKey: 'validation.tooSmall', params: { min: issue.minimum } };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return { field, messageKey: 'validation.required' };
    }
    return { field, messageKey: 'validation.invalid' };
  });
}

/** A message key used as a zod error message, checked to exist at compile time. */
export function msg(key: MessageKey): { error: MessageKey } {
  return { error: key };
}

/** A message key in a custom zod issue, checked to exist at compile time. */
export function key(messageKey: MessageKey): MessageKey {
  return messageKey;
}
