import type { FieldError } from './errors';

/**
 * The same password typed on two Persian keyboard layouts can differ in code points (Arabic ي
 * and ك versus Persian ی and ک, Persian versus ASCII digits). Folding those keeps a clinic's
 * staff from being locked out by a keyboard setting, at a negligible cost in entropy.
 */
export function normalizeSecret(secret: string): string {
  return secret
    .normalize('NFKC')
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

export const MIN_PASSWORD_LENGTH = 8;

const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  'password',
  'password1',
  'qwertyui',
  'qwerty123',
  'iloveyou',
  'admin123',
  'administrator',
  'helssa123',
  'clinic123',
  '1q2w3e4r',
  'abcd1234',
]);

/** Length and common-password rules (NIST SP 800-63B style: length over composition rules). */
export function passwordProblems(password: string, username: string): FieldError[] {
  const normalized = normalizeSecret(password);
  if ([...normalized].length < MIN_PASSWORD_LENGTH) {
    return [
      {
        field: 'password',
        messageKey: 'account.password.tooShort',
        params: { min: MIN_PASSWORD_LENGTH },
      },
    ];
  }
  if ([...normalized].length > 256) {
    return [{ field: 'password', messageKey: 'validation.tooLong', params: { max: 256 } }];
  }
  const lower = normalized.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || lower === username.toLowerCase() || new Set(lower).size < 3) {
    return [{ field: 'password', messageKey: 'account.password.tooCommon' }];
  }
  return [];
}
